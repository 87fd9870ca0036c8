package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Create, read, update and delete for every entity kind, with defaults and nulls echoed as Kong does. */
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
                .containsEntry("tags", null).containsEntry("client_certificate", null).containsEntry("tls_verify", null)
                .doesNotContainKey("url");
        assertThat(s.get("id")).asString().hasSize(36);
        assertThat(s.get("created_at")).isInstanceOf(Integer.class);
        assertThat(s.get("updated_at")).isInstanceOf(Integer.class);

        assertThat(kong.get("/services/crud-svc").json()).isEqualTo(s);
        assertThat(kong.get("/services/" + s.get("id") + "/").json()).isEqualTo(s);
    }

    @Test
    void putReplacesWholeEntityAndCreatesByName() {
        var created = kong.put("/services/put-svc", Map.of("host", "a.test", "retries", 1, "path", "/x"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json()).containsEntry("name", "put-svc").containsEntry("retries", 1);
        var replaced = kong.put("/services/put-svc", Map.of("host", "b.test"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).containsEntry("id", created.json().get("id")).containsEntry("host", "b.test")
                .containsEntry("retries", 5).containsEntry("path", null);

        String id = "6a2c2a56-9a1d-4f3c-8c49-0d2c1a3a4b5c";
        var byId = kong.put("/services/" + id, Map.of("host", "c.test", "id", "ignored"));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).containsEntry("id", id).containsEntry("name", null);
    }

    @Test
    void patchMergesAndDeepMergesRecords() {
        kong.post("/services", Map.of("name", "patch-svc", "host", "a.test", "retries", 2));
        var patched = kong.patch("/services/patch-svc", Map.of("port", 8080));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json()).containsEntry("port", 8080).containsEntry("retries", 2).containsEntry("host", "a.test");

        var plugin = kong.post("/plugins", Map.of("name", "rate-limiting", "instance_name", "rl-patch",
                "config", Map.of("minute", 5, "policy", "local")));
        assertThat(plugin.status()).isEqualTo(201);
        var merged = kong.patch("/plugins/rl-patch", Map.of("config", Map.of("hour", 100)));
        assertThat(merged.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) merged.json().get("config");
        assertThat(config).containsEntry("minute", 5).containsEntry("hour", 100).containsEntry("policy", "local");

        var upstream = kong.post("/upstreams", Map.of("name", "patch-up.test"));
        var hc = kong.patch("/upstreams/patch-up.test",
                Map.of("healthchecks", Map.of("active", Map.of("healthy", Map.of("interval", 5)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> active = (Map<String, Object>) ((Map<String, Object>) hc.json().get("healthchecks")).get("active");
        assertThat(active).containsEntry("concurrency", 10).containsEntry("http_path", "/");
        assertThat(upstream.status()).isEqualTo(201);
        assertThat((Map<String, Object>) active.get("healthy")).containsEntry("interval", 5)
                .containsEntry("http_statuses", List.of(200, 302));
    }

    @Test
    void patchOfMissingEntityIsCodeSix() {
        var byName = kong.patch("/services/nowhere", Map.of("port", 1));
        assertThat(byName.status()).isEqualTo(404);
        assertThat(byName.json()).containsEntry("code", 6).containsEntry("name", "not found")
                .containsEntry("message", "could not find the entity with '{name=\"nowhere\"}'")
                .containsEntry("fields", Map.of("name", "nowhere"));
        String id = "11111111-2222-4333-8444-555555555555";
        var byId = kong.patch("/services/" + id, Map.of("port", 1));
        assertThat(byId.json()).containsEntry("message", "could not find the entity with primary key '{id=\"" + id + "\"}'");
    }

    @Test
    void deleteIsIdempotent() {
        kong.post("/consumers", Map.of("username", "gone"));
        assertThat(kong.delete("/consumers/gone").status()).isEqualTo(204);
        assertThat(kong.get("/consumers/gone").status()).isEqualTo(404);
        assertThat(kong.delete("/consumers/gone").status()).isEqualTo(204);
    }

    @Test
    void routesNestedUnderServiceAndTheirService() {
        var svc = kong.post("/services", Map.of("name", "route-svc", "host", "r.test")).json();
        var route = kong.post("/services/route-svc/routes", Map.of("name", "nested-route", "paths", List.of("/r")));
        assertThat(route.status()).isEqualTo(201);
        assertThat(route.json()).containsEntry("service", Map.of("id", svc.get("id")))
                .containsEntry("protocols", List.of("http", "https")).containsEntry("strip_path", true)
                .containsEntry("https_redirect_status_code", 426).containsEntry("path_handling", "v0")
                .containsEntry("methods", null).containsEntry("hosts", null);
        assertThat(kong.get("/routes/nested-route/service").json()).containsEntry("id", svc.get("id"));
        assertThat(kong.get("/services/route-svc/routes").data()).extracting(r -> r.get("name")).containsExactly("nested-route");
        assertThat(kong.get("/services/route-svc/routes/nested-route").status()).isEqualTo(200);
        kong.post("/services", Map.of("name", "other-svc", "host", "o.test"));
        assertThat(kong.get("/services/other-svc/routes/nested-route").status()).isEqualTo(404);
        assertThat(kong.get("/services/missing-svc/routes").status()).isEqualTo(404);
    }

    @Test
    void setsAreDeduplicatedInWrittenOrder() {
        var route = kong.post("/routes", Map.of("paths", List.of("/sets"), "methods", List.of("POST", "GET", "POST"),
                "tags", List.of("b", "a", "b")));
        assertThat(route.json()).containsEntry("methods", List.of("POST", "GET")).containsEntry("tags", List.of("b", "a"));
    }

    @Test
    void consumersAndCredentials() {
        var consumer = kong.post("/consumers", Map.of("username", "alice", "custom_id", "a-1")).json();
        String cid = (String) consumer.get("id");
        assertThat(kong.get("/consumers?custom_id=a-1").data()).extracting(c -> c.get("id")).containsExactly(cid);
        assertThat(kong.get("/consumers?custom_id=").status()).isEqualTo(400);

        var key = kong.post("/consumers/alice/key-auth", Map.of()).json();
        assertThat(key.get("key")).asString().hasSize(32);
        assertThat(key).containsEntry("consumer", Map.of("id", cid)).containsEntry("ttl", null).doesNotContainKey("updated_at");
        assertThat(kong.get("/key-auths/" + key.get("key")).json()).containsEntry("id", key.get("id"));

        var basic = kong.post("/consumers/alice/basic-auth", Map.of("username", "alice-basic", "password", "s3cret"));
        assertThat(basic.status()).isEqualTo(201);
        assertThat(basic.json().get("password")).isEqualTo(sha1("s3cret" + cid));
        var rehashed = kong.patch("/basic-auths/alice-basic", Map.of("password", "other"));
        assertThat(rehashed.json().get("password")).isEqualTo(sha1("other" + cid));
        assertThat(kong.patch("/basic-auths/alice-basic", Map.of("tags", List.of("t"))).json().get("password"))
                .isEqualTo(sha1("other" + cid));

        var jwt = kong.post("/consumers/alice/jwt", Map.of()).json();
        assertThat(jwt).containsEntry("algorithm", "HS256").containsEntry("rsa_public_key", null);
        assertThat(jwt.get("key")).asString().isNotEmpty();
        assertThat(jwt.get("secret")).asString().isNotEmpty();

        var acl = kong.post("/consumers/alice/acls", Map.of("group", "admins"));
        assertThat(acl.status()).isEqualTo(201);
        assertThat(kong.get("/consumers/alice/acls/admins").json()).containsEntry("id", acl.json().get("id"));
        assertThat(kong.post("/consumers/alice/acls", Map.of("group", "admins")).status()).isEqualTo(409);
        assertThat(kong.put("/consumers/alice/acls/devs", Map.of()).json()).containsEntry("group", "devs");
        assertThat(kong.delete("/consumers/alice/acls/nobody").status()).isEqualTo(404);
        assertThat(kong.get("/acls").data()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void pluginsDefaultsAndUniqueness() {
        var svc = kong.post("/services", Map.of("name", "plugin-svc", "host", "p.test")).json();
        var plugin = kong.post("/services/plugin-svc/plugins", Map.of("name", "key-auth"));
        assertThat(plugin.status()).isEqualTo(201);
        assertThat(plugin.json()).containsEntry("service", Map.of("id", svc.get("id"))).containsEntry("route", null)
                .containsEntry("consumer", null).containsEntry("instance_name", null).containsEntry("enabled", true)
                .containsEntry("protocols", List.of("grpc", "grpcs", "http", "https"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) plugin.json().get("config");
        assertThat(config).containsEntry("key_names", List.of("apikey")).containsEntry("hide_credentials", false);

        var dup = kong.post("/plugins", Map.of("name", "key-auth", "service", Map.of("name", "plugin-svc")));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json()).containsEntry("code", 5);
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("name", "key-auth");
        fields.put("service", Map.of("id", svc.get("id")));
        fields.put("route", null);
        fields.put("consumer", null);
        assertThat(dup.json().get("fields")).isEqualTo(fields);
        assertThat(kong.get("/plugins/enabled").json().get("enabled_plugins")).asList().contains("key-auth", "acl");
    }

    @Test
    void targetsSpecifics() {
        kong.post("/upstreams", Map.of("name", "tgt-up.test", "algorithm", "round-robin", "hash_on", "header",
                "hash_on_header", "x-user"));
        assertThat(kong.get("/upstreams/tgt-up.test").json()).containsEntry("algorithm", "consistent-hashing");
        var target = kong.post("/upstreams/tgt-up.test/targets", Map.of("target", "10.1.1.1"));
        assertThat(target.status()).isEqualTo(201);
        assertThat(target.json()).containsEntry("target", "10.1.1.1:8000").containsEntry("weight", 100);
        assertThat(target.json().get("created_at")).isInstanceOf(Double.class);
        assertThat(kong.post("/upstreams/tgt-up.test/targets", Map.of("target", "10.1.1.1:8000")).status()).isEqualTo(409);

        var updated = kong.put("/upstreams/tgt-up.test/targets/10.1.1.1:8000", Map.of("weight", 5));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("weight", 5).containsEntry("id", target.json().get("id"));
        assertThat(kong.put("/upstreams/tgt-up.test/targets/10.9.9.9:80", Map.of("weight", 5)).status()).isEqualTo(404);
        assertThat(kong.patch("/upstreams/tgt-up.test/targets/10.1.1.1", Map.of("weight", 7)).json())
                .containsEntry("weight", 7);
        assertThat(kong.get("/targets").status()).isEqualTo(404);
        assertThat(kong.get("/targets/" + target.json().get("id")).status()).isEqualTo(404);
        assertThat(kong.delete("/upstreams/tgt-up.test/targets/10.9.9.9:80").status()).isEqualTo(404);
        assertThat(kong.delete("/upstreams/tgt-up.test/targets/10.1.1.1:8000").status()).isEqualTo(204);
        assertThat(kong.get("/upstreams/tgt-up.test/targets").data()).isEmpty();
    }

    @Test
    void certificateSnis() {
        String cert = Pem.cert();
        var created = kong.post("/certificates", Map.of("cert", cert, "key", Pem.key(), "snis", List.of("b.test", "a.test")));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.json().get("id");
        assertThat(created.json()).containsEntry("snis", List.of("a.test", "b.test")).containsEntry("cert_alt", null);
        assertThat(kong.get("/snis/a.test").json()).containsEntry("certificate", Map.of("id", id));
        assertThat(kong.get("/certificates/a.test").json()).containsEntry("id", id);
        assertThat(kong.get("/certificates/none.test").json()).containsEntry("message", "SNI not found");

        var other = kong.post("/certificates", Map.of("cert", cert, "key", Pem.key(), "snis", List.of("a.test")));
        assertThat(other.status()).isEqualTo(400);
        assertThat(kong.post("/certificates", Map.of("cert", cert, "key", Pem.key(), "snis", List.of("c.test", "c.test")))
                .json()).containsEntry("fields", Map.of("snis", "c.test is duplicated"));

        assertThat(kong.patch("/certificates/" + id, Map.of("tags", List.of("x"))).json())
                .containsEntry("snis", List.of("a.test", "b.test"));
        assertThat(kong.put("/certificates/" + id, Map.of("cert", cert, "key", Pem.key())).json())
                .containsEntry("snis", List.of());
        assertThat(kong.get("/snis/a.test").status()).isEqualTo(404);

        kong.post("/snis", Map.of("name", "d.test", "certificate", Map.of("id", id)));
        assertThat(kong.get("/certificates/" + id + "/snis").data()).extracting(s -> s.get("name")).containsExactly("d.test");
        assertThat(kong.delete("/certificates/" + id).status()).isEqualTo(204);
        assertThat(kong.get("/snis/d.test").status()).isEqualTo(404);
    }

    @Test
    void caCertificateDigest() throws Exception {
        var created = kong.post("/ca_certificates", Map.of("cert", Pem.cert()));
        assertThat(created.status()).isEqualTo(201);
        var der = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Pem.cert().getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(created.json()).containsEntry("cert_digest", expected);
        assertThat(kong.post("/ca_certificates", Map.of("cert", Pem.cert())).status()).isEqualTo(409);
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
