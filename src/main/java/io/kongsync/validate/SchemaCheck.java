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

    private static final class Shared {
        static final SchemaCheck CLASSPATH = new SchemaCheck(readClasspathSchema());
    }

    private final Schema schema;
    private final SchemaErrorMessages messages;

    private SchemaCheck(JsonNode schemaNode) {
        this.schema = compile(schemaNode);
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
        for (Error error : schema.validate(content)) {
            SchemaErrorMessages.Described described = messages.describe(error, path(error.getInstanceLocation()));
            if (described != null) {
                diagnostics.add(new Diagnostic(file.positions().at(described.path()), described.message()));
            }
        }
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(null);
        return sorted;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
