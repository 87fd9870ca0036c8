package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /schemas} endpoints (kong-admin-api.md 5.3). */
class SchemaEndpointsTest {

    static Sandbox sandbox;
    static AdminClient kong;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        kong = new AdminClient(sandbox.url());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void entitySchemaInKongShape() {
        var res = kong.get("/schemas/services");
        assertThat(res.status()).isEqualTo(200);
        List<Map<String, Map<String, Object>>> fields = (List<Map<String, Map<String, Object>>>) res.json().get("fields");
        Map<String, Object> port = fields.stream().filter(f -> f.containsKey("port")).findFirst().orElseThrow().get("port");
        assertThat(port).containsEntry("type", "integer").containsEntry("default", 80).containsEntry("required", true)
                .containsEntry("between", List.of(0, 65535));
        Map<String, Object> cert = fields.stream().filter(f -> f.containsKey("client_certificate")).findFirst().orElseThrow()
                .get("client_certificate");
        assertThat(cert).containsEntry("type", "foreign").containsEntry("reference", "certificates");
        assertThat(res.json()).containsKey("entity_checks");
        assertThat(kong.get("/schemas/nonsense").json()).isEqualTo(Map.of("message", "No entity named 'nonsense'"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pluginSchemaWithNestedConfigRecord() {
        var res = kong.get("/schemas/plugins/key-auth");
        assertThat(res.status()).isEqualTo(200);
        List<Map<String, Map<String, Object>>> fields = (List<Map<String, Map<String, Object>>>) res.json().get("fields");
        Map<String, Object> config = fields.stream().filter(f -> f.containsKey("config")).findFirst().orElseThrow().get("config");
        assertThat(config).containsEntry("type", "record");
        assertThat((List<Object>) config.get("fields")).isNotEmpty();
        assertThat(kong.get("/schemas/plugins/nope").json()).isEqualTo(Map.of("message", "No plugin named 'nope'"));
    }

    @Test
    void validationEndpoints() {
        assertThat(kong.post("/schemas/plugins/validate", Map.of("name", "key-auth")).json())
                .isEqualTo(Map.of("message", "schema validation successful"));
        var bad = kong.post("/schemas/plugins/validate", Map.of("name", "rate-limiting", "config", Map.of("minute", -1)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).containsEntry("code", 2);
        assertThat(kong.post("/schemas/services/validate", Map.of("host", "ok.test")).status()).isEqualTo(200);
        assertThat(kong.post("/schemas/services/validate", Map.of("port", 1)).json())
                .containsEntry("fields", Map.of("host", "required field missing"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rootAndStatusSaySandbox() {
        var root = kong.get("/").json();
        assertThat(root).containsEntry("version", "3.9.1").containsEntry("edition", "community")
                .containsEntry("kongsync_sandbox", true);
        assertThat((String) root.get("hostname")).contains("sandbox");
        Map<String, Object> plugins = (Map<String, Object>) root.get("plugins");
        assertThat((Map<String, Object>) plugins.get("available_on_server")).containsEntry("key-auth",
                Map.of("version", "3.9.1", "priority", 1250));
        assertThat((Map<String, Object>) root.get("configuration")).containsEntry("database", "postgres")
                .containsEntry("role", "traditional").containsEntry("router_flavor", "traditional_compatible");
        var status = kong.get("/status").json();
        assertThat(status).containsEntry("database", Map.of("reachable", true)).doesNotContainKey("configuration_hash");
    }
}
