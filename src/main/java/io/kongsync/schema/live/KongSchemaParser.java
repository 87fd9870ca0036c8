package io.kongsync.schema.live;

import io.kongsync.schema.KongSchemas;
import io.kongsync.schema.PluginSchema;

import java.util.Map;

/**
 * Reads the plugin schema a live Kong serves at {@code GET /schemas/plugins/{name}} into a {@link PluginSchema},
 * with the same reader as the bundled schemas ({@link KongSchemas#pluginFrom}).
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
        return KongSchemas.pluginFrom(name, schemaJson);
    }
}
