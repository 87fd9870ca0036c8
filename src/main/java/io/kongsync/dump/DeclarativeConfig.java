package io.kongsync.dump;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.Schemas;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A whole desired state as the body of Kong's DB-less {@code POST /config}: Kong's flat declarative form, one array per
 * DAO, every entity with an explicit id (so ids stay the same from one load to the next) and foreign keys as the
 * referenced entity's id. Certificates carry their SNIs nested as {@code snis: [{name}]}, which Kong's declarative
 * schema accepts; the SNIs then get ids Kong derives from their names. {@code _transform} is true, so Kong hashes
 * basic-auth passwords, which the desired state holds in plaintext.
 * <p>
 * The text is compact and canonical (keys sorted, entities in identity order): the same state gives the same bytes,
 * which Kong's {@code check_hash} relies on.
 */
public final class DeclarativeConfig {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeclarativeConfig() {
    }

    public static String render(State desired, Function<EntityKey, UUID> ids) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_format_version", "3.0");
        document.put("_transform", true);
        for (EntityKind kind : EntityKind.values()) {
            List<Object> entities = new ArrayList<>();
            for (Entity entity : desired.ofKind(kind)) {
                entities.add(entity(entity, ids));
            }
            if (!entities.isEmpty()) {
                document.put(kind.collection(), entities);
            }
        }
        return JSON.writeValueAsString(document);
    }

    private static Map<String, Object> entity(Entity entity, Function<EntityKey, UUID> ids) {
        Map<String, Object> fields = new TreeMap<>();
        entity.fields().forEach((name, value) -> fields.put(name, value(value, ids)));
        Map<String, Object> out = entity.kind() == EntityKind.PLUGIN
                ? fields : new TreeMap<>(Normalizer.withoutRewrites(Schemas.entity(entity.kind()), fields));
        if (entity.kind() == EntityKind.CERTIFICATE) {
            // not a certificate field in Kong: the nested SNI entities
            out.remove("snis");
            if (entity.field("snis") instanceof Collection<?> snis && !snis.isEmpty()) {
                List<Object> records = new ArrayList<>();
                for (Object sni : snis) {
                    records.add(Map.of("name", sni));
                }
                out.put("snis", records);
            }
        }
        out.put("id", ids.apply(entity.key()).toString());
        return out;
    }

    private static Object value(Object value, Function<EntityKey, UUID> ids) {
        if (value instanceof EntityKey ref) {
            return ids.apply(ref).toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v, ids)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(value(o, ids));
            }
            return out;
        }
        return value;
    }
}
