package io.kongsync.schema.live;

import io.kongsync.schema.Field;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Shorthand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a catalogue plugin schema the way Kong serves it at {@code GET /schemas/plugins/{name}}: one-key field
 * maps, {@code elements}/{@code keys}/{@code values}, the scope typedefs as {@code eq: null}, secrets as
 * {@code encrypted} + {@code referenceable}, and an empty default as Kong's cjson writes an empty Lua table: {@code {}}.
 * Function-backed checks do not survive, as in Kong.
 */
final class KongSchemaRenderer {

    private KongSchemaRenderer() {
    }

    static Map<String, Object> render(PluginSchema plugin) {
        List<Object> fields = new ArrayList<>();
        if (plugin.scope() != PluginSchema.Scope.ANY) {
            fields.add(Map.of("consumer", noReference("consumers")));
        }
        if (plugin.scope() == PluginSchema.Scope.GLOBAL_ONLY) {
            fields.add(Map.of("service", noReference("services")));
            fields.add(Map.of("route", noReference("routes")));
        }
        Map<String, Object> protocols = new LinkedHashMap<>();
        protocols.put("type", "set");
        protocols.put("required", true);
        protocols.put("default", plugin.protocolsDefault());
        protocols.put("elements", Map.of("type", "string", "one_of", plugin.protocolsAllowed()));
        fields.add(Map.of("protocols", protocols));
        if (plugin.config() != null) {
            Map<String, Object> config = field(plugin.config());
            config.put("required", true);
            List<Object> shorthands = new ArrayList<>();
            for (Shorthand s : plugin.shorthands()) {
                if (s.echoed()) {
                    shorthands.add(Map.of(s.from(), Map.of("type", "string", "deprecation",
                            Map.of("replaced_with", List.of(Map.of("path", List.of(s.to().split("\\."))))))));
                }
            }
            if (!shorthands.isEmpty()) {
                config.put("shorthand_fields", shorthands);
            }
            fields.add(Map.of("config", config));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", fields);
        out.put("entity_checks", List.of());
        return out;
    }

    private static Map<String, Object> noReference(String collection) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "foreign");
        f.put("reference", collection);
        f.put("eq", null);
        return f;
    }

    private static Map<String, Object> field(Field f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", f.type().name().toLowerCase(java.util.Locale.ROOT));
        switch (f.type()) {
            case ARRAY, SET -> out.put("elements", f.elements() == null ? Map.of("type", "any") : field(f.elements()));
            case MAP -> {
                out.put("keys", f.keys() == null ? Map.of("type", "string") : field(f.keys()));
                out.put("values", f.elements() == null ? Map.of("type", "any") : field(f.elements()));
            }
            case RECORD -> {
                List<Object> fields = new ArrayList<>();
                for (Field sub : f.fields()) {
                    fields.add(Map.of(sub.name(), field(sub)));
                }
                out.put("fields", fields);
            }
            case FOREIGN -> out.put("reference", f.reference().collection());
            default -> {
            }
        }
        if (f.isRequired()) {
            out.put("required", true);
        }
        if (f.isNullableRecord()) {
            out.put("required", false);
        }
        if (f.hasDefault()) {
            out.put("default", kongJson(f.defaultValue()));
        }
        if (f.isSecret()) {
            out.put("encrypted", true);
            out.put("referenceable", true);
        }
        if (f.isAuto()) {
            out.put("auto", true);
        }
        if (f.allowedValues() != null) {
            out.put("one_of", f.allowedValues());
        }
        if (f.minimum() != null && f.maximum() != null) {
            out.put("between", List.of(f.minimum(), f.maximum()));
        }
        if (f.exclusiveMinimum() != null) {
            out.put("gt", f.exclusiveMinimum());
        }
        if (f.lenMinimum() != null && f.type() == io.kongsync.schema.FieldType.STRING && f.lenMinimum() != 1) {
            out.put("len_min", f.lenMinimum());
        }
        return out;
    }

    /** cjson cannot tell an empty array from an empty object: an empty Lua table is written as {@code {}}. */
    private static Object kongJson(Object value) {
        if (value instanceof List<?> l && l.isEmpty()) {
            return Map.of();
        }
        return value;
    }
}
