package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DB-less mode (kong-admin-api.md 4): {@code /config} loads, hashes, errors, and refused entity writes. */
class DeclarativeConfigTest {

    static final String YAML = """
            _format_version: "3.0"
            services:
            - name: svc
              url: http://svc.test:8080/v1
              routes:
              - name: r1
                paths: ["/a"]
                plugins:
                - name: cors
            consumers:
            - username: dana
              keyauth_credentials:
              - key: dana-key
              basicauth_credentials:
              - username: dana
                password: pw
            upstreams:
            - name: up.test
              targets:
              - target: 10.0.0.1
            plugins:
            - name: key-auth
              service: svc
            """;

    Sandbox sandbox;
    AdminClient kong;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withDbless(true));
        kong = new AdminClient(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadsNestedYamlAndReplacesEverything() {
        assertThat(kong.get("/status").json()).containsEntry("configuration_hash", "00000000000000000000000000000000")
                .doesNotContainKey("database");
        var loaded = kong.raw("POST", "/config", YAML, "text/yaml");
        assertThat(loaded.status()).isEqualTo(201);
        Map<String, Object> services = (Map<String, Object>) loaded.json().get("services");
        assertThat(services).hasSize(1);
        String serviceId = services.keySet().iterator().next();

        assertThat(kong.get("/services/svc").json()).containsEntry("port", 8080).containsEntry("path", "/v1");
        assertThat(kong.get("/routes/r1").json()).containsEntry("service", Map.of("id", serviceId));
        assertThat(kong.get("/routes/r1/plugins").data()).extracting(p -> p.get("name")).containsExactly("cors");
        assertThat(kong.get("/plugins").data()).hasSize(2);
        var consumer = kong.get("/consumers/dana").json();
        assertThat(kong.get("/basic-auths/dana").json().get("password")).isEqualTo(CrudTest.sha1("pw" + consumer.get("id")));
        assertThat(kong.get("/upstreams/up.test/targets").data()).extracting(t -> t.get("target")).containsExactly("10.0.0.1:8000");
        String hash = (String) kong.get("/status").json().get("configuration_hash");
        assertThat(hash).hasSize(32).isNotEqualTo("00000000000000000000000000000000");

        assertThat(kong.raw("POST", "/config?check_hash=1", YAML, "text/yaml").status()).isEqualTo(304);
        var replaced = kong.post("/config", Map.of("config", "{\"_format_version\": \"3.0\", \"consumers\": [{\"username\": \"eve\"}]}"));
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(kong.get("/services").data()).isEmpty();
        assertThat(kong.get("/consumers").data()).extracting(c -> c.get("username")).containsExactly("eve");

        String exported = (String) kong.get("/config").json().get("config");
        assertThat(exported).contains("_format_version: '3.0'").contains("username: eve");
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidConfigChangesNothingAndReportsPerEntity() {
        kong.raw("POST", "/config", YAML, "text/yaml");
        var bad = kong.post("/config", Map.of("_format_version", "3.0",
                "services", List.of(Map.of("name", "ok", "host", "ok.test"), Map.of("name", "broken", "port", 99999))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).containsEntry("code", 14).containsEntry("name", "invalid declarative configuration");
        Map<String, Object> fields = (Map<String, Object>) bad.json().get("fields");
        List<Object> services = (List<Object>) fields.get("services");
        assertThat(services.get(0)).isNull();
        assertThat((Map<String, Object>) services.get(1)).containsEntry("host", "required field missing")
                .containsEntry("port", "value should be between 0 and 65535");
        assertThat(kong.get("/services/svc").status()).isEqualTo(200);

        var flat = kong.post("/config?flatten_errors=1", Map.of("_format_version", "3.0",
                "services", List.of(Map.of("name", "broken", "host", "h.test", "tags", List.of("t"),
                        "routes", List.of(Map.of("name", "bad-route", "protocols", List.of("ftp"), "paths", List.of("/x")))))));
        assertThat(flat.status()).isEqualTo(400);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) flat.json().get("flattened_errors");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("entity_type", "route").containsEntry("entity_name", "bad-route")
                .containsKey("entity_id").containsKey("entity");
        assertThat((List<Map<String, Object>>) entries.get(0).get("errors")).anySatisfy(e ->
                assertThat(e).containsEntry("type", "field").containsEntry("field", "protocols[1]"));
    }

    @Test
    void duplicatesAndUnknownReferences() {
        var dup = kong.post("/config", Map.of("_format_version", "3.0",
                "consumers", List.of(Map.of("username", "x"), Map.of("username", "x"))));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.text()).contains("uniqueness violation: 'consumers' entity with username set to 'x' already declared");
        var ref = kong.post("/config", Map.of("_format_version", "3.0",
                "routes", List.of(Map.of("paths", List.of("/a"), "service", "ghost"))));
        assertThat(ref.status()).isEqualTo(400);
        assertThat(ref.text()).contains("ghost");
        assertThat(kong.post("/config", Map.of("config", "{\"services\": []}")).json()).containsEntry("code", 14)
                .containsEntry("fields", Map.of("_format_version", "required field missing"));
        assertThat(kong.post("/config", Map.of("other", 1)).json())
                .isEqualTo(Map.of("message", "expected a declarative configuration"));
    }

    @Test
    void checkHashAnswers304OnlyForTheSameText() {
        String json = "{\"_format_version\": \"3.0\", \"consumers\": [{\"username\": \"eve\"}]}";
        var asField = Map.of("config", json);

        assertThat(kong.post("/config?check_hash=1", asField).status()).isEqualTo(201);
        assertThat(kong.post("/config?check_hash=1", asField).status()).isEqualTo(304);
        assertThat(kong.raw("POST", "/config?check_hash=1", json, "text/yaml").status()).isEqualTo(304);
        assertThat(kong.post("/config", asField).status()).as("without check_hash").isEqualTo(201);
    }

    @Test
    void checkHashNeverAnswers304ToATable() {
        String json = "{\"_format_version\":\"3.0\",\"consumers\":[{\"username\":\"eve\"}]}";
        Map<String, Object> table = Map.of("_format_version", "3.0", "consumers", List.of(Map.of("username", "eve")));

        assertThat(kong.post("/config?check_hash=1", table).status()).isEqualTo(201);
        assertThat(kong.post("/config?check_hash=1", table).status()).isEqualTo(201);
        assertThat(kong.post("/config?check_hash=1", Map.of("config", table)).status()).isEqualTo(201);
        assertThat(kong.post("/config?check_hash=1", Map.of("config", table)).status()).isEqualTo(201);
        String hash = (String) kong.get("/status").json().get("configuration_hash");
        assertThat(hash).isNotEqualTo(DeclarativeConfig.md5(json));
        assertThat(kong.post("/config?check_hash=1", Map.of("config", json)).status())
                .as("text after a table, even the same JSON").isEqualTo(201);
    }

    @Test
    void entityWritesAreRefusedAfterValidation() {
        kong.raw("POST", "/config", YAML, "text/yaml");
        var post = kong.post("/services", Map.of("host", "h.test"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json()).isEqualTo(Map.of("code", 12, "name", "operation unsupported",
                "message", "cannot create 'services' entities when not using a database"));
        assertThat(kong.post("/services", Map.of("port", 1)).status()).isEqualTo(400);
        assertThat(kong.put("/services/svc", Map.of("host", "h.test")).json()).containsEntry("message",
                "cannot create or update 'services' entities by 'name' when not using a database");
        assertThat(kong.patch("/services/svc", Map.of("port", 1)).json()).containsEntry("message",
                "cannot update 'services' entities by 'name' when not using a database");
        assertThat(kong.patch("/services/none", Map.of("port", 1)).status()).isEqualTo(404);
        assertThat(kong.delete("/services/svc").json()).containsEntry("message",
                "cannot remove 'services' entities by 'name' when not using a database");
        assertThat(kong.delete("/services/none").status()).isEqualTo(204);
        assertThat(kong.get("/services/svc").status()).isEqualTo(200);
        assertThat(kong.get("/").json().get("configuration")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("database", "off");
    }
}
