package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue: Kong 3.9's core entity schemas and bundled plugin schemas. The one entry point for defaults,
 * constraints and secrets, used by validation, normalization, reports and the sandbox.
 */
public final class Schemas {

    private static final class Bundled {
        static final List<String> NAMES = bundled();

        @SuppressWarnings("unchecked")
        private static List<String> bundled() {
            return List.copyOf((List<String>) KongSchemas.index().get("bundled_plugins"));
        }
    }

    /** Every bundled plugin's schema, read only when someone asks for all of them. */
    private static final class AllPlugins {
        static final Map<String, PluginSchema> PLUGINS = plugins();

        private static Map<String, PluginSchema> plugins() {
            Map<String, PluginSchema> out = new LinkedHashMap<>();
            for (String name : Bundled.NAMES) {
                out.put(name, KongSchemas.plugin(name));
            }
            return Collections.unmodifiableMap(out);
        }
    }

    private Schemas() {
    }

    /** The schema of a core entity kind. Plugins: see {@link #plugin(String)}. */
    public static RecordSchema entity(EntityKind kind) {
        return KongSchemas.entity(kind.collection());
    }

    /** The routes schema a Kong node with this {@code router_flavor} validates with (see {@link KongSchemas#routes}). */
    public static RecordSchema routes(RouterFlavor flavor) {
        return KongSchemas.routes(flavor);
    }

    /** A bundled plugin that kongsync has a config schema for. */
    public static Optional<PluginSchema> plugin(String name) {
        return isBundled(name) ? Optional.of(KongSchemas.plugin(name)) : Optional.empty();
    }

    /** Every plugin bundled with Kong 3.9 OSS, in Kong's order (kong/constants.lua). */
    public static List<String> bundledPlugins() {
        return Bundled.NAMES;
    }

    public static boolean isBundled(String name) {
        return Bundled.NAMES.contains(name);
    }

    /** The plugins that have a config schema here. */
    public static Map<String, PluginSchema> plugins() {
        return AllPlugins.PLUGINS;
    }
}
