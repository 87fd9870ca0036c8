package io.kongsync.schema;

import java.util.function.UnaryOperator;

/**
 * A shorthand config field Kong accepts on input and translates (e.g. rate-limiting {@code redis_host} to
 * {@code redis.host}). Paths are dotted and relative to the plugin's {@code config}.
 *
 * @param from       the shorthand key
 * @param to         the field it stands for; null when Kong accepts the key and drops it
 * @param deprecated deprecated shorthands lose to a non-null new field; others overwrite it
 * @param echoed     Kong 3.9 adds it back to {@code config} in every read (it has {@code replaced_with})
 * @param translate  how Kong converts the shorthand's value to the new field's (identity for most)
 */
public record Shorthand(String from, String to, boolean deprecated, boolean echoed, UnaryOperator<Object> translate) {

    public Shorthand {
        translate = translate == null ? UnaryOperator.identity() : translate;
    }

    public Shorthand(String from, String to, boolean deprecated, boolean echoed) {
        this(from, to, deprecated, echoed, UnaryOperator.identity());
    }

    public boolean isDropped() {
        return to == null;
    }
}
