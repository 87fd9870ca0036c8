package io.kongsync.schema;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Kong 3.9.1's own schemas, as its Admin API serves them ({@code kong/3.9/} on the classpath: {@code entities/},
 * {@code plugins/}, {@code vaults/}, {@code routes-subschemas/}, {@code index.json}), read into kongsync's schema
 * model. Each document is read once, on first use.
 */
public final class KongSchemas {

    static final String ROOT = "/kong/3.9/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Map<String, Object>> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, RecordSchema> ENTITIES = new ConcurrentHashMap<>();
    private static final Map<String, PluginSchema> PLUGINS = new ConcurrentHashMap<>();
    private static final Map<RouterFlavor, RecordSchema> ROUTES = new ConcurrentHashMap<>();

    /** Which function Kong runs where: schema name, then path, then function name. */
    private static final class Functions {
        static final Map<String, Map<String, String>> BY_SCHEMA = load();

        private static Map<String, Map<String, String>> load() {
            Map<String, Map<String, String>> out = new HashMap<>();
            for (String[] place : CustomRules.places()) {
                if (!place[2].equals("func")) {
                    out.computeIfAbsent(place[0], k -> new HashMap<>()).put(place[1], place[3]);
                }
            }
            return out;
        }
    }

    private KongSchemas() {
    }

    /** The raw document at {@code kong/3.9/<path>.json}, as Kong serves it; null when there is none. */
    public static Map<String, Object> document(String path) {
        Map<String, Object> doc = DOCUMENTS.computeIfAbsent(path, KongSchemas::read);
        return doc.isEmpty() ? null : doc;
    }

    /** {@code index.json}: plugin order, entity names and their Admin API facts. */
    public static Map<String, Object> index() {
        return document("index");
    }

    /**
     * The schema of a core or plugin DAO entity ({@code services}, {@code keyauth_credentials}), with kongsync's
     * additions: the input transforms Kong's top-level shorthands perform, {@code ttl} where Kong accepts one, and
     * the secrets kongsync masks beyond Kong's {@code encrypted} fields.
     */
    public static RecordSchema entity(String name) {
        return ENTITIES.computeIfAbsent(name, KongSchemas::readEntity);
    }

    /**
     * The routes schema exactly as a Kong node with this {@code router_flavor} validates routes. {@link #entity}
     * {@code ("routes")} is the one kongsync keeps its model in: the default flavor's, plus the expressions flavor's
     * {@code expression} and {@code priority} fields with no default, so a route keeps them when written and
     * nothing is added to one that does not.
     */
    public static RecordSchema routes(RouterFlavor flavor) {
        return ROUTES.computeIfAbsent(flavor, KongSchemas::readRoutes);
    }

    /** {@code GET /schemas/routes} of a node with this {@code router_flavor}. */
    public static Map<String, Object> routesDocument(RouterFlavor flavor) {
        return document(routesVariant(flavor) + "entities/routes");
    }

    /** A bundled plugin's schema, or null for a name Kong does not bundle. */
    public static PluginSchema plugin(String name) {
        if (document("plugins/" + name) == null) {
            return null;
        }
        return PLUGINS.computeIfAbsent(name, KongSchemas::readPlugin);
    }

    /** The plugins entity's own fields (name, instance_name, scope, protocols, enabled, tags, config). */
    static List<Field> pluginEntityFields() {
        return entity("plugins").fields();
    }

    private static RecordSchema readEntity(String name) {
        Map<String, Object> doc = document("entities/" + name);
        if (doc == null) {
            throw new IllegalArgumentException("Kong 3.9 has no entity named " + name);
        }
        KongSchemaReader reader = reader(name);
        List<Field> fields = new ArrayList<>(reader.topLevelFields(doc.get("fields")));
        EntityExtras.adjust(name, fields);
        List<EntityCheck> checks = reader.entityChecks(doc.get("entity_checks"), doc.get("fields"), "entity_checks");
        List<UnaryOperator<Map<String, Object>>> transforms = EntityExtras.inputTransforms(name);
        if (name.equals("routes")) {
            fields.addAll(expressionsOnlyFields(reader));
            return new RecordSchema(fields, checks, transforms, Map.of(), "protocols", routeSubschemas(""), null);
        }
        if (name.equals("vaults")) {
            return new RecordSchema(fields, checks, transforms, Map.of(), "name", vaultSubschemas(),
                    "vault '%s' is not installed");
        }
        return new RecordSchema(fields, checks, transforms, Map.of());
    }

