package io.kongsync.schema;

/**
 * One validation failure, Kong style: {@code path} is a dotted path relative to the validated record
 * ({@code config.minute}, {@code paths[0]}), or {@code @entity} for a whole-record check.
 */
public record FieldError(String path, String message) {

    public static final String ENTITY = "@entity";

    public FieldError prefixed(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        if (path.equals(ENTITY)) {
            return new FieldError(prefix, message);
        }
        return new FieldError(path.startsWith("[") ? prefix + path : prefix + "." + path, message);
    }
}
