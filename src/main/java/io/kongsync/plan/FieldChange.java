package io.kongsync.plan;

/**
 * One field that differs.
 *
 * @param path      dotted path, e.g. {@code config.minute} or {@code paths}
 * @param oldValue  the value in Kong (null for a create)
 * @param newValue  the value in the files
 * @param sensitive true when the value must never be shown (a schema secret or a substituted value)
 */
public record FieldChange(String path, Object oldValue, Object newValue, boolean sensitive) {
}
