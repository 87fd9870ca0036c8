package io.kongsync.masking;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The values of a state that must never be shown: those at secret fields (per schema) and at substituted ones. */
final class SecretValues {

    private SecretValues() {
    }

    static Set<String> in(State state) {
        Set<String> values = new HashSet<>();
        for (Entity entity : state.entities().values()) {
            collect(entity, schemaOf(entity), "", entity.fields(), values);
        }
        return values;
    }

    private static void collect(Entity entity, RecordSchema schema, String path, Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(entity, schema, join(path, String.valueOf(k)), v, into));
        } else if (value instanceof Collection<?> list) {
            for (Object v : list) {
                collect(entity, schema, path, v, into);
            }
        } else if ((value instanceof String || value instanceof Number || value instanceof Boolean)
                && !path.isEmpty() && (schema.isSecret(path) || entity.isSensitive(path))) {
            into.add(String.valueOf(value));
        } else if (value instanceof EntityKey ref && !path.isEmpty() && entity.isSensitive(path)) {
            // a reference substituted from a template: the name or id it holds is the substituted value
            into.add(ref.id() != null ? ref.id() : ref.name());
        }
    }

    private static RecordSchema schemaOf(Entity entity) {
        if (entity.kind() != EntityKind.PLUGIN) {
            return Schemas.entity(entity.kind());
        }
        String name = entity.field("name") instanceof String s ? s : entity.key().name();
        return Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name)).entitySchema();
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
