package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.schema.Field;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Schema answers the planner asks many times, memoized for one run: the schema of an entity, whether a path is secret,
 * a field's normalized default. Not thread-safe; create one per plan.
 */
final class SchemaLookup {

    private final Map<EntityKind, RecordSchema> entitySchemas = new EnumMap<>(EntityKind.class);
    private final Map<String, RecordSchema> pluginSchemas = new HashMap<>();
    private final Map<RecordSchema, Map<String, Boolean>> secretPaths = new IdentityHashMap<>();
    private final Map<Field, Object> defaults = new IdentityHashMap<>();

    /** The schema to compare an entity with: Kong's for its kind, or its plugin's. */
    RecordSchema schemaOf(Entity entity) {
        if (entity.kind() == EntityKind.PLUGIN) {
            return pluginSchema(pluginName(entity));
        }
        return entitySchemas.computeIfAbsent(entity.kind(), Schemas::entity);
    }

    /** A bundled plugin's schema, or for any other plugin the generic entity schema with {@code config} as ANY. */
    private RecordSchema pluginSchema(String name) {
        RecordSchema schema = pluginSchemas.get(name);
        if (schema == null) {
            PluginSchema plugin = Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name));
            schema = plugin.entitySchema();
            pluginSchemas.put(name, schema);
        }
        return schema;
    }

    private static String pluginName(Entity plugin) {
        return plugin.field("name") instanceof String name ? name : plugin.key().name();
    }

    /** True when the value at {@code path} must be masked: a schema secret or a path either entity marks sensitive. */
    boolean isSensitive(EntityKind kind, RecordSchema schema, Entity desired, Entity current, String path) {
        if (schema != null && isSchemaSecret(schema, path)) {
            return true;
        }
        return (desired != null && desired.isSensitive(path)) || (current != null && current.isSensitive(path));
    }

    private boolean isSchemaSecret(RecordSchema schema, String path) {
        Map<String, Boolean> known = secretPaths.computeIfAbsent(schema, s -> new HashMap<>());
        Boolean secret = known.get(path);
        if (secret == null) {
            secret = schema.isSecret(path);
            known.put(path, secret);
        }
        return secret;
    }

    /** The field's default in normalized form (what a normalized entity holds when the files leave it out). */
    Object defaultOf(Field field) {
        if (defaults.containsKey(field)) {
            return defaults.get(field);
        }
        Object value = Normalizer.value(field, null, false);
        defaults.put(field, value);
        return value;
    }
}
