package io.kongsync.sandbox;

import io.kongsync.schema.Field;
import io.kongsync.schema.FieldError;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.KongSchemas;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /schemas/...}: Kong 3.9.1's own schema documents, and schema-only validation. */
final class SchemaEndpoints {

    private final KongValidator validator = new KongValidator();
    private final RouterFlavor routerFlavor;

    SchemaEndpoints(RouterFlavor routerFlavor) {
        this.routerFlavor = routerFlavor;
    }

    Response handle(Request req) {
        int depth = req.depth();
        if (depth == 3 && req.segment(1).equals("plugins") && req.segment(2).equals("validate")) {
            requirePost(req);
            return validatePlugin(req.jsonObject());
        }
        if (depth == 3 && req.segment(1).equals("plugins")) {
            requireGet(req);
            return kongDocument("plugins/", req.segment(2), "No plugin named '%s'");
        }
        if (depth == 3 && req.segment(1).equals("vaults")) {
            requireGet(req);
            return kongDocument("vaults/", req.segment(2), "No vault named '%s'");
        }
        if (depth == 3 && req.segment(2).equals("validate")) {
            requirePost(req);
            EntityType type = EntityType.byName(req.segment(1));
            if (type == null || type.isPlugin()) {
                throw ApiError.message(404, "No entity named '" + req.segment(1) + "'");
            }
            return validateEntity(type, req.jsonObject());
        }
        if (depth == 2) {
            requireGet(req);
            return kongDocument("entities/", req.segment(1), "No entity named '%s'");
        }
        throw ApiError.notFound();
    }

    /** Kong 3.9.1's own answer, from the schema data kongsync ships. */
    private Response kongDocument(String folder, String name, String notFound) {
        Map<String, Object> doc = folder.equals("entities/") && name.equals("routes")
                ? KongSchemas.routesDocument(routerFlavor)
                : name.matches("[a-z0-9_-]+") ? KongSchemas.document(folder + name) : null;
        if (doc == null) {
            throw ApiError.message(404, notFound.replace("%s", name));
        }
        return Response.of(200, doc);
    }

    /** {@code GET /plugins/schema/{name}}: only the config record. */
    Response legacyPluginSchema(String name) {
        PluginSchema plugin = PluginCatalog.schema(name);
        if (plugin == null) {
            throw ApiError.message(404, "No plugin named '" + name + "'");
        }
        Field config = plugin.entitySchema().field("config");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fields", config.type() == FieldType.RECORD ? fields(config.fields()) : List.of());
        return Response.of(200, body);
    }

    private Response validatePlugin(Map<String, Object> body) {
        Object name = body.get("name");
        List<FieldError> errors = new ArrayList<>();
        PluginSchema plugin = name instanceof String s ? PluginCatalog.schema(s) : null;
        if (name == null) {
            errors.add(new FieldError("name", "required field missing"));
        } else if (plugin == null) {
            errors.add(new FieldError("name", "plugin '" + name + "' not enabled; add it to the 'plugins' configuration property"));
        } else {
            Map<String, Object> input = withoutMeta(body);
            errors.addAll(validator.validatePlugin(plugin, input));
        }
        return result(errors);
    }

    private Response validateEntity(EntityType type, Map<String, Object> body) {
        RecordSchema schema = type.name().equals("routes") ? Schemas.routes(routerFlavor) : type.schema();
        return result(validator.validate(schema, withoutMeta(body)));
    }

    private static Map<String, Object> withoutMeta(Map<String, Object> body) {
        Map<String, Object> input = new LinkedHashMap<>(body);
        input.remove("id");
        input.remove("created_at");
        input.remove("updated_at");
        return input;
    }

    private static Response result(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Errors.schemaViolation(errors);
        }
        return Response.of(200, Map.of("message", "schema validation successful"));
    }

    private static void requireGet(Request req) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw ApiError.methodNotAllowed();
        }
    }

    private static void requirePost(Request req) {
        if (!req.method().equals("POST")) {
            throw ApiError.methodNotAllowed();
        }
    }

    // ---- rendering --------------------------------------------------------------------------------------------------

    static List<Object> fields(List<Field> fields) {
        List<Object> out = new ArrayList<>();
        for (Field f : fields) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(f.name(), field(f));
            out.add(one);
        }
        return out;
    }

    private static Map<String, Object> field(Field f) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", f.type() == FieldType.ANY ? "record" : f.type().name().toLowerCase(java.util.Locale.ROOT));
        if (f.isRequired()) {
            a.put("required", true);
        }
        if (f.hasDefault()) {
            a.put("default", f.defaultValue());
        }
        if (f.isAuto()) {
            a.put("auto", true);
        }
        if (f.isSecret()) {
            a.put("encrypted", true);
            a.put("referenceable", true);
        }
        if (f.allowedValues() != null) {
            a.put("one_of", f.allowedValues());
        }
        if (f.minimum() != null && f.maximum() != null) {
            a.put("between", List.of(f.minimum(), f.maximum()));
        }
        if (f.type() == FieldType.STRING && f.lenMinimum() != null && f.lenMinimum() > 1) {
            a.put("len_min", f.lenMinimum());
        }
        if (f.reference() != null) {
            a.put("reference", f.reference().collection());
        }
        if (f.type() == FieldType.RECORD) {
            a.put("fields", fields(f.fields()));
        }
        if (f.type() == FieldType.ANY) {
            a.put("fields", List.of());
        }
        if (f.elements() != null) {
            a.put(f.type() == FieldType.MAP ? "values" : "elements", field(f.elements()));
        }
        if (f.keys() != null) {
            a.put("keys", field(f.keys()));
        }
        return a;
    }
}
