package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrudTest {

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
    void serviceCreatedWithDefaultsAndNulls() {
        var created = kong.post("/services", Map.of("name", "crud-svc", "url", "https://example.test/api"));
        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> s = created.json();
        assertThat(s).containsEntry("protocol", "https").containsEntry("host", "example.test")
                .containsEntry("port", 443).containsEntry("path", "/api").containsEntry("retries", 5)
                .containsEntry("connect_timeout", 60000).containsEntry("enabled", true)
                .containsEntry("tags", null).containsEntry("client_certificate", null).containsKey("tls_verify")
                .doesNotContainKey("url");
        assertThat(s.get("id")).asString().hasSize(36);
        assertThat(s.get("created_at")).isInstanceOf(Integer.class);

        var byName = kong.get("/services/crud-svc");
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json()).isEqualTo(s);
        assertThat(kong.get("/services/" + s.get("id")).json()).isEqualTo(s);
    }
}
