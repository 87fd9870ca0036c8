package io.kongsync.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rows of one entity type, ordered by id as Postgres pages them, with an index per unique constraint and per
 * foreign key (parent id to child ids), so that no write scans the table. Not thread-safe: {@link Store} guards it.
 * Rows are never mutated once stored; a write replaces the row.
 */
final class Table {

    private final EntityType type;
    private final TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
    private final List<Map<String, String>> uniques;
    private final Map<String, Map<String, TreeSet<String>>> children = new HashMap<>();

    Table(EntityType type) {
        this.type = type;
        this.uniques = type.uniques().stream().<Map<String, String>>map(u -> new HashMap<>()).toList();
        for (Reference r : type.references()) {
            children.put(r.field(), new HashMap<>());
        }
    }

    EntityType type() {
        return type;
    }

    Map<String, Object> get(String id) {
        return rows.get(id);
    }

    int size() {
        return rows.size();
    }

    /** Rows with an id greater than {@code after} (all when null), in id order. */
    Iterable<Map<String, Object>> from(String after) {
        return after == null ? rows.values() : rows.tailMap(after, false).values();
    }

    Iterable<Map<String, Object>> all() {
        return rows.values();
    }

    /** The id of the row holding these values of a unique constraint, or null. */
    String findUnique(int constraint, Map<String, Object> row) {
        String key = uniqueKey(type.uniques().get(constraint), row);
        return key == null ? null : uniques.get(constraint).get(key);
    }

    /** The id of the row whose single-field unique {@code field} equals {@code value}, or null. */
    String findBy(String field, Object value) {
        List<List<String>> constraints = type.uniques();
        for (int i = 0; i < constraints.size(); i++) {
            if (constraints.get(i).size() == 1 && constraints.get(i).get(0).equals(field)) {
                return value == null ? null : uniques.get(i).get(scalar(value));
            }
        }
        return null;
    }

    /** Ids of the rows whose foreign key {@code field} points at {@code parentId}, in id order. */
    NavigableSet<String> childrenOf(String field, String parentId) {
        TreeSet<String> ids = children.get(field).get(parentId);
        return ids == null ? Collections.emptyNavigableSet() : ids;
    }

    void put(Map<String, Object> row) {
        String id = (String) row.get("id");
        Map<String, Object> old = rows.put(id, row);
        if (old != null) {
            unindex(old);
        }
        index(row);
    }

    Map<String, Object> remove(String id) {
        Map<String, Object> old = rows.remove(id);
        if (old != null) {
            unindex(old);
        }
        return old;
    }

    private void index(Map<String, Object> row) {
        String id = (String) row.get("id");
        for (int i = 0; i < uniques.size(); i++) {
            String key = uniqueKey(type.uniques().get(i), row);
            if (key != null) {
                uniques.get(i).put(key, id);
            }
        }
        for (Reference r : type.references()) {
            String parent = foreignId(row.get(r.field()));
            if (parent != null) {
                children.get(r.field()).computeIfAbsent(parent, p -> new TreeSet<>()).add(id);
            }
        }
    }

    private void unindex(Map<String, Object> row) {
        String id = (String) row.get("id");
        for (int i = 0; i < uniques.size(); i++) {
            String key = uniqueKey(type.uniques().get(i), row);
            if (key != null && id.equals(uniques.get(i).get(key))) {
                uniques.get(i).remove(key);
            }
        }
        for (Reference r : type.references()) {
            String parent = foreignId(row.get(r.field()));
            if (parent != null) {
                Map<String, TreeSet<String>> index = children.get(r.field());
                TreeSet<String> ids = index.get(parent);
                if (ids != null) {
                    ids.remove(id);
                    if (ids.isEmpty()) {
                        index.remove(parent);
                    }
                }
            }
        }
    }

    /** The index key of a row for one constraint; null when a single-field constraint's value is null. */
    static String uniqueKey(List<String> fields, Map<String, Object> row) {
        if (fields.size() == 1) {
            Object v = row.get(fields.get(0));
            return v == null ? null : scalar(v);
        }
        StringBuilder key = new StringBuilder();
        for (String f : fields) {
            key.append(scalar(row.get(f))).append('\u0000');
        }
        return key.toString();
    }

    private static String scalar(Object v) {
        Object id = foreignId(v);
        if (id != null) {
            return (String) id;
        }
        return v == null ? "\u0001null" : String.valueOf(v);
    }

    static String foreignId(Object fk) {
        return fk instanceof Map<?, ?> m && m.get("id") instanceof String s ? s : null;
    }
}
