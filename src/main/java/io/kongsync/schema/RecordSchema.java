package io.kongsync.schema;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fields of an entity (or a plugin entity with its config subschema), its whole-record checks, and the input
 * transforms Kong applies before defaults (its shorthand handlers: e.g. a target without a port gets {@code :8000},
 * an upstream's {@code algorithm} follows {@code hash_on}). Transforms take and return a fresh map.
 * {@code aliases} maps the dotted path of a shorthand that Kong echoes in its output ({@code config.redis_password})
 * to the field it stands for ({@code config.redis.password}), so that lookups such as {@link #isSecret} cover both.
 */
public record RecordSchema(List<Field> fields, List<EntityCheck> checks, List<UnaryOperator<Map<String, Object>>> inputTransforms,
                           Map<String, String> aliases) {

    public RecordSchema {
        fields = List.copyOf(fields);
        checks = List.copyOf(checks);
        inputTransforms = List.copyOf(inputTransforms);
        aliases = Map.copyOf(aliases);
    }

    public RecordSchema(List<Field> fields, List<EntityCheck> checks, List<UnaryOperator<Map<String, Object>>> inputTransforms) {
        this(fields, checks, inputTransforms, Map.of());
    }

    public RecordSchema(List<Field> fields, List<EntityCheck> checks) {
        this(fields, checks, List.of(), Map.of());
    }

    public Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The field definition at a dotted path ({@code config.redis.password}, {@code config.headers.Authorization});
     * map keys and array indices step into the element definition. Null when the path leaves the schema.
     */
    public Field fieldAt(String dottedPath) {
        String[] parts = unaliased(dottedPath).replaceAll("\\[\\d+]", "").split("\\.");
        Field current = field(parts[0]);
        for (int i = 1; i < parts.length && current != null; i++) {
            current = switch (current.type()) {
                case RECORD -> current.field(parts[i]);
                case MAP -> current.elements();
                case ARRAY, SET -> current.elements();
                default -> null;
            };
        }
        return current;
    }

    /** True when the value at {@code dottedPath}, or anything inside it, is a secret. */
    public boolean isSecret(String dottedPath) {
        String[] parts = unaliased(dottedPath).replaceAll("\\[\\d+]", "").split("\\.");
        Field current = field(parts[0]);
        if (current != null && current.isSecret()) {
            return true;
        }
        for (int i = 1; i < parts.length && current != null; i++) {
            current = switch (current.type()) {
                case RECORD -> current.field(parts[i]);
                case MAP, ARRAY, SET -> current.elements();
                default -> null;
            };
            if (current != null && current.isSecret()) {
                return true;
            }
        }
        return current != null && containsSecret(current);
    }

    private String unaliased(String dottedPath) {
        String plain = dottedPath.replaceAll("\\[\\d+]", "");
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (plain.equals(alias.getKey()) || plain.startsWith(alias.getKey() + ".")) {
                return alias.getValue() + plain.substring(alias.getKey().length());
            }
        }
        return dottedPath;
    }

    private static boolean containsSecret(Field field) {
        if (field.isSecret()) {
            return true;
        }
        if (field.elements() != null && containsSecret(field.elements())) {
            return true;
        }
        for (Field f : field.fields()) {
            if (containsSecret(f)) {
                return true;
            }
        }
        return false;
    }
}
