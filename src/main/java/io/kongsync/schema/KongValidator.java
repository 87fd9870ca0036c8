package io.kongsync.schema;

import io.kongsync.model.EntityKey;
import io.kongsync.model.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a record as Kong's schema engine does on insert, reporting Kong's messages. Input is the raw map as a
 * user or API client wrote it. Order, as in Kong: shorthands and input transforms, unknown fields, defaults for absent
 * fields, field checks (required, type, length, constraints, elements), then entity checks. Pure and stateless.
 */
public final class KongValidator {

    public List<FieldError> validate(RecordSchema schema, Map<String, Object> input) {
        Map<String, Object> record = transformed(schema, input == null ? Map.of() : input);
        List<FieldError> errors = new ArrayList<>();
        String unknown = schema.unknownSubschemaError(record);
        if (unknown != null) {
            return List.of(new FieldError(schema.subschemaKey(), unknown));
        }
        validateRecord(schema.forInput(record), record, errors, false);
        return errors;
    }

    /**
     * A plugin entity ({@code name}, {@code config}, {@code service}, ...): besides the schema, its shorthands (a
     * deprecated shorthand and its new field may not disagree), where it may be applied and its protocols.
     */
    @SuppressWarnings("unchecked")
    public List<FieldError> validatePlugin(PluginSchema plugin, Map<String, Object> entity) {
        Map<String, Object> record = new LinkedHashMap<>(entity == null ? Map.of() : entity);
        List<FieldError> errors = new ArrayList<>();
        if (record.get("config") instanceof Map<?, ?> config && !plugin.shorthands().isEmpty()) {
            errors.addAll(shorthandConflicts(plugin.shorthands(), (Map<String, Object>) config));
            record.put("config", Normalizer.applyShorthands(plugin.shorthands(), (Map<String, Object>) config));
        }
        RecordSchema schema = plugin.entitySchema();
        record = transformed(schema, record);
        for (String scoped : scopedFieldsThatMustBeNull(plugin.scope())) {
            if (record.get(scoped) != null) {
                errors.add(new FieldError(scoped, "value must be null"));
            }
        }
        validateRecord(schema, record, errors, true);
        return errors;
    }

    // ---- whole records ----------------------------------------------------------------------------------------------

    private static Map<String, Object> transformed(RecordSchema schema, Map<String, Object> input) {
        Map<String, Object> record = new LinkedHashMap<>(input);
        for (var transform : schema.inputTransforms()) {
            record = transform.apply(new LinkedHashMap<>(record));
        }
        return record;
    }

    private static void validateRecord(RecordSchema schema, Map<String, Object> input, List<FieldError> errors,
                                       boolean plugin) {
        unknownFields(schema.fields(), input, "", errors);
        Map<String, Object> filled = withDefaults(schema.fields(), input);
        for (Field f : schema.fields()) {
            boolean configRecord = plugin && f.name().equals("config");
            validateField(f, filled.get(f.name()), f.name(), errors, configRecord);
        }
        boolean fieldErrors = !errors.isEmpty();
        for (EntityCheck check : schema.checks()) {
            List<FieldError> found;
            try {
                found = check.test(filled);
            } catch (RuntimeException e) {
                // A check may trip over a value that already failed its type check; Kong skips such checks too.
                if (fieldErrors) {
                    continue;
                }
                throw e;
            }
            for (FieldError error : found) {
                if (!errors.contains(error)) {
                    errors.add(error);
                }
            }
        }
    }

    private static List<String> scopedFieldsThatMustBeNull(PluginSchema.Scope scope) {
        switch (scope) {
            case NO_CONSUMER:
                return List.of("consumer");
            case GLOBAL_ONLY:
                return List.of("service", "route", "consumer");
            default:
                return List.of();
        }
    }

    // ---- shorthands -------------------------------------------------------------------------------------------------

