package io.kongsync.schema;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kong 3.9.1 fills a default only for an absent value and keeps an explicit empty array as given; plugins iterate
 * such arrays without a nil check (jwt's handler loops over {@code conf.uri_param_names}). So an empty list where the
 * default is not empty is a setting of its own, sent and compared as such; elsewhere an empty list and null are
 * one value.
 */
class EmptyCollectionsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(String name, Map<String, Object> config) {
        return (Map<String, Object>) Normalizer.normalizePlugin(Schemas.plugin(name).orElseThrow(),
                Map.of("name", name, "config", config)).get("config");
    }

    @Test
    void anEmptyListWhoseDefaultIsNotEmptyStaysEmpty() {
        assertThat(config("jwt", Map.of("uri_param_names", List.of())).get("uri_param_names")).isEqualTo(List.of());
        assertThat(config("jwt", Map.of()).get("uri_param_names")).isEqualTo(List.of("jwt"));
        assertThat(config("cors", Map.of("methods", List.of())).get("methods")).isEqualTo(List.of());
    }

    @Test
    void elsewhereAnEmptyListAndNullAreOneValue() {
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("cookie_names", null);
        nulls.put("claims_to_verify", null);
        assertThat(config("jwt", nulls)).containsEntry("cookie_names", List.of()).containsEntry("claims_to_verify", null);
        assertThat(config("jwt", Map.of("cookie_names", List.of(), "claims_to_verify", List.of())))
                .containsEntry("cookie_names", List.of()).containsEntry("claims_to_verify", null);
    }
}
