package io.kongsync.sandbox;

import io.kongsync.schema.FieldError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kong's DAO error bodies (kong-admin-api.md 3): nested {@code fields}, flattened messages, Lua-style key renderings. */
final class Errors {

    private Errors() {
    }

    static ApiError schemaViolation(List<FieldError> errors) {
        return ApiError.dao(400, 2, "schema violation", schemaMessage(errors), fields(errors)).withFieldErrors(errors);
    }

    /** {@code schema violation (a: x)} or {@code N schema violations (@entity messages; then fields by path)}. */
    static String schemaMessage(List<FieldError> errors) {
        List<String> parts = new ArrayList<>();
        List<FieldError> sorted = new ArrayList<>();
        for (FieldError e : errors) {
            if (e.path().equals(FieldError.ENTITY)) {
                parts.add(e.message());
            } else {
                sorted.add(e);
            }
        }
        sorted.sort(Comparator.comparing(e -> dotted(e.path())));
        for (FieldError e : sorted) {
            parts.add(dotted(e.path()) + ": " + e.message());
        }
        return parts.size() == 1
                ? "schema violation (" + parts.get(0) + ")"
                : parts.size() + " schema violations (" + String.join("; ", parts) + ")";
    }

    /** {@code paths[0]} as Kong flattens it: {@code paths.1} (Lua arrays count from one). */
    static String dotted(String path) {
        StringBuilder out = new StringBuilder();
        for (Object step : steps(path)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(step instanceof Integer i ? String.valueOf(i + 1) : step);
        }
        return out.toString();
    }

    /** The nested {@code fields} object: records as objects, array elements positional, {@code @entity} a list. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(List<FieldError> errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldError e : errors) {
            if (e.path().equals(FieldError.ENTITY)) {
                ((List<Object>) fields.computeIfAbsent(FieldError.ENTITY, k -> new ArrayList<>())).add(e.message());
                continue;
            }
            List<Object> steps = steps(e.path());
            Object container = fields;
            for (int i = 0; i < steps.size(); i++) {
                boolean last = i == steps.size() - 1;
                Object fresh = last ? e.message()
                        : steps.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                Object existing;
                if (container instanceof Map<?, ?> m) {
                    Map<String, Object> map = (Map<String, Object>) m;
                    String key = String.valueOf(steps.get(i));
                    existing = map.get(key);
                    if (last || !(existing instanceof Map || existing instanceof List)) {
                        map.put(key, fresh);
                        existing = fresh;
                    }
                } else {
                    List<Object> list = (List<Object>) container;
                    int index = steps.get(i) instanceof Integer n ? n : 0;
                    while (list.size() <= index) {
                        list.add(null);
                    }
                    existing = list.get(index);
                    if (last || !(existing instanceof Map || existing instanceof List)) {
                        list.set(index, fresh);
                        existing = fresh;
                    }
                }
                container = existing;
            }
        }
        return fields;
    }

    /** {@code config.headers[0]} → {@code [config, headers, 0]}. */
    static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket + 1).split("\\]\\[?")) {
                if (!index.isEmpty()) {
                    try {
                        steps.add(Integer.parseInt(index.replace("]", "").replace("[", "")));
                    } catch (NumberFormatException e) {
                        steps.add(index);
                    }
                }
            }
        }
        return steps;
    }

    static ApiError unique(Map<String, Object> values) {
        return ApiError.dao(409, 5, "unique constraint violation",
                "UNIQUE violation detected on '" + lua(values) + "'", values);
    }

    static ApiError primaryKey(String id) {
        Map<String, Object> pk = new LinkedHashMap<>();
        pk.put("id", id);
        return ApiError.dao(400, 3, "primary key violation", "primary key violation on key '" + lua(pk) + "'", pk);
    }

    static ApiError foreignKey(String field, String id, String parent) {
        Map<String, Object> pk = new LinkedHashMap<>();
        pk.put("id", id);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, pk);
        return ApiError.dao(400, 4, "foreign key violation",
                "the foreign key '" + lua(pk) + "' does not reference an existing '" + parent + "' entity.", fields);
    }

    static ApiError referencedBy(String child, String parent) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("@referenced_by", child);
        return ApiError.dao(400, 4, "foreign key violation",
                "an existing '" + child + "' entity references this '" + parent + "' entity", fields);
    }

    static ApiError unresolved(String field, String key, Object value, String parent) {
        Map<String, Object> keyMap = new LinkedHashMap<>();
        keyMap.put(key, value);
        String detail = "the foreign key cannot be resolved with '" + lua(keyMap) + "' for an existing '" + parent + "' entity";
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put(key, detail);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, inner);
        return ApiError.dao(400, 13, "foreign keys unresolved",
                "foreign key unresolved (" + field + "." + key + ": " + detail + ")", fields);
    }

    static ApiError notFound(String key, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(key, value);
        String message = key.equals("id")
                ? "could not find the entity with primary key '" + lua(fields) + "'"
                : "could not find the entity with '" + lua(fields) + "'";
        return ApiError.dao(404, 6, "not found", message, fields);
    }

    /** A value as Kong's error messages print it: {@code {id="x"}}, keys sorted, strings quoted. */
    static String lua(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, Object> e : new TreeMap<>(castMap(m)).entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(e.getKey()).append('=').append(lua(e.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("{");
            for (Object element : list) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(lua(element));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
