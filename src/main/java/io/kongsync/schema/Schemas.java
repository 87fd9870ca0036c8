package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue: Kong 3.9's core entity schemas and bundled plugin schemas. The one entry point for defaults,
 * constraints and secrets, used by validation, normalization, reports and the sandbox.
 */
public final class Schemas {

    private static final Map<EntityKind, RecordSchema> ENTITIES = new EnumMap<>(EntityKind.class);
    private static final Map<String, PluginSchema> PLUGINS = new LinkedHashMap<>();

    static {
        EntitySchemas.register(ENTITIES);
        for (PluginSchema p : PluginSchemas.all()) {
            PLUGINS.put(p.name(), p);
        }
    }

    private Schemas() {
    }

    /** The schema of a core entity kind. Plugins: see {@link #plugin(String)}. */
    public static RecordSchema entity(EntityKind kind) {
        RecordSchema schema = ENTITIES.get(kind);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + kind);
        }
        return schema;
    }

    /** A bundled plugin that kongsync has a config schema for. */
    public static Optional<PluginSchema> plugin(String name) {
        return Optional.ofNullable(PLUGINS.get(name));
    }

    /** Every plugin bundled with Kong 3.9 OSS, in Kong's order (kong/constants.lua). */
    public static List<String> bundledPlugins() {
        return PluginSchemas.BUNDLED;
    }

    public static boolean isBundled(String name) {
        return PluginSchemas.BUNDLED.contains(name);
    }

    /** The plugins that have a config schema here. */
    public static Map<String, PluginSchema> plugins() {
        return Collections.unmodifiableMap(PLUGINS);
    }
}
