package io.kongsync.dump;

import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.Normalizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves out what a file need not say: null values and values equal to their schema default, recursing into records
 * (plugin config, upstream healthchecks) and dropping records left empty. Keys the schema does not know (a custom
 * plugin's config) are kept as they are.
 */
final class DefaultPruner {

    private DefaultPruner() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> prune(List<Field> fields, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            Field field = find(fields, e.getKey());
            if (field == null) {
                out.put(e.getKey(), value);
            } else if (field.type() == FieldType.RECORD && value instanceof Map<?, ?> record) {
                Map<String, Object> inner = prune(field.fields(), (Map<String, Object>) record);
                // A nullable record left out would read as null, not as its defaults: keep it, even empty.
                if (!inner.isEmpty() || field.isNullableRecord()) {
                    out.put(e.getKey(), inner);
                }
            } else if (!value.equals(Normalizer.value(field, null, false))) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    private static Field find(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
