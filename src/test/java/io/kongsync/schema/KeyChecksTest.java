package io.kongsync.schema;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kong's checks of a {@code keys} entity's JWK. */
class KeyChecksTest {

    private static List<FieldError> jwk(String json) {
        return KeyChecks.jwk(Map.of("kid", "k1", "jwk", json));
    }

    @Test
    void anOkpKeyNeedsItsPublicOrItsPrivateHalf() {
        assertThat(jwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\","
                + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}")).isEmpty();
        assertThat(jwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\","
                + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")).isEmpty();
        assertThat(jwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\"}"))
                .containsExactly(new FieldError("@entity", "could not load JWK, likely not a valid key"));
        assertThat(jwk("{\"kty\":\"OKP\",\"kid\":\"k1\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}"))
                .hasSize(1);
        assertThat(jwk("{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"d\":\"x\"}")).as("EC needs x and y").hasSize(1);
    }
}
