package io.kongsync.schema;

/** A constraint on a single non-null value. Returns an error message in Kong's words, or null when the value passes. */
@FunctionalInterface
public interface Check {
    String test(Object value);
}
