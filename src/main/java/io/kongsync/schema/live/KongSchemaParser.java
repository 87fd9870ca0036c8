package io.kongsync.schema.live;

import io.kongsync.model.EntityKind;
import io.kongsync.schema.Checks;
import io.kongsync.schema.EntityChecks;
import io.kongsync.schema.Field;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Shorthand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the plugin schema a live Kong serves at {@code GET /schemas/plugins/{name}} into a {@link PluginSchema}.
 * <p>
 * Kong serves the plugin's own schema definition with functions stripped: {@code fields} is a list of one-key maps
 * ({@code [{"protocols": {...}}, {"config": {"type": "record", "fields": [...]}}]}), records nest the same way,
 * arrays and sets carry {@code elements}, maps {@code keys} and {@code values}. Only {@code config},
 * {@code protocols} and the scope restrictions on {@code consumer}/{@code service}/{@code route} ({@code "eq": null})
 * are read from the top level, so the full plugin entity schema parses the same way.
 * <p>
 * Secrets: a field Kong marks {@code encrypted} or {@code referenceable} is a secret here. {@code encrypted} is
 * Kong's mark for secrets; {@code referenceable} fields (vault references, redis usernames, tokens, header values)
 * are masked too, as the offline catalogue does, because masking too much is harmless and too little leaks.
 * <p>
 * Unknown attributes are ignored (Lua patterns in {@code match*} are left to Kong); unknown types become
 * {@link io.kongsync.schema.FieldType#ANY}.
 */
public final class KongSchemaParser {

    private KongSchemaParser() {
    }

    /**
     * @param name       the plugin's name
     * @param schemaJson the decoded JSON body of {@code GET /schemas/plugins/{name}}
     * @throws IllegalArgumentException when the document has no {@code fields} list
     */
    public static PluginSchema parsePlugin(String name, Map<String, Object> schemaJson) {
        Map<String, Map<String, Object>> top = namedFields(schemaJson.get("fields"), "fields");
        Map<String, Object> config = top.get("config");
        PluginSchema schema = config == null || !"record".equals(config.get("type"))
                ? PluginSchema.custom(name)
                : PluginSchema.of(name, fields(config.get("fields")).toArray(new Field[0]));
        if (config != null && !schema.isCustom()) {
            shorthands(config.get("shorthand_fields")).forEach(schema::shorthand);
        }
        applyProtocols(schema, top.get("protocols"));
        schema.scope(scope(top));
        entityChecks(schema, schemaJson.get("entity_checks"));
        return schema;
    }

    // ---- top level ------------------------------------------------------------------------------------------------

    private static void applyProtocols(PluginSchema schema, Map<String, Object> protocols) {
        if (protocols == null) {
            // not overridden: the plugins entity's own protocols typedef (any protocol, HTTP ones by default)
            schema.protocols(PluginSchema.DEFAULT_PROTOCOLS, PluginSchema.ALL_PROTOCOLS);
            return;
        }
        List<String> allowed = PluginSchema.ALL_PROTOCOLS;
        if (protocols.get("elements") instanceof Map<?, ?> elements && elements.get("one_of") instanceof List<?> oneOf) {
            allowed = strings(oneOf);
        }
        List<String> defaults = protocols.get("default") instanceof List<?> d ? strings(d) : PluginSchema.DEFAULT_PROTOCOLS;
        schema.protocols(defaults, allowed);
    }

    /** Kong's {@code no_consumer}, {@code no_service}, {@code no_route} typedefs: a foreign field with {@code eq = null}. */
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

    /** The checks whose meaning is plain data; function-backed ones ({@code custom_entity_check}) stay with Kong. */
    private static void entityChecks(PluginSchema schema, Object checks) {
        if (!(checks instanceof List<?> list)) {
            return;
        }
        for (Object check : list) {
            if (!(check instanceof Map<?, ?> map) || map.size() != 1) {
                continue;
            }
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            if (!(entry.getValue() instanceof List<?> paths) || paths.isEmpty()) {
                continue;
            }
            String[] p = strings(paths).toArray(new String[0]);
            switch (String.valueOf(entry.getKey())) {
                case "at_least_one_of" -> schema.check(EntityChecks.atLeastOneOf(p));
                case "only_one_of" -> schema.check(EntityChecks.onlyOneOf(p));
                case "mutually_required" -> schema.check(EntityChecks.mutuallyRequired(p));
                default -> {
                    // conditional and friends carry Kong field definitions as arguments: left to Kong
                }
            }
        }
    }

    /** {@code shorthand_fields} whose target Kong 3.9 publishes ({@code deprecation.replaced_with}). */
    private static List<Shorthand> shorthands(Object shorthandFields) {
        List<Shorthand> out = new ArrayList<>();
        if (!(shorthandFields instanceof List<?>)) {
            return out;
        }
        namedFields(shorthandFields, "shorthand_fields").forEach((from, definition) -> {
            if (definition.get("deprecation") instanceof Map<?, ?> deprecation
                    && deprecation.get("replaced_with") instanceof List<?> replacements
                    && !replacements.isEmpty()
                    && replacements.get(0) instanceof Map<?, ?> first
                    && first.get("path") instanceof List<?> path && !path.isEmpty()) {
                out.add(Shorthand.echoed(from, String.join(".", strings(path))));
            }
        });
        return out;
    }

    // ---- fields ---------------------------------------------------------------------------------------------------

    private static List<Field> fields(Object fieldList) {
        List<Field> out = new ArrayList<>();
        namedFields(fieldList, "fields").forEach((name, definition) -> out.add(field(name, definition)));
        return out;
    }

    /** One field definition; {@code name} is null for array elements and map keys and values. */
    static Field field(String name, Map<String, Object> d) {
        String type = String.valueOf(d.get("type"));
        Field f = switch (type) {
            case "string" -> Field.string(name);
            case "integer" -> Field.integer(name);
            case "number" -> Field.number(name);
            case "boolean" -> Field.bool(name);
            case "array" -> Field.array(name, element(d.get("elements")));
            case "set" -> Field.set(name, element(d.get("elements")));
            case "map" -> Field.map(name, element(d.get("keys")), element(d.get("values")));
            case "record" -> Field.record(name, fields(d.getOrDefault("fields", List.of())).toArray(new Field[0]));
            case "foreign" -> foreign(name, d.get("reference"));
            default -> Field.any(name);
        };
        if (Boolean.TRUE.equals(d.get("required"))) {
            f.required();
        }
        if ("record".equals(type) && Boolean.FALSE.equals(d.get("required")) && d.get("default") == null) {
            f.nullable();
        }
        if (d.get("default") != null) {
            f.def(defaultValue(type, d.get("default")));
        }
        if (Boolean.TRUE.equals(d.get("encrypted")) || Boolean.TRUE.equals(d.get("referenceable"))) {
            f.secret();
        }
        if (Boolean.TRUE.equals(d.get("auto"))) {
            f.auto();
        }
        constraints(f, type, d);
        if (d.get("description") instanceof String description) {
            f.describe(description);
        }
        return f;
    }

    private static void constraints(Field f, String type, Map<String, Object> d) {
        if (d.get("one_of") instanceof List<?> oneOf && !oneOf.isEmpty()) {
            f.oneOf(oneOf.toArray());
        }
        if (d.get("between") instanceof List<?> between && between.size() == 2
                && between.get(0) instanceof Number min && between.get(1) instanceof Number max) {
            if (isIntegral(min) && isIntegral(max)) {
                f.between(min.longValue(), max.longValue());
            } else {
                f.between(min.doubleValue(), max.doubleValue());
            }
        }
        if (d.get("gt") instanceof Number gt) {
            f.gt(gt.doubleValue());
        }
        if (d.get("len_min") instanceof Number lenMin) {
            if ("string".equals(type)) {
                f.lenMin(lenMin.intValue());
            } else {
                f.check(Checks.lengthAtLeast(lenMin.intValue()));
            }
        }
        if (d.get("starts_with") instanceof String prefix) {
            f.check(Checks.startsWith(prefix));
        }
    }

    private static Field element(Object definition) {
        if (!(definition instanceof Map<?, ?> map)) {
            return Field.any(null);
        }
        return field(null, stringKeyed(map));
    }

    private static Field foreign(String name, Object reference) {
        Optional<EntityKind> kind = Arrays.stream(EntityKind.values())
                .filter(k -> k.collection().equals(reference))
                .findFirst();
        return kind.map(k -> Field.foreign(name, k)).orElseGet(() -> Field.any(name));
    }

    /**
     * Kong encodes an empty Lua table default as {@code {}} whatever the field's type, so an array or set may arrive
     * with an empty object as its default, and a map or record with an empty array.
     */
    private static Object defaultValue(String type, Object value) {
        boolean listType = "array".equals(type) || "set".equals(type);
        if (listType && value instanceof Map<?, ?> m && m.isEmpty()) {
            return List.of();
        }
        if (("map".equals(type) || "record".equals(type)) && value instanceof Collection<?> c && c.isEmpty()) {
            return Map.of();
        }
        return value;
    }

    // ---- JSON helpers ---------------------------------------------------------------------------------------------

    /** A Kong field list ({@code [{"name": {...}}, ...]}) as an ordered name-to-definition map. */
    private static Map<String, Map<String, Object>> namedFields(Object list, String what) {
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException("not a Kong schema: '" + what + "' is not a list");
        }
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> one) || one.size() != 1) {
                throw new IllegalArgumentException("not a Kong schema: an entry of '" + what
                        + "' is not a single-key object");
            }
            Map.Entry<?, ?> e = one.entrySet().iterator().next();
            if (!(e.getValue() instanceof Map<?, ?> definition)) {
                throw new IllegalArgumentException("not a Kong schema: field '" + e.getKey() + "' has no definition");
            }
            out.put(String.valueOf(e.getKey()), stringKeyed(definition));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static boolean isIntegral(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d);
    }
}