    /** Where a flavor's routes documents are: only those that differ from the default flavor's are kept. */
    private static String routesVariant(RouterFlavor flavor) {
        return switch (flavor) {
            case TRADITIONAL_COMPATIBLE -> "";
            case TRADITIONAL -> "router-traditional/";
            case EXPRESSIONS -> "router-expressions/";
        };
    }

    private static RecordSchema readRoutes(RouterFlavor flavor) {
        String variant = routesVariant(flavor);
        Map<String, Object> doc = document(variant + "entities/routes");
        KongSchemaReader reader = reader("routes");
        List<Field> fields = new ArrayList<>(reader.topLevelFields(doc.get("fields")));
        EntityExtras.adjust("routes", fields);
        List<EntityCheck> checks = reader.entityChecks(doc.get("entity_checks"), doc.get("fields"), "entity_checks");
        if (flavor != RouterFlavor.EXPRESSIONS) {
            // there the expressions fields are unknown, and Kong skips checks over a field in error
            checks = checks.stream().map(KongSchemas::withoutExpressionsFields).toList();
        }
        String subschemas = document(variant + "routes-subschemas/http") != null ? variant : "";
        return new RecordSchema(fields, checks, List.of(), Map.of(), "protocols", routeSubschemas(subschemas), null);
    }

    private static EntityCheck withoutExpressionsFields(EntityCheck check) {
        return record -> {
            Map<String, Object> known = new LinkedHashMap<>(record);
            RouterFlavor.EXPRESSIONS_ONLY_FIELDS.forEach(known::remove);
            return check.test(known);
        };
    }

    /**
     * The expressions flavor's own route fields, without {@code priority}'s default (see {@link #routes}). Null or
     * that default is the same as leaving them out: a route compares alike against Kongs of every flavor (only an
     * expressions Kong echoes them) and is sent without them.
     */
    private static List<Field> expressionsOnlyFields(KongSchemaReader reader) {
        Map<String, Map<String, Object>> expressions =
                KongSchemaReader.named(document(routesVariant(RouterFlavor.EXPRESSIONS) + "entities/routes").get("fields"));
        List<Field> out = new ArrayList<>();
        for (String name : RouterFlavor.EXPRESSIONS_ONLY_FIELDS) {
            Map<String, Object> definition = new LinkedHashMap<>(expressions.get(name));
            Object kongDefault = definition.remove("default");
            definition.remove("required");
            out.add(reader.field(name, definition, name).absentWhen(kongDefault));
        }
        return out;
    }

    private static Map<String, RecordSchema.Subschema> routeSubschemas(String variant) {
        Map<String, RecordSchema.Subschema> out = new LinkedHashMap<>();
        for (String protocol : List.of("http", "https", "tcp", "tls", "tls_passthrough", "udp", "grpc", "grpcs")) {
            Map<String, Object> doc = document(variant + "routes-subschemas/" + protocol);
            if (doc == null) {
                continue;
            }
            KongSchemaReader reader = reader("routes#" + protocol);
            out.put(protocol, new RecordSchema.Subschema(reader.topLevelFields(doc.get("fields")),
                    reader.entityChecks(doc.get("entity_checks"), entityFieldsWith(variant, doc), "entity_checks")));
        }
        return out;
    }

