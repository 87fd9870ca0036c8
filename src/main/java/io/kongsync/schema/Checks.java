package io.kongsync.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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

    /** A whole-string regular-expression match, failing with {@code message}. */
    public static Check matches(String regex, String message) {
        Pattern pattern = Pattern.compile(regex);
        return v -> v instanceof String s && !pattern.matcher(s).matches() ? message : null;
    }

    /** Kong's {@code match} rule: a whole-string match failing with {@code invalid value: <v>}. */
    public static Check matches(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return v -> v instanceof String s && !pattern.matcher(s).matches() ? "invalid value: " + s : null;
    }

    public static Check startsWith(String prefix) {
        return v -> v instanceof String s && !s.startsWith(prefix) ? "should start with: " + prefix : null;
    }

    /** Kong's {@code len_min} on an array, set or map. */
    public static Check lengthAtLeast(int min) {
        return v -> {
            int size = v instanceof Collection<?> c ? c.size() : v instanceof Map<?, ?> m ? m.size() : Integer.MAX_VALUE;
            return size < min ? "length must be at least " + min : null;
        };
    }

    /** Kong's {@code match_none} with a case-insensitive whole-string match (header keys that are reserved). */
    public static Check notMatching(String regex, String message) {
        Pattern pattern = Pattern.compile(regex);
        return v -> v instanceof String s && pattern.matcher(s).matches() ? message : null;
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

    /** Kong's {@code eq = true/false} style check on a boolean. */
    public static Check equalTo(Object expected) {
        return v -> expected.equals(v) ? null : "value must be " + String.valueOf(expected).toLowerCase(Locale.ROOT);
    }
}
