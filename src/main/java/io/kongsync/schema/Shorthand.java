package io.kongsync.schema;

/**
 * A shorthand config field Kong accepts on input and translates (e.g. rate-limiting {@code redis_host} to
 * {@code redis.host}). Paths are dotted and relative to the plugin's {@code config}.
 *
 * @param from       the shorthand key
 * @param to         the field it stands for
 * @param deprecated deprecated shorthands lose to a non-null new field; others overwrite it
 * @param echoed     Kong 3.9 adds it back to {@code config} in every read (it has {@code replaced_with})
 */
public record Shorthand(String from, String to, boolean deprecated, boolean echoed) {

    public static Shorthand echoed(String from, String to) {
        return new Shorthand(from, to, true, true);
    }

    public static Shorthand inputOnly(String from, String to) {
        return new Shorthand(from, to, false, false);
    }
}
