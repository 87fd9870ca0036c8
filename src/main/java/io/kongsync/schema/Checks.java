package io.kongsync.schema;

import java.util.Arrays;
import java.util.List;
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

    public static Check startsWith(String prefix) {
        return v -> v instanceof String s && !s.startsWith(prefix) ? "should start with: " + prefix : null;
    }
}
