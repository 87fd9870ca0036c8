package io.kongsync.sandbox;

import io.kongsync.schema.KongSchemas;
import io.kongsync.schema.RecordSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link EntityType} from Kong 3.9.1's own facts about a DAO ({@code index.json} and its schema document): the
 * Admin API paths, the endpoint key, the unique fields and cache key, the foreign keys with what deleting the parent
 * does and whether Kong serves the parent endpoint, the timestamps, whether it is listed top-level, and a TTL.
 */
final class KongDao {

    private KongDao() {
    }

    @SuppressWarnings("unchecked")
    static EntityType type(String dao, RecordSchema schema) {
        Map<String, Object> facts = (Map<String, Object>) ((Map<String, Object>) KongSchemas.index().get("entities")).get(dao);
        if (facts == null) {
            throw new IllegalArgumentException("Kong 3.9.1 has no DAO " + dao);
        }
        String path = facts.get("admin_api_name") instanceof String p ? p : dao;
        String nested = facts.get("admin_api_nested_name") instanceof String n ? n : path;
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) facts.get("endpoints");

        List<List<String>> uniques = new ArrayList<>();
        for (Object field : (List<Object>) facts.getOrDefault("unique", List.of())) {
            uniques.add(List.of(String.valueOf(field)));
        }
        if (facts.get("cache_key") instanceof List<?> cacheKey && cacheKey.size() > 1) {
            uniques.add(cacheKey.stream().map(String::valueOf).toList());
        }
        List<Reference> references = new ArrayList<>();
        for (Map<String, Object> fk : (List<Map<String, Object>>) facts.getOrDefault("foreign_keys", List.of())) {
            String field = String.valueOf(fk.get("field"));
            Reference.OnDelete onDelete = "cascade".equals(fk.get("on_delete"))
                    ? Reference.OnDelete.CASCADE : Reference.OnDelete.RESTRICT;
            boolean parentEndpoint = served(endpoints, "/" + path + "/{" + dao + "}/" + field);
            references.add(new Reference(field, String.valueOf(fk.get("reference")), onDelete, parentEndpoint));
        }
        Map<String, Object> document = KongSchemas.document("entities/" + dao);
        List<Object> fields = (List<Object>) document.get("fields");
        boolean updatedAt = fields.stream().anyMatch(f -> ((Map<?, ?>) f).containsKey("updated_at"));
        boolean floatTimestamps = fields.stream().anyMatch(f -> ((Map<?, ?>) f).get("created_at") instanceof Map<?, ?> c
                && "number".equals(c.get("type")));
        EntityType type = new EntityType(dao, path, nested, schema,
                facts.get("endpoint_key") instanceof String key ? key : null, uniques, references, updatedAt,
                floatTimestamps, served(endpoints, "/" + path));
        return Boolean.TRUE.equals(facts.get("ttl")) ? type.with(EntityType.Trait.TTL) : type;
    }

    /** Kong routes the path and does not answer it with a fixed refusal. */
    private static boolean served(List<Map<String, Object>> endpoints, String path) {
        return endpoints.stream().anyMatch(e -> path.equals(e.get("path")) && e.get("rejects_with") == null);
    }
}
