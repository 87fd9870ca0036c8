package io.kongsync.schema;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code validate_route} (routes {@code entity_checks[3]} under the traditional_compatible and expressions
 * router flavors): a route matches by its {@code expression} or by the traditional fields, never both, and
 * {@code regex_priority} and {@code priority} each belong to one way only. Left to Kong: compiling the expression
 * (or the traditional fields turned into one) with its ATC router for the route's protocols, which is what refuses
 * an unknown field name, a wrong operator or a type mismatch; kongsync checks only the field names of the
 * {@code http.path.segments.*} family, which Kong checks after compiling, and the regex paths' syntax that the
 * router's Rust regex engine surely refuses ({@link RustRegexSyntax}).
 */
final class ExpressionRoutes {

    private static final String PREFIX = "Router Expression failed validation: ";
    private static final String TRADITIONAL =
            "'methods', 'hosts', 'paths', 'headers', 'snis', 'sources' or 'destinations'";
    private static final List<String> TRADITIONAL_FIELDS =
            List.of("snis", "sources", "destinations", "methods", "hosts", "paths", "headers");
    /** A field name as the ATC language writes one, outside string literals. */
    private static final Pattern SEGMENTS_FIELD = Pattern.compile("http\\.path\\.segments\\.([A-Za-z0-9_]*)");
    private static final Pattern SEGMENTS_SUFFIX = Pattern.compile("^(0|[1-9]\\d*)(_([1-9]\\d*))?$");
    private static final Pattern STRING_LITERAL = Pattern.compile("r#\"(?s:.*?)\"#|\"(?:[^\"\\\\]|\\\\.)*\"");

    private ExpressionRoutes() {
    }

    static List<FieldError> check(Map<String, Object> route) {
        boolean noExpression = route.get("expression") == null;
        boolean noTraditional = TRADITIONAL_FIELDS.stream().allMatch(f -> isEmpty(route.get(f)));
        if (noExpression && noTraditional) {
            return List.of();
        }
        if (!noExpression && !noTraditional) {
            return error("cannot set 'expression' with " + TRADITIONAL + " simultaneously");
        }
        if (!noExpression && !isZero(route.get("regex_priority"))) {
            return error("cannot set 'regex_priority' with 'expression' simultaneously");
        }
        if (!noTraditional && !isZero(route.get("priority"))) {
            return error("cannot set 'priority' with " + TRADITIONAL + " simultaneously");
        }
        if (route.get("expression") instanceof String expression && !wellFormedSegments(expression)) {
            return error("illformed http.path.segments.* field");
        }
        return noExpression ? regexPathProblem(route.get("paths")) : List.of();
    }

    /**
     * Kong turns regex paths into ATC {@code http.path ~} predicates, whose regexes its Rust engine compiles. As Kong
     * runs no entity check over a field that failed its own check, nothing is said while a path is invalid as such.
     */
    private static List<FieldError> regexPathProblem(Object paths) {
        if (!(paths instanceof Collection<?> list) || list.stream().anyMatch(p -> Typedefs.ROUTE_PATH.test(p) != null)) {
            return List.of();
        }
        for (Object path : list) {
            if (path instanceof String p && p.startsWith("~")) {
                String problem = RustRegexSyntax.problem(p.substring(1));
                if (problem != null) {
                    return error("regex path '" + p + "' does not compile for the router's regex engine: " + problem);
                }
            }
        }
        return List.of();
    }

    private static boolean wellFormedSegments(String expression) {
        Matcher m = SEGMENTS_FIELD.matcher(STRING_LITERAL.matcher(expression).replaceAll("\"\""));
        while (m.find()) {
            String suffix = m.group(1);
            if (suffix.equals("len")) {
                continue;
            }
            Matcher s = SEGMENTS_SUFFIX.matcher(suffix);
            if (!s.matches() || (s.group(2) != null
                    && new java.math.BigInteger(s.group(1)).compareTo(new java.math.BigInteger(s.group(3))) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static List<FieldError> error(String message) {
        return List.of(new FieldError(FieldError.ENTITY, PREFIX + message));
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static boolean isZero(Object value) {
        return value == null || (value instanceof Number n && n.doubleValue() == 0);
    }
}