    private static List<FieldError> shorthandConflicts(List<Shorthand> shorthands, Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        for (Shorthand s : shorthands) {
            // Kong compares only a shorthand whose deprecation names its replacement (replaced_with); one without
            // (opentelemetry's endpoint) simply loses to a non-null new field
            if (!s.echoed() || s.isDropped()) {
                continue;
            }
            Object old = EntityChecks.get(config, s.from());
            Object current = EntityChecks.get(config, s.to());
            if (old != null && current != null && !Values.canonical(old).equals(Values.canonical(current))) {
                String parent = commonParent(s.from(), s.to());
                errors.add(new FieldError("config." + s.from(),
                        "both deprecated and new field are used but their values mismatch: "
                                + s.from().substring(parent.length()) + " = " + shown(old) + " vs "
                                + s.to().substring(parent.length()) + " = " + shown(current)));
            }
        }
        return errors;
    }

    /** Kong names both fields relative to the record that declares the shorthand: {@code auth = x vs password = y}. */
    private static String commonParent(String a, String b) {
        int cut = 0;
        for (int i = 0; i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i); i++) {
            if (a.charAt(i) == '.') {
                cut = i + 1;
            }
        }
        return a.substring(0, cut);
    }

    private static String shown(Object value) {
        return String.valueOf(Values.canonical(value));
    }

    // ---- unknown fields and defaults -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void unknownFields(List<Field> fields, Map<String, Object> input, String path, List<FieldError> errors) {
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            String childPath = child(path, entry.getKey());
            Field f = find(fields, entry.getKey());
            if (f == null) {
                errors.add(new FieldError(childPath, "unknown field"));
            } else {
                unknownFieldsWithin(f, entry.getValue(), childPath, errors);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void unknownFieldsWithin(Field f, Object value, String path, List<FieldError> errors) {
        if (f.type() == FieldType.RECORD && value instanceof Map<?, ?> m) {
            unknownFields(f.fields(), (Map<String, Object>) m, path, errors);
        } else if ((f.type() == FieldType.ARRAY || f.type() == FieldType.SET) && value instanceof Collection<?> c
                && f.elements() != null) {
            int i = 0;
            for (Object element : c) {
                unknownFieldsWithin(f.elements(), element, path + "[" + i++ + "]", errors);
            }
        } else if (f.type() == FieldType.MAP && value instanceof Map<?, ?> m && f.elements() != null) {
            m.forEach((k, v) -> unknownFieldsWithin(f.elements(), v, child(path, String.valueOf(k)), errors));
        }
    }

    /** Kong's defaulting: an absent field gets its default; an absent record is expanded; explicit nulls stay. */
    private static Map<String, Object> withDefaults(List<Field> fields, Map<String, Object> input) {
        Map<String, Object> out = new LinkedHashMap<>(input);
        for (Field f : fields) {
            if (!input.containsKey(f.name())) {
                if (f.hasDefault()) {
                    out.put(f.name(), Values.deepCopy(f.defaultValue()));
                } else if (f.type() == FieldType.RECORD && !f.isNullableRecord()) {
                    out.put(f.name(), withDefaults(f.fields(), Map.of()));
                }
            } else {
                out.put(f.name(), withDefaultsWithin(f, input.get(f.name())));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object withDefaultsWithin(Field f, Object value) {
        if (f.type() == FieldType.RECORD && value instanceof Map<?, ?> m) {
            return withDefaults(f.fields(), (Map<String, Object>) m);
        }
        if ((f.type() == FieldType.ARRAY || f.type() == FieldType.SET) && value instanceof Collection<?> c
                && f.elements() != null) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(element -> out.add(withDefaultsWithin(f.elements(), element)));
            return out;
        }
        if (f.type() == FieldType.MAP && value instanceof Map<?, ?> m && f.elements() != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), withDefaultsWithin(f.elements(), v)));
            return out;
        }
        return value;
    }

    // ---- fields -----------------------------------------------------------------------------------------------------

    /**
     * Validates one value. Inside a plugin's {@code config}, records are required unless explicitly nullable: Kong's
     * {@code Entity.new_subschema} marks them so.
     */
    @SuppressWarnings("unchecked")
    private static void validateField(Field f, Object value, String path, List<FieldError> errors, boolean inConfig) {
        if (value == null) {
            boolean requiredRecord = inConfig && f.type() == FieldType.RECORD && !f.isNullableRecord();
            if (f.nullMessage() != null) {
                errors.add(new FieldError(path, f.nullMessage()));
            } else if ((f.isRequired() && !f.isAuto()) || requiredRecord) {
                // Kong fills an absent auto field (a generated key) before it checks what is required
                errors.add(new FieldError(path, "required field missing"));
            }
            return;
        }
        if (f.valueMessage() != null) {
            errors.add(new FieldError(path, f.valueMessage()));
            return;
        }
        if (f.isReferenceable() && value instanceof String s && isVaultReference(s)) {
            return; // Kong resolves the reference at run time and validates nothing here
        }
        int before = errors.size();
        String typeError = typeError(f, value);
        if (typeError != null) {
            errors.add(new FieldError(path, typeError));
            return;
        }
        switch (f.type()) {
            case STRING: {
                int min = f.lenMinimum() == null ? 1 : f.lenMinimum();
                if (((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8).length < min) { // Lua counts bytes
                    errors.add(new FieldError(path, "length must be at least " + min));
                    return;
                }
                break;
            }
            case ARRAY:
            case SET: {
                if (f.elements() != null) {
                    int i = 0;
                    for (Object element : (Collection<?>) value) {
                        validateField(f.elements(), element, path + "[" + i++ + "]", errors, inConfig);
                    }
                }
                break;
            }
            case MAP: {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    String entryPath = child(path, String.valueOf(entry.getKey()));
                    if (f.keys() != null) {
                        validateField(f.keys(), entry.getKey(), entryPath, errors, inConfig);
                    }
                    if (f.elements() != null) {
                        validateField(f.elements(), entry.getValue(), entryPath, errors, inConfig);
                    }
                }
                break;
            }
            case RECORD: {
                Map<String, Object> record = (Map<String, Object>) value;
                for (Field inner : f.fields()) {
                    validateField(inner, record.get(inner.name()), child(path, inner.name()), errors, inConfig);
                }
                if (errors.size() == before) {
                    for (EntityCheck check : f.recordChecks()) {
                        for (FieldError e : check.test(record)) {
                            FieldError prefixed = e.path().equals(FieldError.ENTITY)
                                    ? new FieldError(path, e.message()) : e.prefixed(path);
                            if (!errors.contains(prefixed)) {
                                errors.add(prefixed);
                            }
                        }
                    }
                }
                break;
            }
            case FOREIGN: {
                if (value instanceof Map<?, ?> m && m.get("id") == null && m.get("name") == null && m.get("username") == null) {
                    errors.add(new FieldError(child(path, "id"), "missing primary key"));
                    return;
                }
                break;
            }
            default:
                break;
        }
        if (errors.size() > before) {
            return; // Kong runs a record's or a collection's own validators only once its parts are valid
        }
        for (Check check : f.constraints()) {
            String message = check.test(value);
            if (message != null) {
                errors.add(new FieldError(path, message));
                return;
            }
        }
    }

    /** The first error Kong's {@code validate_field} gives for one value, or null (conditional checks use it). */
    static String fieldError(Field f, Object value) {
        List<FieldError> errors = new ArrayList<>();
        validateField(f, value, "", errors, false);
        return errors.isEmpty() ? null : errors.get(0).message();
    }

    /** Kong's {@code is_reference}: {@code {vault://...}}. */
    static boolean isVaultReference(String s) {
        return s.startsWith("{vault://") && s.endsWith("}");
    }

    private static String typeError(Field f, Object value) {
        switch (f.type()) {
            case STRING:
                return value instanceof String ? null : "expected a string";
            case INTEGER:
                return isIntegral(value) ? null : "expected an integer";
            case NUMBER:
                return value instanceof Number n && Double.isFinite(n.doubleValue()) ? null : "expected a number";
            case BOOLEAN:
                return value instanceof Boolean ? null : "expected a boolean";
            case ARRAY:
                return value instanceof Collection ? null : "expected an array";
            case SET:
                return value instanceof Collection ? null : "expected a set";
            case MAP:
                return value instanceof Map ? null : "expected a map";
            case RECORD:
                return value instanceof Map ? null : "expected a record";
            case FOREIGN:
                return value instanceof String || value instanceof EntityKey || value instanceof Map ? null : "expected a record";
            default:
                return null;
        }
    }

    /** 5 and 5.0 are integers to Kong; 5.5 is not. */
    private static boolean isIntegral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof BigDecimal b) {
            return b.signum() == 0 || b.stripTrailingZeros().scale() <= 0;
        }
        return value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue());
    }

    private static Field find(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
