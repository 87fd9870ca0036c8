package io.kongsync.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Kong's {@code router_flavor} setting, which changes the routes schema: only {@link #EXPRESSIONS} has the
 * {@code expression} and {@code priority} fields (and lets http and grpc routes set {@code sources} and
 * {@code destinations}). A node reports it in {@code GET /} as {@code configuration.router_flavor}.
 */
public enum RouterFlavor {
    TRADITIONAL("traditional"),
    TRADITIONAL_COMPATIBLE("traditional_compatible"),
    EXPRESSIONS("expressions");

    /** Kong's default. */
    public static final RouterFlavor DEFAULT = TRADITIONAL_COMPATIBLE;

    /** The route fields only the expressions flavor has. */
    public static final java.util.List<String> EXPRESSIONS_ONLY_FIELDS = java.util.List.of("expression", "priority");

    private final String kongName;

    RouterFlavor(String kongName) {
        this.kongName = kongName;
    }

    /** As Kong spells it in kong.conf and {@code GET /}. */
    public String kongName() {
        return kongName;
    }

    @Override
    public String toString() {
        return kongName;
    }

    /** The flavor Kong calls {@code name}; null for null (a node that does not report one). */
    public static RouterFlavor fromKong(String name) {
        if (name == null) {
            return null;
        }
        for (RouterFlavor f : values()) {
            if (f.kongName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown router flavor '" + name + "'; Kong 3.9 has " + names());
    }

    /** The flavor a node reports in {@code GET /}; null when it reports none or one Kong 3.9 does not have. */
    public static RouterFlavor reported(String name) {
        try {
            return fromKong(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code traditional, traditional_compatible, expressions}. */
    public static String names() {
        return Arrays.stream(values()).map(RouterFlavor::kongName).collect(Collectors.joining(", "));
    }

    /**
     * Why {@code field} of a route is refused under this flavor, or null when the flavor has it: kongsync's wording
     * of Kong's "unknown field", naming the setting that would accept it.
     *
     * @param checkedFor how the flavor was chosen, completing "checked for router_flavor X": {@code (Kong's
     *                   default)} or {@code (what the Kong at ... runs)}
     */
    public String refusal(String field, String checkedFor) {
        if (this == EXPRESSIONS || !EXPRESSIONS_ONLY_FIELDS.contains(field)) {
            return null;
        }
        return "unknown field: a route has '" + field + "' only when Kong runs with router_flavor = expressions; "
                + "checked for router_flavor = " + kongName + " " + checkedFor;
    }
}
