package io.kongsync.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every function Kong 3.9.1 runs that its serialised schemas cannot carry is either implemented or named as left to Kong. */
class CustomRulesTest {

    @Test
    void everyKongFunctionIsCarriedOrLeftToKongWithAReason() {
        List<String> missing = new ArrayList<>();
        for (String[] place : CustomRules.places()) {
            String schema = place[0];
            String path = place[1];
            String kind = place[2];
            String function = place[3];
            boolean leftToKong = CustomRules.NOT_CARRIED.containsKey(function)
                    || CustomRules.NOT_CARRIED_AT.containsKey(schema + " " + path)
                    || CustomRules.NOT_CARRIED_AT.containsKey(schema);
            if (!leftToKong && !CustomRules.carried(schema, path, kind, function)) {
                missing.add(String.join(" ", place));
            }
        }
        assertThat(missing).as("Kong functions with neither an implementation nor a reason").isEmpty();
    }

    @Test
    void oauth2RedirectUrisAreCheckedWithKongsMessages() {
        RecordSchema oauth2 = KongSchemas.entity("oauth2_credentials");
        java.util.Map<String, Object> credential = new java.util.LinkedHashMap<>();
        credential.put("consumer", java.util.Map.of("id", "8a8a8a8a-8a8a-4a8a-8a8a-8a8a8a8a8a8a"));
        credential.put("name", "app");
        credential.put("redirect_uris", List.of("https://app.example/cb#frag", "not a uri"));

        assertThat(new KongValidator().validate(oauth2, credential)).containsExactly(
                new FieldError("redirect_uris[0]", "fragment not allowed in 'https://app.example/cb#frag'"),
                new FieldError("redirect_uris[1]", "cannot parse 'not a uri'"));
    }
}
