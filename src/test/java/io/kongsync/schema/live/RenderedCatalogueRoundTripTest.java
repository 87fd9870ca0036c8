package io.kongsync.schema.live;

import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every catalogue plugin, served the way Kong serves it and parsed back, normalizes and masks as the catalogue does. */
class RenderedCatalogueRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyBundledPluginSurvivesARoundTrip() {
        return Schemas.plugins().values().stream().map(bundled -> DynamicTest.dynamicTest(bundled.name(), () -> {
            PluginSchema parsed = KongSchemaParser.parsePlugin(bundled.name(), KongSchemaRenderer.render(bundled));
            Map<String, Object> empty = Map.of("name", bundled.name(), "config", Map.of());

            assertThat(Normalizer.normalizePlugin(parsed, empty)).isEqualTo(Normalizer.normalizePlugin(bundled, empty));
            assertThat(parsed.protocolsDefault()).isEqualTo(bundled.protocolsDefault());
            assertThat(parsed.protocolsAllowed()).isEqualTo(bundled.protocolsAllowed());
            assertThat(parsed.scope()).isEqualTo(bundled.scope());
            assertThat(LivePluginDefaults.secretPaths(parsed)).isEqualTo(LivePluginDefaults.secretPaths(bundled));
        }));
    }
}
