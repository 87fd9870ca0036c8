package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kong's error bodies (kong-admin-api.md 3) and its cascade and restrict deletes (1.12). */
class ErrorsAndDeletesTest {

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
    void schemaViolationsSingleAndMany() {
        var one = kong.post("/services", Map.of("name", "no-host"));
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.json()).isEqualTo(Map.of("code", 2, "name", "schema violation",
                "message", "schema violation (host: required field missing)",
                "fields", Map.of("host", "required field missing")));

        var many = kong.post("/services", Map.of("host", "h.test", "protocol", "ftp", "bogus", 1));
        assertThat(many.json()).containsEntry("message",
                "2 schema violations (bogus: unknown field; protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)");

        var entity = kong.post("/consumers", Map.of("tags", List.of("x")));
        assertThat(entity.json()).containsEntry("fields",
                Map.of("@entity", List.of("at least one of these fields must be non-empty: 'custom_id', 'username'")));

        var plugin = kong.post("/plugins", Map.of("name", "no-such-plugin"));
        assertThat(plugin.json()).containsEntry("fields",
                Map.of("name", "plugin 'no-such-plugin' not enabled; add it to the 'plugins' configuration property"));

        var config = kong.post("/plugins", Map.of("name", "rate-limiting", "config", Map.of("minute", "many")));
        assertThat(config.status()).isEqualTo(400);
        assertThat(config.json().get("fields")).isEqualTo(Map.of("config", Map.of("minute", "expected a number")));
    }

    @Test
    void uniqueForeignKeyAndPrimaryKeyViolations() {
        kong.post("/consumers", Map.of("username", "bob"));
        var unique = kong.post("/consumers", Map.of("username", "bob"));
        assertThat(unique.status()).isEqualTo(409);
        assertThat(unique.json()).isEqualTo(Map.of("code", 5, "name", "unique constraint violation",
                "message", "UNIQUE violation detected on '{username=\"bob\"}'", "fields", Map.of("username", "bob")));

        String missing = "0b7e0a4e-5b77-4c36-9d3a-2b0c43f2b6a1";
        var fk = kong.post("/routes", Map.of("paths", List.of("/x"), "service", Map.of("id", missing)));
        assertThat(fk.status()).isEqualTo(400);
        assertThat(fk.json()).isEqualTo(Map.of("code", 4, "name", "foreign key violation",
                "message", "the foreign key '{id=\"" + missing + "\"}' does not reference an existing 'services' entity.",
                "fields", Map.of("service", Map.of("id", missing))));

        var unresolved = kong.post("/routes", Map.of("paths", List.of("/x"), "service", Map.of("name", "ghost")));
        assertThat(unresolved.status()).isEqualTo(400);
        String detail = "the foreign key cannot be resolved with '{name=\"ghost\"}' for an existing 'services' entity";
        assertThat(unresolved.json()).isEqualTo(Map.of("code", 13, "name", "foreign keys unresolved",
                "message", "foreign key unresolved (service.name: " + detail + ")",
                "fields", Map.of("service", Map.of("name", detail))));

        var svc = kong.post("/services", Map.of("host", "pk.test")).json();
        var pk = kong.post("/services", Map.of("id", svc.get("id"), "host", "pk2.test"));
        assertThat(pk.status()).isEqualTo(400);
        assertThat(pk.json()).containsEntry("code", 3)
                .containsEntry("message", "primary key violation on key '{id=\"" + svc.get("id") + "\"}'");
    }

    @Test
    void plainErrors() {
        assertThat(kong.get("/nothing-here").json()).isEqualTo(Map.of("message", "Not found"));
        assertThat(kong.get("/services/unknown-name").status()).isEqualTo(404);
        var notAllowed = kong.raw("POST", "/services/some-name", "{}", "application/json");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.json()).isEqualTo(Map.of("message", "Method not allowed"));
        var bad = kong.raw("POST", "/services", "{not json", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).isEqualTo(Map.of("message", "Cannot parse JSON body"));
        assertThat(kong.raw("POST", "/config", "{}", "application/json").json())
                .containsEntry("message", "this endpoint is only available when Kong is configured to not use a database");
    }

    @Test
    void serviceWithRoutesIsRestrictedAndPluginsCascade() {
        var svc = kong.post("/services", Map.of("name", "restricted", "host", "r.test")).json();
        var route = kong.post("/services/restricted/routes", Map.of("paths", List.of("/r"))).json();
        var routePlugin = kong.post("/routes/" + route.get("id") + "/plugins", Map.of("name", "cors")).json();
        var svcPlugin = kong.post("/services/restricted/plugins", Map.of("name", "cors")).json();

        var refused = kong.delete("/services/restricted");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).isEqualTo(Map.of("code", 4, "name", "foreign key violation",
                "message", "an existing 'routes' entity references this 'services' entity",
                "fields", Map.of("@referenced_by", "routes")));
        assertThat(kong.get("/plugins/" + svcPlugin.get("id")).status()).isEqualTo(200);

        assertThat(kong.delete("/routes/" + route.get("id")).status()).isEqualTo(204);
        assertThat(kong.get("/plugins/" + routePlugin.get("id")).status()).isEqualTo(404);
        assertThat(kong.delete("/services/" + svc.get("id")).status()).isEqualTo(204);
        assertThat(kong.get("/plugins/" + svcPlugin.get("id")).status()).isEqualTo(404);
    }

    @Test
    void consumerCascadesCredentialsAndPlugins() {
        kong.post("/consumers", Map.of("username", "carol"));
        var key = kong.post("/consumers/carol/key-auth", Map.of("key", "carol-key")).json();
        var acl = kong.post("/consumers/carol/acls", Map.of("group", "g")).json();
        var plugin = kong.post("/consumers/carol/plugins", Map.of("name", "rate-limiting", "config", Map.of("minute", 1))).json();
        assertThat(kong.delete("/consumers/carol").status()).isEqualTo(204);
        assertThat(kong.get("/key-auths/" + key.get("id")).status()).isEqualTo(404);
        assertThat(kong.get("/acls/" + acl.get("id")).status()).isEqualTo(404);
        assertThat(kong.get("/plugins/" + plugin.get("id")).status()).isEqualTo(404);
    }

    @Test
    void upstreamCascadesTargetsAndCertificatesAreRestricted() {
        var cert = kong.post("/certificates", Map.of("cert", Pem.cert(), "key", Pem.key())).json();
        var up = kong.post("/upstreams", Map.of("name", "cascade.test", "client_certificate", Map.of("id", cert.get("id")))).json();
        var target = kong.post("/upstreams/cascade.test/targets", Map.of("target", "t.test:80")).json();
        var refused = kong.delete("/certificates/" + cert.get("id"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("message", "an existing 'upstreams' entity references this 'certificates' entity");
        assertThat(kong.delete("/upstreams/cascade.test").status()).isEqualTo(204);
        assertThat(kong.get("/upstreams/" + up.get("id") + "/targets/" + target.get("id")).status()).isEqualTo(404);
        assertThat(kong.delete("/certificates/" + cert.get("id")).status()).isEqualTo(204);
    }

    @Test
    void caCertificateReferencedByServiceIsCode19() {
        var ca = kong.post("/ca_certificates", Map.of("cert", Pem.cert(), "tags", List.of("code19"))).json();
        var svc = kong.post("/services", Map.of("url", "https://ca.test", "ca_certificates", List.of(ca.get("id")))).json();
        var refused = kong.delete("/ca_certificates/" + ca.get("id"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("code", 19).containsEntry("name", "referenced by others")
                .containsEntry("message", "ca certificate " + ca.get("id") + " is still referenced by services (id = " + svc.get("id") + ")");
        kong.delete("/services/" + svc.get("id"));
        assertThat(kong.delete("/ca_certificates/" + ca.get("id")).status()).isEqualTo(204);
    }

    @Test
    void pluginProtocolsMustMatchItsRoute() {
        var route = kong.post("/routes", Map.of("protocols", List.of("tcp"), "destinations", List.of(Map.of("port", 90)))).json();
        var plugin = kong.post("/plugins", Map.of("name", "tcp-log", "route", Map.of("id", route.get("id")),
                "protocols", List.of("http"), "config", Map.of("host", "l.test", "port", 9)));
        assertThat(plugin.status()).isEqualTo(400);
        assertThat(plugin.json().get("fields")).isEqualTo(Map.of("protocols", "must match the associated route's protocols"));
    }
}
