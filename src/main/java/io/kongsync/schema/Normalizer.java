package io.kongsync.schema;

import io.kongsync.model.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a record into the form Kong stores and echoes, so that a file and Kong's answer compare equal:
 * absent fields get their defaults (records are expanded), numbers are canonical, sets are de-duplicated and sorted,
 * maps are ordered, an empty list and null are one value, shorthand fields are translated, and fields the schema
 * does not know (ids, timestamps, fields of newer Kong versions) are dropped.
 * Input is never modified.
 */
public final class Normalizer {

    private Normalizer() {
    }

    public static Map<String, Object> normalize(RecordSchema schema, Map<String, Object> input) {
        Map<String, Object> transformed = transformed(schema, input);
        return record(schema.forInput(transformed).fields(), transformed);
    }

    private static Map<String, Object> transformed(RecordSchema schema, Map<String, Object> input) {
        Map<String, Object> transformed = input;
        for (var transform : schema.inputTransforms()) {
            transformed = transform.apply(new LinkedHashMap<>(transformed));
        }
        return transformed;
    }

    /** A record as Kong stored it (its answer): normalized like any other, but Kong's input transforms are not run. */
    public static Map<String, Object> normalizeStored(RecordSchema schema, Map<String, Object> stored) {
        return record(schema.forInput(stored).fields(), stored);
    }

    /**
     * The fields to send Kong for a record kongsync wants stored exactly as {@code stored} (already normalized): when
     * Kong's input transforms would rewrite the record into something else (an upstream sent with
     * {@code hash_on: none} becomes round-robin), the one field whose absence lets Kong's default give the wanted
     * value is left out. Unchanged when no transform rewrites it, or when leaving one field out does not help.
     */
    public static Map<String, Object> withoutRewrites(RecordSchema schema, Map<String, Object> stored) {
        if (schema.inputTransforms().isEmpty() || transformed(schema, stored).equals(stored)) {
            return stored;
        }
        Map<String, Object> wanted = normalizeStored(schema, stored);
        if (normalize(schema, stored).equals(wanted)) {
            return stored;
        }
        for (String field : stored.keySet()) {
            Map<String, Object> without = new LinkedHashMap<>(stored);
            without.remove(field);
            if (normalize(schema, without).equals(wanted)) {
                return without;
            }
        }
        return stored;
    }

    /** A plugin entity: shorthands in {@code config} translated first, then normalized against the plugin's schema. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizePlugin(PluginSchema plugin, Map<String, Object> input) {
        Map<String, Object> entity = new LinkedHashMap<>(input);
        if (entity.get("config") instanceof Map<?, ?> config && !plugin.shorthands().isEmpty()) {
            entity.put("config", applyShorthands(plugin.shorthands(), (Map<String, Object>) config));
        }
        return normalize(plugin.entitySchema(), entity);
    }

    /** Moves each shorthand key's value to its target path, following Kong's precedence rules. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> applyShorthands(List<Shorthand> shorthands, Map<String, Object> config) {
        Map<String, Object> out = (Map<String, Object>) Values.deepCopy(config);
        for (Shorthand s : shorthands) {
            String[] from = s.from().split("\\.");
            Map<String, Object> fromParent = parent(out, from, false);
            if (fromParent == null || !fromParent.containsKey(from[from.length - 1])) {
                continue;
            }
            Object value = s.translate().apply(fromParent.remove(from[from.length - 1]));
            if (s.isDropped()) {
                continue;
            }
            String[] to = s.to().split("\\.");
            Map<String, Object> toParent = parent(out, to, true);
            String leaf = to[to.length - 1];
            Object existing = toParent.get(leaf);
            if (!s.deprecated() || existing == null) {
                toParent.put(leaf, value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> root, String[] path, boolean create) {
        Map<String, Object> current = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = current.get(path[i]);
            if (!(next instanceof Map)) {
                if (!create) {
                    return null;
                }
                next = new LinkedHashMap<String, Object>();
                current.put(path[i], next);
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    private static Map<String, Object> record(List<Field> fields, Map<String, Object> input) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            boolean present = input.containsKey(f.name());
            if (!present && f.isAuto()) {
                continue;
            }
            Object value = value(f, input.get(f.name()), present);
            if (!f.isSameAsAbsent(value)) {
                out.put(f.name(), value);
            }
        }
        return out;
    }

    /** The normalized value of one field; {@code present} tells an explicit null from an absent key. */
    @SuppressWarnings("unchecked")
    public static Object value(Field f, Object v, boolean present) {
        if (!present) {
            if (f.hasDefault()) {
                return value(f, Values.deepCopy(f.defaultValue()), true);
            }
            if (f.type() == FieldType.RECORD && !f.isNullableRecord()) {
                return record(f.fields(), Map.of());
            }
            return null;
        }
        if (v == null) {
            return emptyForm(f);
        }
        switch (f.type()) {
            case INTEGER:
            case NUMBER:
                return v instanceof Number n ? Values.canonicalNumber(n) : v;
            case ARRAY:
                if (v instanceof Collection<?> c) {
                    List<Object> out = new ArrayList<>(c.size());
                    for (Object o : c) {
                        out.add(f.elements() == null ? Values.canonical(o) : value(f.elements(), o, true));
                    }
                    return out.isEmpty() ? emptyCollection(f, new ArrayList<>()) : out;
                }
                return v;
            case SET:
                if (v instanceof Collection<?> c) {
                    LinkedHashSet<Object> unique = new LinkedHashSet<>();
                    for (Object o : c) {
                        unique.add(f.elements() == null ? Values.canonical(o) : value(f.elements(), o, true));
                    }
                    List<Object> out = new ArrayList<>(unique);
                    out.sort(Values.ORDER);
                    return out.isEmpty() ? emptyCollection(f, new ArrayList<>()) : out;
                }
                return v;
            case MAP:
                if (v instanceof Map<?, ?> m) {
                    Map<String, Object> out = new TreeMap<>();
                    m.forEach((k, val) -> out.put(String.valueOf(k),
                            f.elements() == null ? Values.canonical(val) : value(f.elements(), val, true)));
                    return out.isEmpty() ? emptyCollection(f, new TreeMap<String, Object>()) : out;
                }
                return v;
            case RECORD:
                return v instanceof Map<?, ?> m ? record(f.fields(), (Map<String, Object>) m) : v;
            case ANY:
                return Values.canonical(v);
            default:
                return v;
        }
    }

    /**
     * An explicit empty list or map. Where the default is not empty it stays empty: Kong keeps it as given (it fills
     * a default only for an absent value), and plugins iterate such fields without a nil check (jwt's
     * {@code uri_param_names: []} turns off tokens in the query string; null there would fail every request).
     * Otherwise it is one value with null, as {@link #emptyForm} says.
     */
    private static Object emptyCollection(Field f, Object empty) {
        Object d = f.defaultValue();
        boolean nonEmptyDefault = (d instanceof Collection<?> c && !c.isEmpty()) || (d instanceof Map<?, ?> m && !m.isEmpty());
        return nonEmptyDefault ? empty : emptyForm(f);
    }

    /** Kong treats null and an empty list or map alike; both become the field's default form. */
    private static Object emptyForm(Field f) {
        boolean collection = f.type() == FieldType.ARRAY || f.type() == FieldType.SET || f.type() == FieldType.MAP;
        if (!collection) {
            return null;
        }
        Object d = f.defaultValue();
        if (d instanceof Collection<?> c && c.isEmpty()) {
            return new ArrayList<>();
        }
        if (d instanceof Map<?, ?> m && m.isEmpty()) {
            return new TreeMap<String, Object>();
        }
        return null;
    }
}
