package io.kongsync.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.kongsync.file.DeckFile;
import io.kongsync.file.SourceMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a file's content against the shipped decK-file JSON Schema ({@link JsonSchemaGenerator}), reporting every
 * error at the position of the offending node with a short message. Messages never quote the checked values (some
 * came from template substitution and are secrets). The compiled schema is shared by all instances.
 */
public final class SchemaCheck {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final class Shared {
        static final SchemaCheck CLASSPATH = new SchemaCheck(readClasspathSchema());
    }

    /** Where plugin objects sit in a decK file: the top level and every entity that nests plugins. */
    private static final List<List<String>> PLUGIN_PLACES = List.of(
            List.of("plugins"),
            List.of("services", "plugins"),
            List.of("services", "routes", "plugins"),
            List.of("routes", "plugins"),
            List.of("consumers", "plugins"));

    private final Schema schema;
    private final SchemaErrorMessages messages;
    /** Each plugin's branch, compiled the first time a file uses the plugin (a file uses a few of Kong's 45). */
    private final Map<String, ObjectNode> pluginSchemas = new HashMap<>();
    private final Map<String, PluginCheck> plugins = new java.util.concurrent.ConcurrentHashMap<>();

    /** One plugin's config branch of the schema, compiled on its own. */
    private record PluginCheck(Schema schema, SchemaErrorMessages messages) {
    }

    /**
     * The published schema dispatches plugin configs with one {@code if name == X then ...} per known plugin, which
     * editors need; evaluated as is, every plugin instance fails all but one of those conditions, each failure
     * building an error. So the document is checked with plugin configs left open, and each plugin instance against
     * its own branch only. The errors are the same.
     */
    private SchemaCheck(JsonNode schemaNode) {
        ObjectNode document = (ObjectNode) schemaNode.deepCopy();
        JsonNode defs = document.get("$defs");
        JsonNode branches = defs == null ? null : defs.path(JsonSchemaGenerator.PLUGIN_CONFIGS).get("allOf");
        if (branches != null) {
            for (JsonNode branch : branches) {
                String name = branch.path("if").path("properties").path("name").path("const").asString();
                ObjectNode pluginSchema = (ObjectNode) branch.get("then").deepCopy();
                pluginSchema.put("$schema", document.path("$schema").asString());
                pluginSchema.set("$defs", defs);
                pluginSchemas.put(name, pluginSchema);
            }
            ((ObjectNode) defs).set(JsonSchemaGenerator.PLUGIN_CONFIGS, NODES.objectNode());
        }
        this.schema = compile(document);
        this.messages = new SchemaErrorMessages(schemaNode);
    }

    /** The check against the schema shipped on the classpath, compiled once. */
    public static SchemaCheck shipped() {
        return Shared.CLASSPATH;
    }

    /** A check against another schema text (tests, or a freshly generated schema). */
    public static SchemaCheck of(String schemaJson) {
        return new SchemaCheck(MAPPER.readTree(schemaJson));
    }

    public List<Diagnostic> check(DeckFile file) {
        JsonNode content = tree(file.content());
        Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        report(schema.validate(content), messages, "", file, diagnostics);
        for (List<String> place : PLUGIN_PLACES) {
            eachPlugin(content, place, 0, "", (plugin, path) -> {
                PluginCheck check = pluginCheck(plugin.path("name").asString(""));
                if (check != null) {
                    report(check.schema().validate(plugin), check.messages(), path, file, diagnostics);
                }
            });
        }
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(null);
        return sorted;
    }


    private PluginCheck pluginCheck(String name) {
        ObjectNode branch = pluginSchemas.get(name);
        if (branch == null) {
            return null;
        }
        return plugins.computeIfAbsent(name, n -> new PluginCheck(compile(branch), new SchemaErrorMessages(branch)));
    }

    /** The document as a Jackson tree, built directly (several times faster than {@code valueToTree}). */
    static JsonNode tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), tree(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode(list.size());
            for (Object item : list) {
                node.add(tree(item));
            }
            return node;
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l.longValue());
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value == null) {
            return NODES.nullNode();
        }
        return MAPPER.valueToTree(value);
    }

    private static void report(List<Error> errors, SchemaErrorMessages messages, String prefix, DeckFile file,
                               Set<Diagnostic> diagnostics) {
        for (Error error : errors) {
            String path = path(error.getInstanceLocation());
            String full = prefix.isEmpty() ? path : path.isEmpty() ? prefix
                    : path.startsWith("[") ? prefix + path : prefix + "." + path;
            SchemaErrorMessages.Described described = messages.describe(error, full);
            if (described != null) {
                diagnostics.add(new Diagnostic(file.positions().at(described.path()), described.message()));
            }
        }
    }

    /** Calls {@code visit} for every object at {@code place} (e.g. services[*].routes[*].plugins[*]). */
    private static void eachPlugin(JsonNode node, List<String> place, int step, String path,
                                   java.util.function.BiConsumer<JsonNode, String> visit) {
        JsonNode list = node.get(place.get(step));
        if (list == null || !list.isArray()) {
            return;
        }
        String listPath = SourceMap.child(path, place.get(step));
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                continue;
            }
            String itemPath = SourceMap.item(listPath, i);
            if (step == place.size() - 1) {
                visit.accept(item, itemPath);
            } else {
                eachPlugin(item, place, step + 1, itemPath, visit);
            }
        }
    }

    /** A JSON Schema instance location in our path form, {@code services[0].routes[1].paths[0]}. */
    static String path(NodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? SourceMap.item(path, index) : SourceMap.child(path, String.valueOf(element));
        }
        return path;
    }

    private static JsonNode readClasspathSchema() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/" + JsonSchemaGenerator.CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JsonSchemaGenerator.CLASSPATH_RESOURCE + " is not on the classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema compile(JsonNode schemaNode) {
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
        compiled.initializeValidators();
        return compiled;
    }
}
