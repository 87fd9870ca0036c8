package io.kongsync.dump;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class DeclarativeConfigTest {

    private static final StateLoader.Options LOAD = StateLoader.Options.defaults();

    @TempDir
    Path tmp;

    private State load(String yaml) throws IOException {
        Path file = tmp.resolve("kong.yaml");
        Files.writeString(file, yaml);
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), LOAD);
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.state();
    }

    private static Function<EntityKey, UUID> idsOf(State state) {
        return key -> state.get(key).map(Entity::id).orElseThrow();
    }

    @Test
    void aServiceAndItsRouteAsKongsFlatFormWithExplicitIds() throws IOException {
        State state = load("""
                _format_version: "3.0"
                services:
                  - name: s
                    id: 00000000-0000-4000-8000-00000000000a
                    host: s.internal
                    routes:
                      - name: r
                        id: 00000000-0000-4000-8000-00000000000b
                        paths: [/r]
                """);

        assertThat(DeclarativeConfig.render(state, idsOf(state))).isEqualTo("{\"_format_version\":\"3.0\",\"_transform\":true,"
                + "\"services\":[{\"ca_certificates\":null,\"client_certificate\":null,\"connect_timeout\":60000,"
                + "\"enabled\":true,\"host\":\"s.internal\",\"id\":\"00000000-0000-4000-8000-00000000000a\",\"name\":\"s\","
                + "\"path\":null,\"port\":80,\"protocol\":\"http\",\"read_timeout\":60000,\"retries\":5,"
                + "\"tags\":[\"managed-by:kongsync\"],\"tls_verify\":null,\"tls_verify_depth\":null,\"write_timeout\":60000}],"
                + "\"routes\":[{\"destinations\":null,\"headers\":null,\"hosts\":null,\"https_redirect_status_code\":426,"
                + "\"id\":\"00000000-0000-4000-8000-00000000000b\",\"methods\":null,\"name\":\"r\",\"path_handling\":\"v0\","
                + "\"paths\":[\"/r\"],\"preserve_host\":false,\"protocols\":[\"http\",\"https\"],\"regex_priority\":0,"
                + "\"request_buffering\":true,\"response_buffering\":true,"
                + "\"service\":\"00000000-0000-4000-8000-00000000000a\",\"snis\":null,\"sources\":null,"
                + "\"strip_path\":true,\"tags\":[\"managed-by:kongsync\"]}]}");
    }

    @Test
    void everyEntityHasItsIdAndEveryReferenceTheReferencedId() throws IOException {
        State state = StateLoader.loadDesired(List.of(Path.of("src/test/resources/echo/files.yaml"),
                Path.of("src/test/resources/dump/shapes.yaml")), LOAD).state();
        Function<EntityKey, UUID> ids = idsOf(state);

        JsonNode config = JsonMapper.builder().build().readTree(DeclarativeConfig.render(state, ids));

        assertThat(config.get("_transform").asBoolean()).isTrue();
        for (Entity e : state.entities().values()) {
            JsonNode rendered = null;
            for (JsonNode node : config.get(e.kind().collection())) {
                if (node.get("id").asString().equals(ids.apply(e.key()).toString())) {
                    rendered = node;
                }
            }
            assertThat(rendered).as(e.key().canonical()).isNotNull();
            for (String fk : List.of("service", "route", "consumer", "upstream", "client_certificate")) {
                if (e.field(fk) instanceof EntityKey ref) {
                    assertThat(rendered.get(fk).asString()).isEqualTo(ids.apply(ref).toString());
                }
            }
        }
        JsonNode certificate = config.get("certificates").get(1);
        assertThat(certificate.get("snis").toString()).isEqualTo("[{\"name\":\"a.example\"},{\"name\":\"b.example\"}]");
        assertThat(config.get("certificates").get(0).has("snis")).isFalse();
        // plaintext: Kong hashes it because _transform is true
        assertThat(config.get("basicauth_credentials").get(0).get("password").asString()).isEqualTo("s3cret-basic-pass");
    }

    @Test
    void theSameStateGivesTheSameBytesWhateverOrderItWasBuiltIn() throws IOException {
        State state = load(Files.readString(Path.of("src/test/resources/echo/files.yaml")));
        List<Entity> reversed = new ArrayList<>();
        for (Entity e : state.entities().values()) {
            List<String> names = new ArrayList<>(e.fields().keySet());
            Collections.reverse(names);
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            names.forEach(n -> fields.put(n, e.fields().get(n)));
            reversed.add(new Entity(e.key(), e.id(), fields, e.origin(), e.sensitivePaths()));
        }
        Collections.reverse(reversed);
        State rebuilt = State.of(reversed);

        String text = DeclarativeConfig.render(state, idsOf(state));

        assertThat(DeclarativeConfig.render(rebuilt, idsOf(rebuilt))).isEqualTo(text);
        assertThat(text).doesNotContain("\n", ": ", ", ");
    }
}
