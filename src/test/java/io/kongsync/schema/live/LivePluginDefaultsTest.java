package io.kongsync.schema.live;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LivePluginDefaultsTest {

    private static final PluginSchema MY_AUTH = KongSchemaParser.parsePlugin("my-auth", LiveSchemaJson.load("my-auth.json"));
    private static final Origin ORIGIN = new Origin("kong.yaml", 7, 5, "services[0].plugins[0]");

    /** A plugin as the state builder makes it when kongsync has no schema for it: config as written. */
    private static Entity plugin(String name, Map<String, Object> extra) {
        Map<String, Object> input = new LinkedHashMap<>(extra);
        input.put("name", name);
        input.put("service", EntityKey.of(EntityKind.SERVICE, "svc"));
        input.put("tags", List.of("managed-by:kongsync"));
        PluginSchema schema = Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name));
        EntityKey key = new EntityKey(EntityKind.PLUGIN, name, Map.of("service", "svc"));
        return new Entity(key, key.deterministicId(), Normalizer.normalizePlugin(schema, input), ORIGIN,
                Set.of("config.header"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Entity e) {
        return (Map<String, Object>) e.field("config");
    }

    @Test
    void aCustomPluginGetsKongsDefaultsAndKeepsItsIdentity() {
        Entity written = plugin("my-auth", Map.of("config", Map.of("header", "X-Key")));

        Entity filled = LivePluginDefaults.apply(State.of(List.of(written)), Map.of("my-auth", MY_AUTH))
                .get(written.key()).orElseThrow();

        assertThat(config(filled)).containsEntry("header", "X-Key").containsEntry("timeout", 1000L)
                .containsEntry("hide", false).containsEntry("scopes", List.of());
        assertThat(filled.id()).isEqualTo(written.id());
        assertThat(filled.origin()).isEqualTo(ORIGIN);
        assertThat(filled.field("service")).isEqualTo(EntityKey.of(EntityKind.SERVICE, "svc"));
        assertThat(filled.field("tags")).isEqualTo(List.of("managed-by:kongsync"));
        assertThat(filled.sensitivePaths()).containsExactlyInAnyOrder("config.header", "config.api_token",
                "config.upstream_headers");
    }

    @Test
    void protocolsFollowThePluginsDefaultUnlessWritten() {
        Entity defaulted = plugin("my-auth", Map.of("config", Map.of("header", "X-Key")));
        Entity written = plugin("my-auth", Map.of("config", Map.of("header", "X-Key"), "protocols", List.of("https")));

        assertThat(defaulted.field("protocols")).isEqualTo(PluginSchema.DEFAULT_PROTOCOLS);
        assertThat(apply(defaulted).field("protocols")).isEqualTo(List.of("http", "https"));
        assertThat(apply(written).field("protocols")).isEqualTo(List.of("https"));
    }

    private static Entity apply(Entity e) {
        return LivePluginDefaults.apply(State.of(List.of(e)), Map.of("my-auth", MY_AUTH)).get(e.key()).orElseThrow();
    }

    @Test
    void pluginsWithAnOfflineSchemaOrWithoutALiveOneAreLeftAlone() {
        Entity keyAuth = plugin("key-auth", Map.of("config", Map.of()));
        Entity unknown = plugin("other-custom", Map.of("config", Map.of("a", 1)));
        PluginSchema liveKeyAuth = KongSchemaParser.parsePlugin("key-auth", LiveSchemaJson.load("my-auth.json"));
        State desired = State.of(List.of(keyAuth, unknown));

        State applied = LivePluginDefaults.apply(desired, Map.of("key-auth", liveKeyAuth, "my-auth", MY_AUTH));

        assertThat(applied.get(keyAuth.key())).containsSame(keyAuth);
        assertThat(applied.get(unknown.key())).containsSame(unknown);
    }

    @Test
    void secretPathsCoverNestedFieldsAndCollectionsHoldingSecrets() {
        assertThat(LivePluginDefaults.secretPaths(Schemas.plugin("rate-limiting").orElseThrow()))
                .containsExactlyInAnyOrder("config.redis.username", "config.redis.password");
        assertThat(LivePluginDefaults.secretPaths(PluginSchema.custom("x"))).isEmpty();
    }
}
