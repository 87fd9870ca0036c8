package io.kongsync.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Builders for Kong's entity checks, with Kong's messages. Paths are dotted and relative to the checked record. */
public final class EntityChecks {

    private EntityChecks() {
    }

    public static EntityCheck atLeastOneOf(String... paths) {
        return record -> {
            for (String p : paths) {
                if (!isEmpty(get(record, p))) {
                    return List.of();
                }
            }
            return List.of(new FieldError(FieldError.ENTITY,
                    "at least one of these fields must be non-empty: " + quoted(paths)));
        };
    }

    public static EntityCheck exactlyOneOf(String... paths) {
        return record -> {
            int set = 0;
            for (String p : paths) {
                if (!isEmpty(get(record, p))) {
                    set++;
                }
            }
            return set != 1
                    ? List.of(new FieldError(FieldError.ENTITY,
                            "exactly one of these fields must be non-empty: " + quoted(paths)))
                    : List.of();
        };
    }

    /** Kong's {@code mutually_required}: all or none of the fields are set. */
    public static EntityCheck mutuallyRequired(String... paths) {
        return record -> {
            long set = java.util.Arrays.stream(paths).filter(p -> !isEmpty(get(record, p))).count();
            return set == 0 || set == paths.length
                    ? List.of()
                    : List.of(new FieldError(FieldError.ENTITY, "all or none of these fields must be set: " + quoted(paths)));
        };
    }

    /** Kong's {@code distinct}: the fields that are set hold different values. */
    public static EntityCheck distinct(String... paths) {
        return record -> {
            java.util.Set<Object> seen = new java.util.HashSet<>();
            for (String p : paths) {
                Object v = get(record, p);
                if (!isEmpty(v) && !seen.add(v)) {
                    return List.of(new FieldError(FieldError.ENTITY,
                            "values of these fields must be distinct: " + quoted(paths)));
                }
            }
            return List.of();
        };
    }

    /** Kong's {@code mutually_exclusive}: at most one of the fields is set. */
    public static EntityCheck mutuallyExclusive(String... paths) {
        return record -> java.util.Arrays.stream(paths).filter(p -> !isEmpty(get(record, p))).count() > 1
                ? List.of(new FieldError(FieldError.ENTITY, "only one or none of these fields must be set: " + quoted(paths)))
                : List.of();
    }

    static String quoted(List<String> paths) {
        return quoted(paths.toArray(new String[0]));
    }

    /** A condition on a record, failing with one {@code @entity} message (Kong's custom entity checks). */
    public static EntityCheck entityRule(Predicate<Map<String, Object>> violated, String message) {
        return record -> violated.test(record) ? List.of(new FieldError(FieldError.ENTITY, message)) : List.of();
    }

    /** Reads a dotted path ({@code config.redis.host}) from nested maps; null when any step is missing. */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> record, String dottedPath) {
        Object current = record;
        int from = 0;
        while (from <= dottedPath.length()) {
            int dot = dottedPath.indexOf('.', from);
            String part = dot < 0 ? dottedPath.substring(from) : dottedPath.substring(from, dot);
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        return current;
    }

    /** Kong's notion of "empty" in entity checks: null, an empty string, or an empty array or map. */
    public static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String quoted(String... paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            out.add("'" + p + "'");
        }
        return out.stream().collect(Collectors.joining(", "));
    }
}
