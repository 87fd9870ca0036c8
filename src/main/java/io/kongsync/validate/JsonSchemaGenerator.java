package io.kongsync.validate;

import io.kongsync.model.EntityKind;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;
import io.kongsync.schema.Shorthand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generates the JSON Schema (draft 2020-12) of the decK file format from the schema catalogue, for editors and for
 * {@link SchemaCheck}. The output is deterministic; it is checked in as {@code docs/schema/kongsync.schema.json}.
 */
public final class JsonSchemaGenerator {

    /** Where the schema is checked in, relative to the project root. */
    public static final String CHECKED_IN_PATH = "docs/schema/kongsync.schema.json";
    /** Where the build puts it on the classpath. */
    public static final String CLASSPATH_RESOURCE = "kongsync.schema.json";

    static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private static final String DEFS = "#/$defs/";
    static final String PLUGIN_CONFIGS = "plugin_configs";

    /** The schema as JSON text. */
    public String generateJson() {
        return JsonText.write(generate());
    }

    /** The schema as a tree of maps and lists. */
    public Map<String, Object> generate() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "kongsync decK file");
        root.put("description", "A decK-format (_format_version 3.0) declarative configuration for Kong Gateway 3.9, "
                + "as read by kongsync. Generated from kongsync's schema catalogue; do not edit.");
        root.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("_format_version", describe(map("const", "3.0"),
                "The decK file format version; must be \"3.0\" (convert 1.x files with 'kongsync convert')."));
        properties.put("_info", info());
        properties.put("_plugin_configs", describe(map("type", "object", "additionalProperties", map("type", "object")),
                "Shared plugin configs by name; a plugin naming one in '_config' gets it, its own config merged over."));
        properties.put("_transform", describe(type("boolean"),
                "Apply Kong's write transformations (e.g. basic-auth password hashing); default true."));
        properties.put("_comment", describe(type("string"), "Free text, ignored."));
        properties.put("services", arrayOf("service", "Services, with their routes and plugins nested."));
        properties.put("routes", arrayOf("route", "Routes not nested in a service; 'service' names their service."));
        properties.put("consumers", arrayOf("consumer", "Consumers, with their plugins and credentials nested."));
        properties.put("plugins", arrayOf("plugin", "Plugins: global, or scoped with service, route, consumer."));
        properties.put("upstreams", arrayOf("upstream", "Upstreams (load balancers), with their targets nested."));
        properties.put("certificates", arrayOf("certificate", "TLS certificates, with their SNIs."));
        properties.put("ca_certificates", arrayOf("ca_certificate", "CA certificates for upstream TLS verification."));
        for (EntityKind kind : topLevelKindsWithoutNesting()) {
            properties.putIfAbsent(kind.collection(), arrayOf(kind.label(), "Kong's " + kind.collection() + "."));
        }
        root.put("properties", properties);
        root.put("required", List.of("_format_version"));
        root.put("additionalProperties", false);
        root.put("$defs", definitions());
        return root;
    }

    private Map<String, Object> definitions() {
        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("service", service());
        defs.put("service_route", entity(EntityKind.ROUTE, Set.of("service"),
                nested("plugins", "route_plugin")));
        defs.put("route", entity(EntityKind.ROUTE, Set.of(), nested("plugins", "route_plugin")));
        defs.put("consumer", entity(EntityKind.CONSUMER, Set.of(), consumerChildren()));
        defs.put("plugin", plugin(Set.of()));
        defs.put("service_plugin", plugin(Set.of("service")));
        defs.put("route_plugin", plugin(Set.of("route")));
        defs.put("consumer_plugin", plugin(Set.of("consumer")));
        defs.put(PLUGIN_CONFIGS, pluginConfigs());
        for (EntityKind credential : EntityKind.CONSUMER.children()) {
            defs.put(credential.label(), entity(credential, Set.of(credential.spec().parentField()), Map.of()));
        }
        defs.put("upstream", entity(EntityKind.UPSTREAM, Set.of(), nested("targets", "target")));
        defs.put("target", entity(EntityKind.TARGET, Set.of("upstream"), Map.of()));
        Map<String, Object> snis = new LinkedHashMap<>();
        snis.put("snis", describe(map("type", "array", "items", sni()), "Server names served with this certificate."));
        defs.put("certificate", entity(EntityKind.CERTIFICATE, Set.of(), snis));
        for (EntityKind kind : topLevelKindsWithoutNesting()) {
            defs.putIfAbsent(kind.label(), entity(kind, Set.of(), Map.of()));
        }
        return defs;
    }

    // ---- entities -------------------------------------------------------------------------------------------------

    private Map<String, Object> service() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("url", describe(map("type", "string", "minLength", 1),
                "Write-only shorthand for protocol, host, port and path, e.g. https://orders.internal:8443/v1."));
        extra.putAll(nested("routes", "service_route"));
        extra.putAll(nested("plugins", "service_plugin"));
        Map<String, Object> schema = entity(EntityKind.SERVICE, Set.of(), extra);
        @SuppressWarnings("unchecked")
        List<String> required = (List<String>) schema.get("required");
        if (required != null && required.remove("host")) {
            if (required.isEmpty()) {
                schema.remove("required");
            }
            schema.put("if", map("required", List.of("url")));
            schema.put("else", map("required", List.of("host")));
        }
        return schema;
    }

    private static Map<String, Object> consumerChildren() {
        Map<String, Object> children = new LinkedHashMap<>(nested("plugins", "consumer_plugin"));
        for (EntityKind credential : EntityKind.CONSUMER.children()) {
            children.putAll(nested(credential.collection(), credential.label()));
        }
        return children;
    }

    /** Top-level kinds that nest nothing and are written as they are (CA certificates, vaults, keys ...). */
    private static List<EntityKind> topLevelKindsWithoutNesting() {
        return java.util.Arrays.stream(EntityKind.values())
                .filter(k -> !k.spec().isNested() && k.children().isEmpty())
                .filter(k -> k != EntityKind.ROUTE && k != EntityKind.PLUGIN && k != EntityKind.SERVICE
                        && k != EntityKind.CERTIFICATE)
                .toList();
    }

    /** An entity's fields, less those its nesting implies, plus its nested collections. */
    private Map<String, Object> entity(EntityKind kind, Set<String> excluded, Map<String, Object> children) {
        Optional<RecordSchema> schema = catalogued(kind);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("properties", properties(schema.map(RecordSchema::fields).orElse(List.of()), excluded, children));
        List<String> required = requiredFields(schema.map(RecordSchema::fields).orElse(List.of()), excluded);
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        if (schema.isPresent()) {
            out.put("additionalProperties", false);
        } else {
            out.put("description", "The catalogue has no " + kind.label() + " schema yet: fields are not checked.");
        }
        return out;
    }

    private Map<String, Object> plugin(Set<String> excluded) {
        RecordSchema generic = PluginSchema.custom("custom").entitySchema();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        Map<String, Object> properties = properties(generic.fields(), excluded, Map.of());
        properties.put("name", describe(map("type", "string", "minLength", 1, "examples", Schemas.bundledPlugins()),
                "The plugin's name: a bundled plugin or a custom one."));
        properties.put("_config", describe(map("type", "string", "minLength", 1),
                "The name of an entry of _plugin_configs: its config, under this plugin's own config."));
        out.put("properties", properties);
        out.put("required", requiredFields(generic.fields(), excluded));
        out.put("additionalProperties", false);
        out.put("$ref", DEFS + PLUGIN_CONFIGS);
        return out;
    }

    /** For every plugin with a config schema: when {@code name} is that plugin, its config and protocols. */
    private Map<String, Object> pluginConfigs() {
        List<Object> branches = new ArrayList<>();
        for (PluginSchema plugin : Schemas.plugins().values()) {
            if (plugin.isCustom()) {
                continue;
            }
            Map<String, Object> config = withShorthands(fieldSchema(plugin.config()), plugin);
            Map<String, Object> protocols = map("type", "array",
                    "items", map("type", "string", "enum", plugin.protocolsAllowed()));
            Map<String, Object> then = new LinkedHashMap<>();
            then.put("properties", map("config", config, "protocols", protocols));
            if (mustBeWritten(plugin.config())) {
                then.put("required", List.of("config"));
            }
            branches.add(map(
                    "if", map("properties", map("name", map("const", plugin.name())), "required", List.of("name")),
                    "then", then));
        }
        return map("allOf", branches);
    }

    private Map<String, Object> withShorthands(Map<String, Object> config, PluginSchema plugin) {
        for (Shorthand shorthand : plugin.shorthands()) {
            Field target = plugin.entitySchema().fieldAt("config." + shorthand.to());
            // a shorthand Kong translates (session's cookie_samesite: off) is checked by Kong's rules, not here
            Map<String, Object> schema = target == null || !shorthand.echoed()
                    ? new LinkedHashMap<>() : nullable(fieldSchema(target));
            schema.put("description", "Shorthand for " + shorthand.to() + (shorthand.deprecated() ? " (deprecated)." : "."));
            if (shorthand.deprecated()) {
                schema.put("deprecated", true);
            }
            Map<String, Object> record = config;
            String[] steps = shorthand.from().split("\\.");
            for (int i = 0; i < steps.length - 1 && record != null; i++) {
                record = subProperty(record, steps[i]);
            }
            if (record != null) {
                properties(record).put(steps[steps.length - 1], schema);
            }
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> record) {
        return (Map<String, Object>) record.computeIfAbsent("properties", k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subProperty(Map<String, Object> record, String name) {
        Object child = properties(record).get(name);
        return child instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static Map<String, Object> sni() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", uuid());
        properties.put("name", describe(map("type", "string", "minLength", 1), "A host name, may use a wildcard."));
        properties.put("tags", tags());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", "An SNI name, or an object with its name.");
        out.put("type", List.of("string", "object"));
        out.put("minLength", 1);
        out.put("properties", properties);
        out.put("required", List.of("name"));
        out.put("additionalProperties", false);
        return out;
    }

    // ---- fields ---------------------------------------------------------------------------------------------------

    private Map<String, Object> properties(List<Field> fields, Set<String> excluded, Map<String, Object> children) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", uuid());
        for (Field f : fields) {
            if (!excluded.contains(f.name()) && !f.name().equals("id")) {
                properties.put(f.name(), propertySchema(f));
            }
        }
        properties.putIfAbsent("tags", tags());
        properties.putAll(children);
        return properties;
    }

    private static List<String> requiredFields(List<Field> fields, Set<String> excluded) {
        List<String> required = new ArrayList<>();
        for (Field f : fields) {
            if (!excluded.contains(f.name()) && mustBeWritten(f)) {
                required.add(f.name());
            }
        }
        return required;
    }

    /** Kong fills defaults, generates auto fields and expands absent records, so only the rest must be written. */
    static boolean mustBeWritten(Field f) {
        if (f.hasDefault()) {
            return false;
        }
        if (f.type() == FieldType.RECORD) {
            return !f.isNullableRecord() && f.fields().stream().anyMatch(JsonSchemaGenerator::mustBeWritten);
        }
        return f.isRequired() && !f.hasDefault() && !f.isAuto();
    }

    private Map<String, Object> propertySchema(Field f) {
        Map<String, Object> schema = fieldSchema(f);
        return f.isRequired() ? schema : nullable(schema);
    }

    private Map<String, Object> fieldSchema(Field f) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (f.type()) {
            case STRING -> {
                s.put("type", "string");
                if (f.lenMinimum() != null) {
                    s.put("minLength", f.lenMinimum());
                }
            }
            case INTEGER, NUMBER -> {
                s.put("type", f.type() == FieldType.INTEGER ? "integer" : "number");
                if (f.minimum() != null) {
                    s.put("minimum", f.minimum());
                }
                if (f.maximum() != null) {
                    s.put("maximum", f.maximum());
                }
                if (f.exclusiveMinimum() != null) {
                    s.put("exclusiveMinimum", f.exclusiveMinimum());
                }
            }
            case BOOLEAN -> s.put("type", "boolean");
            case ARRAY, SET -> {
                s.put("type", "array");
                s.put("items", f.elements() == null ? Map.of() : fieldSchema(f.elements()));
            }
            case MAP -> {
                s.put("type", "object");
                if (f.keys() != null) {
                    s.put("propertyNames", fieldSchema(f.keys()));
                }
                s.put("additionalProperties", f.elements() == null ? Map.of() : fieldSchema(f.elements()));
            }
            case RECORD -> {
                s.put("type", "object");
                Map<String, Object> properties = new LinkedHashMap<>();
                for (Field inner : f.fields()) {
                    properties.put(inner.name(), propertySchema(inner));
                }
                s.put("properties", properties);
                List<String> required = requiredFields(f.fields(), Set.of());
                if (!required.isEmpty()) {
                    s.put("required", required);
                }
                s.put("additionalProperties", false);
            }
            case FOREIGN -> s.putAll(foreign(f.reference()));
            case ANY -> {
            }
        }
        if (f.allowedValues() != null) {
            s.put("enum", new ArrayList<>(f.allowedValues()));
        }
        if (f.hasDefault() && isJson(f.defaultValue())) {
            s.put("default", f.defaultValue());
        }
        return s;
    }

    /** A reference written as the other entity's name (or id), or as {@code {name: ...}} / {@code {id: ...}}. */
    private static Map<String, Object> foreign(EntityKind kind) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", uuid());
        properties.put("name", map("type", "string", "minLength", 1));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", "The " + kind.label() + "'s name or id, or an object with its name or id.");
        out.put("type", new ArrayList<>(List.of("string", "object")));
        out.put("minLength", 1);
        out.put("properties", properties);
        out.put("minProperties", 1);
        out.put("additionalProperties", false);
        return out;
    }

    /** The same schema also accepting null, which unsets an optional field. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nullable(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type == null) {
            return schema; // any value, null included
        }
        List<Object> types = type instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(type));
        types.add("null");
        schema.put("type", types);
        if (schema.get("enum") instanceof List<?> values) {
            List<Object> withNull = new ArrayList<>(values);
            withNull.add(null);
            schema.put("enum", withNull);
        }
        return schema;
    }

    private static boolean isJson(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(JsonSchemaGenerator::isJson);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().allMatch(JsonSchemaGenerator::isJson);
        }
        return false;
    }

    // ---- small builders -------------------------------------------------------------------------------------------

    private static Optional<RecordSchema> catalogued(EntityKind kind) {
        try {
            return Optional.of(Schemas.entity(kind));
        } catch (IllegalArgumentException notYetInCatalogue) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> uuid() {
        return map("description", "The entity's UUID; Kong generates one when absent.",
                "type", "string", "format", "uuid", "pattern", UUID_PATTERN);
    }

    private static Map<String, Object> tags() {
        return map("description", "Tags, e.g. to select the entities a file manages.",
                "type", List.of("array", "null"), "items", map("type", "string", "minLength", 1));
    }

    private Map<String, Object> info() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("select_tags", describe(map("type", "array", "items", map("type", "string", "minLength", 1)),
                "Only entities with all these tags are managed; they are added to every entity in the file."));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("service", defaultsOf(EntityKind.SERVICE, Set.of("id", "name")));
        defaults.put("route", defaultsOf(EntityKind.ROUTE, Set.of("id", "name", "service")));
        defaults.put("upstream", defaultsOf(EntityKind.UPSTREAM, Set.of("id", "name")));
        defaults.put("target", defaultsOf(EntityKind.TARGET, Set.of("id", "target", "upstream")));
        properties.put("defaults", describe(map("type", "object", "properties", defaults, "additionalProperties", false),
                "Values for the fields a service, route, upstream or target of any file does not set."));
        properties.put("skip_hash_for_basic_auth", describe(type("boolean"),
                "basic-auth passwords in the files are the SHA-1 hashes Kong stores, not plaintext."));
        return describe(map("type", "object", "properties", properties, "additionalProperties", false),
                "decK file metadata.");
    }

    /** An entity's fields, none required, without the ones that identify it. */
    private Map<String, Object> defaultsOf(EntityKind kind, Set<String> excluded) {
        Map<String, Object> schema = entity(kind, excluded, Map.of());
        return map("type", "object", "properties", schema.get("properties"), "additionalProperties", false);
    }

    private static Map<String, Object> arrayOf(String definition, String description) {
        return describe(map("type", "array", "items", map("$ref", DEFS + definition)), description);
    }

    private static Map<String, Object> nested(String collection, String definition) {
        return map(collection, map("type", "array", "items", map("$ref", DEFS + definition)));
    }

    private static Map<String, Object> type(String type) {
        return map("type", type);
    }

    private static Map<String, Object> describe(Map<String, Object> schema, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", description);
        out.putAll(schema);
        return out;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