    /** Each bundled vault's {@code config}, as {@code /schemas/vaults/{name}} serves it. */
    @SuppressWarnings("unchecked")
    private static Map<String, RecordSchema.Subschema> vaultSubschemas() {
        Map<String, RecordSchema.Subschema> out = new LinkedHashMap<>();
        for (String vault : (List<String>) index().get("bundled_vaults")) {
            Map<String, Object> doc = document("vaults/" + vault);
            KongSchemaReader reader = reader("vaults/" + vault);
            out.put(vault, new RecordSchema.Subschema(reader.topLevelFields(doc.get("fields")),
                    reader.entityChecks(doc.get("entity_checks"), doc.get("fields"), "entity_checks")));
        }
        return out;
    }

    /** Subschema checks refine the parent's fields: conditional arguments are read against both. */
    private static Object entityFieldsWith(String variant, Map<String, Object> subschema) {
        List<Object> fields = new ArrayList<>((List<?>) document(variant + "entities/routes").get("fields"));
        fields.addAll((List<?>) subschema.get("fields"));
        return fields;
    }

    private static PluginSchema readPlugin(String name) {
        return pluginFrom(name, document("plugins/" + name));
    }

    /**
     * A plugin schema from a document in Kong's format: a bundled one, or the answer of a live Kong's
     * {@code GET /schemas/plugins/{name}} (which may describe a newer or custom plugin).
     */
    public static PluginSchema pluginFrom(String name, Map<String, Object> doc) {
        if (!(doc.get("fields") instanceof List<?>)) {
            throw new IllegalArgumentException("not a Kong schema: 'fields' is not a list");
        }
        String schemaName = "plugins/" + name;
        KongSchemaReader reader = reader(schemaName);
        Map<String, Map<String, Object>> top = KongSchemaReader.named(doc.get("fields"));
        Map<String, Object> configDoc = top.get("config");
        if (configDoc == null || !"record".equals(configDoc.get("type"))) {
            return PluginSchema.custom(name);
        }
        Field config = reader.field("config", configDoc, "config");
        PluginSchema schema = PluginSchema.ofConfig(name, config);
        for (Shorthand s : Shorthands.of(name, configDoc)) {
            schema.shorthand(s);
        }
        Map<String, Object> protocols = top.get("protocols");
        if (protocols != null) {
            List<String> allowed = protocols.get("elements") instanceof Map<?, ?> e && e.get("one_of") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : PluginSchema.ALL_PROTOCOLS;
            List<String> defaults = protocols.get("default") instanceof List<?> d
                    ? d.stream().map(String::valueOf).toList() : PluginSchema.DEFAULT_PROTOCOLS;
            schema.protocols(defaults, allowed);
        } else {
            schema.protocols(PluginSchema.DEFAULT_PROTOCOLS, PluginSchema.ALL_PROTOCOLS);
        }
        schema.scope(scope(top));
        for (EntityCheck check : reader.entityChecks(doc.get("entity_checks"), doc.get("fields"), "entity_checks")) {
            schema.check(check);
        }
        return schema;
    }

    /** Kong's {@code no_consumer}, {@code no_service}, {@code no_route}: a foreign field with {@code eq = null}. */
    private static PluginSchema.Scope scope(Map<String, Map<String, Object>> top) {
        boolean noConsumer = forbidden(top.get("consumer"));
        if (noConsumer && forbidden(top.get("service")) && forbidden(top.get("route"))) {
            return PluginSchema.Scope.GLOBAL_ONLY;
        }
        return noConsumer ? PluginSchema.Scope.NO_CONSUMER : PluginSchema.Scope.ANY;
    }

    private static boolean forbidden(Map<String, Object> foreign) {
        return foreign != null && foreign.containsKey("eq") && foreign.get("eq") == null;
    }

    private static KongSchemaReader reader(String schemaName) {
        return new KongSchemaReader(schemaName, Functions.BY_SCHEMA.getOrDefault(schemaName, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String path) {
        try (InputStream in = KongSchemas.class.getResourceAsStream(ROOT + path + ".json")) {
            if (in == null) {
                return Map.of();
            }
            return JSON.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
