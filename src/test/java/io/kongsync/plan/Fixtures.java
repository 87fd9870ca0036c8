package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.Schemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Hand-built, normalized entities for planner and report tests. */
public final class Fixtures {

    public static final String OWNED = PlanOptions.DEFAULT_OWNERSHIP_TAG;

    private Fixtures() {
    }

    public static EntityKey key(EntityKind kind, String name, String... scope) {
        Map<String, String> s = new LinkedHashMap<>();
        for (int i = 0; i < scope.length; i += 2) {
            s.put(scope[i], scope[i + 1]);
        }
        return new EntityKey(kind, name, s);
    }

    /** A service normalized with the catalogue's schema; {@code tags} become its tags. */
    public static Entity service(String name, Map<String, Object> input, String... tags) {
        Map<String, Object> raw = new LinkedHashMap<>(input);
        raw.put("name", name);
        raw.put("tags", List.of(tags));
        return entity(EntityKind.SERVICE, name, Normalizer.normalize(Schemas.entity(EntityKind.SERVICE), raw));
    }

    /** A key-auth plugin on a service, normalized with the catalogue's key-auth schema. */
    public static Entity keyAuthPlugin(String service, Map<String, Object> config, String... tags) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "key-auth");
        raw.put("service", EntityKey.of(EntityKind.SERVICE, service));
        raw.put("config", config);
        raw.put("tags", List.of(tags));
        Map<String, Object> fields = Normalizer.normalizePlugin(Schemas.plugin("key-auth").orElseThrow(), raw);
        return entity(key(EntityKind.PLUGIN, "key-auth", "service", service), fields);
    }

    public static Entity entity(EntityKind kind, String name, Map<String, Object> fields) {
        return entity(EntityKey.of(kind, name), fields);
    }

    public static Entity entity(EntityKey key, Map<String, Object> fields) {
        return new Entity(key, key.deterministicId(), fields, null, Set.of());
    }

    public static Entity entity(EntityKey key, UUID id, Map<String, Object> fields, Set<String> sensitivePaths) {
        return new Entity(key, id, fields, null, sensitivePaths);
    }

    /** The same entity as Kong returns it: a random id and server-generated fields the files never set. */
    public static Entity inKong(Entity entity) {
        Map<String, Object> fields = new LinkedHashMap<>(entity.fields());
        fields.put("created_at", 1700000000L);
        fields.put("updated_at", 1700000001L);
        return new Entity(entity.key(), UUID.nameUUIDFromBytes(entity.key().canonical().getBytes()), fields, null,
                Set.of());
    }

    /** A copy with some fields replaced. */
    public static Entity with(Entity entity, Map<String, Object> replacements) {
        Map<String, Object> fields = new LinkedHashMap<>(entity.fields());
        fields.putAll(replacements);
        return new Entity(entity.key(), entity.id(), fields, entity.origin(), entity.sensitivePaths());
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
