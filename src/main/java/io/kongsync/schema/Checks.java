package io.kongsync.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Constraint builders with Kong's error messages (kong/db/schema/init.lua). */
public final class Checks {

    private Checks() {
    }

    public static Check between(long min, long max) {
        return v -> v instanceof Number n && (n.doubleValue() < min || n.doubleValue() > max)
                ? "value should be between " + min + " and " + max
                : null;
    }

    public static Check between(double min, double max) {
        String shown = shown(min) + " and " + shown(max);
        return v -> v instanceof Number n && (n.doubleValue() < min || n.doubleValue() > max)
                ? "value should be between " + shown
                : null;
    }

    private static String shown(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    public static Check greaterThan(double min) {
        String shown = min == Math.rint(min) ? Long.toString((long) min) : Double.toString(min);
        return v -> v instanceof Number n && n.doubleValue() <= min ? "value must be greater than " + shown : null;
    }

    public static Check oneOf(Object... allowed) {
        List<Object> values = Arrays.asList(allowed);
        String listed = values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return v -> {
            for (Object a : values) {
                if (a.equals(v) || (a instanceof Number an && v instanceof Number vn
                        && an.doubleValue() == vn.doubleValue())) {
                    return null;
                }
            }
            return "expected one of: " + listed;
        };
    }

    public static Check startsWith(String prefix) {
        return v -> v instanceof String s && !s.startsWith(prefix) ? "should start with: " + prefix : null;
    }

    /**
     * Kong's {@code mutually_exclusive_subsets} on a set: its elements may come from one subset only
     * (route protocols: http/https, tcp/tls/udp, tls_passthrough, grpc/grpcs).
     */
    public static Check mutuallyExclusiveSubsets(List<List<String>> subsets) {
        return v -> {
            if (!(v instanceof Collection<?> values)) {
                return null;
            }
            List<String> present = new ArrayList<>();
            for (List<String> subset : subsets) {
                if (values.stream().anyMatch(subset::contains)) {
                    present.add(subset.stream().map(e -> "'" + e + "'").collect(Collectors.joining(", ", "(", ")")));
                }
            }
            return present.size() > 1 ? "these sets are mutually exclusive: " + String.join(", ", present) : null;
        };
    }

    /** Kong's {@code ne}: the value must differ ({@code ne = null} is handled by the validator). */
    public static Check notEqualTo(Object unwanted) {
        return v -> sameValue(unwanted, v) ? "value must not be " + shownValue(v) : null;
    }

    /** Kong's {@code eq} on any type: {@code value must be <wanted>}. */
    public static Check equalToValue(Object wanted) {
        return v -> sameValue(wanted, v) ? null : "value must be " + shownValue(wanted);
    }

    public static Check notOneOf(Object... forbidden) {
        List<Object> values = Arrays.asList(forbidden);
        String listed = values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return v -> values.stream().anyMatch(f -> sameValue(f, v)) ? "must not be one of: " + listed : null;
    }

    /** Kong's {@code len_eq}, {@code len_min}, {@code len_max} on strings (in characters), arrays, sets and maps. */
    public static Check length(String rule, int n) {
        return v -> {
            int len = v instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length // Lua counts bytes
                    : v instanceof Collection<?> c ? c.size() : v instanceof Map<?, ?> m ? m.size() : -1;
            if (len < 0) {
                return null;
            }
            return switch (rule) {
                case "len_eq" -> len == n ? null : "length must be " + n;
                case "len_min" -> len >= n ? null : "length must be at least " + n;
                default -> len <= n ? null : "length must be at most " + n;
            };
        };
    }

    /** Kong's {@code contains} on an array or set. */
    public static Check contains(Object wanted) {
        return v -> v instanceof Collection<?> c && c.stream().noneMatch(e -> sameValue(wanted, e))
                ? "expected to contain: " + wanted
                : null;
    }

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);

    public static final Check UUID_VALUE = v -> v instanceof String s && !UUID.matcher(s).matches()
            ? "expected a valid UUID" : null;

    public static final Check TIMESTAMP = v -> v instanceof Number n && n.doubleValue() <= 0
            ? "expected a valid timestamp" : null;

    /** Kong's {@code match}: the Lua pattern must be found in the value. */
    public static Check luaMatch(String pattern) {
        LuaPattern p = LuaPattern.compile(pattern);
        return v -> v instanceof String s && !p.find(s) ? "invalid value: " + s : null;
    }

    /** Kong's {@code not_match}. */
    public static Check luaNotMatch(String pattern) {
        LuaPattern p = LuaPattern.compile(pattern);
        return v -> v instanceof String s && p.find(s) ? "invalid value: " + s : null;
    }

    /** Kong's {@code match_all} / {@code match_none}: each pattern must (not) be found, else its own message. */
    public static Check luaMatchEach(List<Map.Entry<String, String>> patternsAndErrors, boolean mustMatch) {
        List<Map.Entry<LuaPattern, String>> compiled = patternsAndErrors.stream()
                .map(e -> Map.entry(LuaPattern.compile(e.getKey()), e.getValue())).toList();
        return v -> {
            if (!(v instanceof String s)) {
                return null;
            }
            for (Map.Entry<LuaPattern, String> e : compiled) {
                if (e.getKey().find(s) != mustMatch) {
                    return e.getValue() == null ? "invalid value: " + s : e.getValue();
                }
            }
            return null;
        };
    }

    /** Kong's {@code match_any}: one of the patterns must be found, else {@code err}. */
    public static Check luaMatchAny(List<String> patterns, String err) {
        List<LuaPattern> compiled = patterns.stream().map(LuaPattern::compile).toList();
        return v -> v instanceof String s && compiled.stream().noneMatch(p -> p.find(s))
                ? (err == null ? "invalid value: " + s : err)
                : null;
    }

    /** A field's {@code err}: Kong reports it instead of whatever message a validator gave. */
    public static Check withMessage(Check check, String message) {
        return v -> check.test(v) == null ? null : message;
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number an && b instanceof Number bn) {
            return an.doubleValue() == bn.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    static String shown(Object v) {
        return shownValue(v);
    }

    private static String shownValue(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(v);
    }
}
