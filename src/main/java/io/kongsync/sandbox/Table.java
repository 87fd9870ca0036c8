package io.kongsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * Rows are never mutated once stored; a write replaces the row. A row may expire (a key-auth credential's TTL): from
 * then on it is not seen, and the next write removes it.
 */
final class Table {

    private final EntityType type;
    private final Clock clock;
    private final TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
    private final List<Map<String, String>> uniques;
    private final Map<String, Map<String, TreeSet<String>>> children = new HashMap<>();
    private final Map<String, Instant> expiries = new HashMap<>();

    Table(EntityType type, Clock clock) {
        this.type = type;
        this.clock = clock;
        this.uniques = type.uniques().stream().<Map<String, String>>map(u -> new HashMap<>()).toList();
        for (Reference r : type.references()) {
            children.put(r.field(), new HashMap<>());
        }
    }

    EntityType type() {
        return type;
    }

    Map<String, Object> get(String id) {
        Map<String, Object> row = rows.get(id);
        return row == null || expired(id) ? null : row;
    }

    int size() {
        return rows.size();
    }

    /** Rows with an id greater than {@code after} (all when null), in id order. */
    Iterable<Map<String, Object>> from(String after) {
        return live(after == null ? rows.values() : rows.tailMap(after, false).values());
    }

    Iterable<Map<String, Object>> all() {
        return live(rows.values());
    }

    private Iterable<Map<String, Object>> live(Iterable<Map<String, Object>> all) {
        if (expiries.isEmpty()) {
            return all;
        }
        return () -> java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(row -> !expired((String) row.get("id"))).iterator();
    }

    /** Sets ({@code when} non-null) or clears the instant a row expires. */
    void expireAt(String id, Instant when) {
        if (when == null) {
            expiries.remove(id);
        } else {
            expiries.put(id, when);
        }
    }

    /** The whole seconds a row has left, as Kong shows {@code ttl}; null when it does not expire. */
    Long secondsLeft(String id) {
        Instant when = expiries.get(id);
        return when == null ? null : Math.floorDiv(when.toEpochMilli() - clock.millis(), 1000L);
    }

    private boolean expired(String id) {
        Instant when = expiries.get(id);
        return when != null && when.isBefore(clock.instant());
    }

    /** Removes the rows whose time has run out. */
    void purgeExpired() {
        if (expiries.isEmpty()) {
            return;
        }
        for (String id : new ArrayList<>(expiries.keySet())) {
            if (expired(id)) {
                remove(id);
            }
        }
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
        expiries.remove(id);
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
