package io.kongsync.validate;

import com.networknt.schema.Error;
import io.kongsync.file.SourceMap;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns networknt errors into short, human messages at the path of the node they are about. */
final class SchemaErrorMessages {

    /** A message about the node at {@code path}. */
    record Described(String path, String message) {
    }

    /** Combinators only say that a sub-schema failed; the sub-schema's own errors are reported instead. */
    private static final Set<String> COMBINATORS = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref");

    private final JsonNode rootSchema;

    /** @param rootSchema the schema the errors come from, to read a keyword's neighbours (a range's other end) */
    SchemaErrorMessages(JsonNode rootSchema) {
        this.rootSchema = rootSchema;
    }

    /** The message for an error, or null when the error is combinator noise. */
    Described describe(Error error, String path) {
        String keyword = error.getKeyword();
        if (keyword == null || COMBINATORS.contains(keyword)) {
            return null;
        }
        JsonNode keywordValue = error.getSchemaNode();
        JsonNode schema = parentSchema(error);
        return switch (keyword) {
            case "additionalProperties" -> new Described(SourceMap.child(path, error.getProperty()),
                    java.util.Objects.requireNonNullElse(UnsupportedKeys.message(path, error.getProperty()), "unknown field"));
            case "required" -> new Described(SourceMap.child(path, error.getProperty()), "required field missing");
            case "type" -> new Described(path, "expected " + types(keywordValue));
            case "minimum", "maximum" -> new Described(path, range(schema));
            case "exclusiveMinimum" -> new Described(path, "value must be greater than " + number(keywordValue));
            case "enum" -> new Described(path, "expected one of: " + listed(keywordValue));
            case "const" -> new Described(path, "expected " + keywordValue);
            case "minLength" -> new Described(path, "length must be at least " + number(keywordValue));
            case "pattern" -> new Described(path, schema != null && schema.has("format")
                    ? "expected a " + schema.get("format").asString().toUpperCase(Locale.ROOT)
                    : "should match the pattern " + keywordValue.asString());
            case "minProperties" -> new Described(path, "expected a name or an id");
            default -> new Described(path, String.valueOf(error.getMessage()));
        };
    }

    /** The schema object holding the failed keyword, or null when it is not in the root document. */
    private JsonNode parentSchema(Error error) {
        String location = String.valueOf(error.getSchemaLocation());
        int hash = location.indexOf('#');
        int lastStep = location.lastIndexOf('/');
        if (hash < 0 || lastStep <= hash) {
            return null;
        }
        JsonNode parent = rootSchema.at(location.substring(hash + 1, lastStep));
        return parent.isMissingNode() ? null : parent;
    }

    /** Kong's words for a range, whichever end was crossed. */
    private static String range(JsonNode schema) {
        JsonNode min = schema == null ? null : schema.get("minimum");
        JsonNode max = schema == null ? null : schema.get("maximum");
        if (min != null && max != null) {
            return "value should be between " + number(min) + " and " + number(max);
        }
        return min != null ? "value should be at least " + number(min) : "value should be at most " + number(max);
    }

    private static String types(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> names.add(t.asString()));
        } else if (type != null) {
            names.add(type.asString());
        }
        names.remove("null");
        List<String> described = new ArrayList<>();
        for (String name : names) {
            described.add(switch (name) {
                case "integer" -> "an integer";
                case "number" -> "a number";
                case "string" -> "a string";
                case "boolean" -> "a boolean";
                case "array" -> "a list";
                case "object" -> "an object";
                default -> name;
            });
        }
        return String.join(" or ", described);
    }

    private static String listed(JsonNode values) {
        List<String> shown = new ArrayList<>();
        values.forEach(v -> {
            if (!v.isNull()) {
                shown.add(v.isString() ? v.asString() : v.toString());
            }
        });
        return String.join(", ", shown);
    }

    private static String number(JsonNode value) {
        return value == null ? "?" : value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble())
                ? Long.toString(value.asLong()) : value.toString();
    }
}
