package io.kongsync.sync;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.kong.KongPaths;
import io.kongsync.plan.Change;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Admin API request that applies one change: {@code PUT} by id for creates and updates (full replacement, so
 * the entity ends up exactly as the files say), {@code DELETE} by id, and Kong's nested paths where it requires them.
 *
 * @param body the JSON body, or null for a delete. Holds secrets: never log it.
 */
public record KongRequest(String method, String path, Map<String, Object> body) {

    public static KongRequest of(Change change, Function<EntityKey, UUID> ids) {
        return switch (change.action()) {
            case DELETE -> new KongRequest("DELETE", entityPath(change.current(), ids), null);
            case CREATE -> create(change.desired(), ids);
            case UPDATE -> new KongRequest("PUT", entityPath(change.current(), ids),
                    keepingGeneratedSecrets(body(change.desired(), ids), change.current(), ids));
        };
    }

    private static KongRequest create(Entity desired, Function<EntityKey, UUID> ids) {
        if (!KongPaths.putCreates(desired.kind())) {
            // PUT on a target only updates an existing one; a target is created by POST with its id in the body.
            Map<String, Object> body = body(desired, ids);
            body.put("id", ids.apply(desired.key()).toString());
            return new KongRequest("POST", KongPaths.collection(desired.kind(), parentId(desired, ids)), body);
        }
        return new KongRequest("PUT", entityPath(desired, ids), body(desired, ids));
    }

    /** The entity's path, by the id Kong has (or will have) for it. */
    static String entityPath(Entity entity, Function<EntityKey, UUID> ids) {
        return KongPaths.entity(entity.kind(), ids.apply(entity.key()).toString(), parentId(entity, ids));
    }

    /** The upstream's id for a target, the consumer's for a credential; null for top-level kinds. */
    private static String parentId(Entity entity, Function<EntityKey, UUID> ids) {
        return KongPaths.parentKind(entity.kind())
                .map(parent -> entity.field(parent.label()) instanceof EntityKey ref ? ids.apply(ref).toString() : null)
                .orElse(null);
    }

    /**
     * A PUT replaces the whole entity, and Kong generates an absent auto field anew: a secret Kong generated and the
     * files leave out (an hmac-auth secret, an oauth2 client secret, an oauth2 plugin's provision key) is sent back as
     * Kong holds it, so an update of something else does not replace it.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> keepingGeneratedSecrets(Map<String, Object> body, Entity current,
                                                               Function<EntityKey, UUID> ids) {
        RecordSchema schema = current.kind() == io.kongsync.model.EntityKind.PLUGIN
                ? Schemas.plugin(String.valueOf(current.field("name"))).map(PluginSchema::entitySchema).orElse(null)
                : Schemas.entity(current.kind());
        if (schema != null) {
            keepGenerated(schema.fields(), body, (Map<String, Object>) json(current.fields(), ids));
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private static void keepGenerated(List<Field> fields, Map<String, Object> body, Map<String, Object> current) {
        for (Field f : fields) {
            Object mine = body.get(f.name());
            Object theirs = current.get(f.name());
            if (f.isAuto() && f.isSecret() && f.type() == FieldType.STRING && mine == null && theirs != null) {
                body.put(f.name(), theirs);
            } else if (f.type() == FieldType.RECORD && mine instanceof Map<?, ?> m && theirs instanceof Map<?, ?> t) {
                keepGenerated(f.fields(), (Map<String, Object>) m, (Map<String, Object>) t);
            }
        }
    }

    /**
     * The entity's fields as Kong takes them: references become {@code {"id": ...}}, and a field Kong's input
     * transforms would turn into something else is left to Kong's default.
     */
    static Map<String, Object> body(Entity entity, Function<EntityKey, UUID> ids) {
        Map<String, Object> body = new LinkedHashMap<>();
        entity.fields().forEach((name, value) -> body.put(name, json(value, ids)));
        RecordSchema schema = entity.kind() == io.kongsync.model.EntityKind.PLUGIN ? null : Schemas.entity(entity.kind());
        return schema == null ? body : new LinkedHashMap<>(Normalizer.withoutRewrites(schema, body));
    }

    private static Object json(Object value, Function<EntityKey, UUID> ids) {
        if (value instanceof EntityKey ref) {
            return Map.of("id", ids.apply(ref).toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), json(v, ids)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(v -> out.add(json(v, ids)));
            return out;
        }
        return value;
    }
}
