package io.kongsync.schema.live;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the config defaults of plugins kongsync has no offline schema for (custom plugins, bundled plugins outside
 * the catalogue) from the schemas a live Kong serves, so that the desired state holds what Kong will store and echo.
 * Without it a plan compares the config as written with Kong's filled-in config. Pure.
 */
public final class LivePluginDefaults {

    private LivePluginDefaults() {
    }

    /**
     * @param desired     the desired state, as built from the files
     * @param liveSchemas plugin name to the schema the target Kong serves for it
     * @return the same state where every plugin without an offline schema but with a live one is normalized with the
     *         live schema (defaults filled as Kong would), keeping its key, id and origin; the paths of the live
     *         schema's secret fields are added to its sensitive paths
     */
    public static State apply(State desired, Map<String, PluginSchema> liveSchemas) {
        if (liveSchemas.isEmpty()) {
            return desired;
        }
        List<Entity> entities = new ArrayList<>(desired.size());
        boolean changed = false;
        for (Entity entity : desired.entities().values()) {
            PluginSchema live = entity.kind() == EntityKind.PLUGIN ? liveSchemaFor(entity, liveSchemas) : null;
            if (live == null) {
                entities.add(entity);
            } else {
                entities.add(renormalized(entity, live));
                changed = true;
            }
        }
        return changed ? State.of(entities) : desired;
    }

    private static PluginSchema liveSchemaFor(Entity plugin, Map<String, PluginSchema> liveSchemas) {
        String name = plugin.field("name") instanceof String n ? n : plugin.key().name();
        return Schemas.plugin(name).isEmpty() ? liveSchemas.get(name) : null;
    }

    private static Entity renormalized(Entity plugin, PluginSchema live) {
        Map<String, Object> input = new LinkedHashMap<>(plugin.fields());
        if (isGenericDefaultOutside(input.get("protocols"), live)) {
            // The generic default was filled in when the files left protocols out (the user could not have written
            // it: this Kong rejects it for the plugin), so the plugin's own default applies instead.
            input.remove("protocols");
        }
        Map<String, Object> fields = Normalizer.normalizePlugin(live, input);
        Set<String> sensitive = new HashSet<>(plugin.sensitivePaths());
        sensitive.addAll(secretPaths(live));
        return new Entity(plugin.key(), plugin.id(), fields, plugin.origin(), sensitive);
    }

    private static boolean isGenericDefaultOutside(Object protocols, PluginSchema live) {
        return PluginSchema.DEFAULT_PROTOCOLS.equals(protocols)
                && !live.protocolsAllowed().containsAll(PluginSchema.DEFAULT_PROTOCOLS);
    }

    /**
     * The dotted paths of a plugin's secret config fields ({@code config.redis.password}); a collection holding
     * secrets anywhere inside is sensitive as a whole, as plans compare collections whole.
     */
    public static Set<String> secretPaths(PluginSchema plugin) {
        Set<String> out = new HashSet<>();
        if (plugin.config() != null) {
            collect("config", plugin.config(), out);
        }
        return out;
    }

    private static void collect(String path, Field field, Set<String> out) {
        if (field.isSecret()) {
            out.add(path);
            return;
        }
        if (field.type() == FieldType.RECORD) {
            for (Field f : field.fields()) {
                collect(path + "." + f.name(), f, out);
            }
        } else if (field.elements() != null && holdsSecret(field.elements())) {
            out.add(path);
        }
    }

    private static boolean holdsSecret(Field field) {
        if (field.isSecret() || (field.elements() != null && holdsSecret(field.elements()))) {
            return true;
        }
        return field.fields().stream().anyMatch(LivePluginDefaults::holdsSecret);
    }
}
