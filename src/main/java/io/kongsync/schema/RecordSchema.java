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
                           Map<String, String> aliases, String subschemaKey, Map<String, Subschema> subschemas,
                           String subschemaError) {

    /**
     * Fields that replace the parent's and checks that apply on top of the parent's, chosen by the value of
     * {@link #subschemaKey()} (routes: the first of its {@code protocols} that has one).
     */
    public record Subschema(List<Field> fields, List<EntityCheck> checks) {
    }

    public RecordSchema {
        fields = List.copyOf(fields);
        checks = List.copyOf(checks);
        inputTransforms = List.copyOf(inputTransforms);
        aliases = Map.copyOf(aliases);
        subschemas = Map.copyOf(subschemas);
    }

    public RecordSchema(List<Field> fields, List<EntityCheck> checks, List<UnaryOperator<Map<String, Object>>> inputTransforms,
                        Map<String, String> aliases) {
        this(fields, checks, inputTransforms, aliases, null, Map.of(), null);
    }

    /** The schema that applies to {@code input}: this one, or its subschema for the input's key value. */
    public RecordSchema forInput(Map<String, Object> input) {
        if (subschemaKey == null) {
            return this;
        }
        Object key = input.get(subschemaKey);
        if (key == null && field(subschemaKey) != null) {
            key = field(subschemaKey).defaultValue(); // Kong chooses after filling defaults
        }
        if (key instanceof String s && subschemas.containsKey(s)) {
            return specialised(s);
        }
        if (key instanceof java.util.Collection<?> values) {
            for (Object v : values) {
                if (v instanceof String s && subschemas.containsKey(s)) {
                    return specialised(s);
                }
            }
        }
        return this;
    }

    /**
     * Kong's answer when the key names no subschema ({@code vault 'x' is not installed}), at the key's field; null
     * when every value has one or the key's own validators decide.
     */
    public String unknownSubschemaError(Map<String, Object> input) {
        if (subschemaError == null || !(input.get(subschemaKey) instanceof String s) || subschemas.containsKey(s)) {
            return null;
        }
        return subschemaError.replace("%s", s);
    }

    private static final Map<Object, RecordSchema> SPECIALISED = new java.util.concurrent.ConcurrentHashMap<>();

    private RecordSchema specialised(String name) {
        Subschema sub = subschemas.get(name);
        return SPECIALISED.computeIfAbsent(sub, k -> {
            List<Field> merged = new java.util.ArrayList<>();
            for (Field f : fields) {
                Field replacement = sub.fields().stream().filter(x -> x.name().equals(f.name())).findFirst().orElse(f);
                merged.add(replacement);
            }
            List<EntityCheck> allChecks = new java.util.ArrayList<>(checks);
            allChecks.addAll(sub.checks());
            return new RecordSchema(merged, allChecks, inputTransforms, aliases, null, Map.of(), null);
        });
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
        String[] parts = withoutIndices(unaliased(dottedPath)).split("\\.");
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
        String[] parts = withoutIndices(unaliased(dottedPath)).split("\\.");
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
        if (aliases.isEmpty()) {
            return dottedPath;
        }
        String plain = withoutIndices(dottedPath);
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (plain.equals(alias.getKey()) || plain.startsWith(alias.getKey() + ".")) {
                return alias.getValue() + plain.substring(alias.getKey().length());
            }
        }
        return dottedPath;
    }

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[\\d+]");

    private static String withoutIndices(String path) {
        return path.indexOf('[') < 0 ? path : INDEX.matcher(path).replaceAll("");
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
