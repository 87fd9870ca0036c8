package io.kongsync.file;

import io.kongsync.model.EntityKind;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What decK's reading makes of values that kongsync's YAML 1.2 reading keeps as written, so every file decK takes is
 * taken: an entity field written as null is absent (decK's entity fields are left out when null, and Kong's default
 * applies), and YAML 1.1's {@code yes}/{@code no}/{@code on}/{@code off}/{@code y}/{@code n} are booleans where Kong's
 * schema has a boolean (decK reads YAML 1.1). Plugin {@code config} keeps its nulls: decK sends those to Kong.
 */
final class DeckScalars {

    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

    /** After {@code _info.defaults} and {@code _plugin_configs} are applied, so what they bring is read alike. */
    @SuppressWarnings("unchecked")
    static void apply(DeckFileReader.Parsed file) {
        DeckScalars scalars = new DeckScalars(file.positions());
        for (Map.Entry<String, Object> e : file.content().entrySet()) {
            EntityKind.fromCollection(e.getKey()).ifPresent(kind -> scalars.entities(kind, e.getValue()));
        }
        if (file.content().get("_info") instanceof Map<?, ?> info && info.get("defaults") instanceof Map<?, ?> defaults) {
            defaults.forEach((kind, fields) -> EntityKind.fromCollection(kind + "s").ifPresent(k -> {
                if (fields instanceof Map<?, ?> map) {
                    booleans(Schemas.entity(k).fields(), (Map<String, Object>) map);
                }
            }));
        }
    }

    private final SourceMap positions;

    private DeckScalars(SourceMap positions) {
        this.positions = positions;
    }

    @SuppressWarnings("unchecked")
    private void entities(EntityKind kind, Object list) {
        if (!(list instanceof List<?> items)) {
            return;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> map) {
                entity(kind, (Map<String, Object>) map);
            }
        }
    }

    private void entity(EntityKind kind, Map<String, Object> fields) {
        List<String> nulls = fields.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                .toList();
        // through the source map: the positions of the keys after a removed one must stay theirs
        nulls.forEach(key -> positions.remove(fields, key));
        schemaOf(kind, fields).ifPresent(schema -> booleans(schema.fields(), fields));
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getValue() instanceof List<?>) {
                EntityKind.fromCollection(e.getKey()).ifPresent(nested -> entities(nested, e.getValue()));
            }
        }
    }

    private static Optional<RecordSchema> schemaOf(EntityKind kind, Map<String, Object> fields) {
        if (kind != EntityKind.PLUGIN) {
            return Optional.of(Schemas.entity(kind));
        }
        return fields.get("name") instanceof String name
                ? Schemas.plugin(name).map(PluginSchema::entitySchema) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static void booleans(List<Field> schemaFields, Map<String, Object> record) {
        for (Field f : schemaFields) {
            Object value = record.get(f.name());
            if (f.type() == FieldType.BOOLEAN && value instanceof String s) {
                if (TRUE.contains(s)) {
                    record.put(f.name(), Boolean.TRUE);
                } else if (FALSE.contains(s)) {
                    record.put(f.name(), Boolean.FALSE);
                }
            } else if (f.type() == FieldType.RECORD && value instanceof Map<?, ?> nested) {
                booleans(f.fields(), (Map<String, Object>) nested);
            }
        }
    }
}
