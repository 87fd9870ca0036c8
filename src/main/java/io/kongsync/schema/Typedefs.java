package io.kongsync.schema;

/** Kong's shared typedefs (kong/db/schema/typedefs.lua) as checks. */
public final class Typedefs {

    private Typedefs() {
    }

    /** ASCII alphanumerics plus {@code . - _ ~}, or any non-ASCII UTF-8 (service, route and plugin instance names). */
    public static final Check UTF8_NAME = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 127 || Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~';
            if (!ok) {
                return "invalid value '" + s + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
            }
        }
        return null;
    };
}
