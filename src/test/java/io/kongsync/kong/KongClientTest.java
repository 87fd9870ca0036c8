package io.kongsync.kong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KongClientTest {

    private static final String SERVICE_ID = "5b1e4e2a-3c1f-4b7e-9a55-0c1d2e3f4a5b";

    @RegisterExtension
    static WireMockExtension kong = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private KongClient client;

    @BeforeEach
    void connect() {
        client = KongClient.create(KongSettings.of(URI.create(kong.baseUrl()))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(2), Duration.ofMillis(10), 0.5)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void listFollowsNextAcrossThreePagesOneRequestEach() {
        kong.stubFor(get(urlEqualTo("/services?size=1000")).willReturn(okJson("""
                {"data": [{"name": "a"}, {"name": "b"}], "offset": "WyJh", "next": "/services?offset=WyJh%3D%3D&size=1000"}""")));
        kong.stubFor(get(urlEqualTo("/services?offset=WyJh%3D%3D&size=1000")).willReturn(okJson("""
                {"data": [{"name": "c"}], "offset": "WyJj", "next": "/services?offset=WyJj&size=1000"}""")));
        kong.stubFor(get(urlEqualTo("/services?offset=WyJj&size=1000")).willReturn(okJson("""
                {"data": [{"name": "d"}], "next": null}""")));

        List<Map<String, Object>> services = client.list("/services", List.of()).collectList().block();

        assertThat(services).extracting(s -> s.get("name")).containsExactly("a", "b", "c", "d");
        kong.verify(3, getRequestedFor(urlPathEqualTo("/services")));
        assertThat(client.requestCount()).isEqualTo(3);
    }

    @Test
    void aSyncWriteSucceedsOnTheStatusAloneAndStillFailsOnKongsErrors() {
        kong.stubFor(put(urlEqualTo("/services/" + SERVICE_ID)).willReturn(aResponse().withStatus(200)
                .withBody("not the JSON a read would need")));
        kong.stubFor(put(urlEqualTo("/routes/" + SERVICE_ID)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(
                        "{\"code\": 2, \"name\": \"schema violation\", "
                                + "\"message\": \"schema violation (paths: required field missing)\"}")));

        StepVerifier.create(client.write("PUT", "/services/" + SERVICE_ID, Map.of("host", "h"))).verifyComplete();
        StepVerifier.create(client.write("PUT", "/routes/" + SERVICE_ID, Map.of("name", "r")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(KongApiException.class)
                        .hasMessage("PUT /routes/" + SERVICE_ID + ": 400 schema violation (paths: required field missing)"))
                .verify();
    }

    @Test
    void listSendsAllTagsJoinedByCommas() {
        kong.stubFor(get(urlPathEqualTo("/routes")).willReturn(okJson("""
                {"data": [{"name": "r1"}], "next": null}""")));

        List<Map<String, Object>> routes =
                client.list("/routes", List.of("managed-by:kongsync", "team a")).collectList().block();

        assertThat(routes).hasSize(1);
        kong.verify(getRequestedFor(urlEqualTo("/routes?size=1000&tags=managed-by%3Akongsync,team%20a")));
    }

    @Test
    void listOfTargetsFollowsTheirNumericOffset() {
        String upstream = "/upstreams/0b7a7d3e-1111-4222-8333-944455556666/targets";
        kong.stubFor(get(urlEqualTo(upstream + "?size=1000")).willReturn(okJson("""
                {"data": [{"target": "a:8000"}], "offset": "1", "next": "%s?offset=1"}""".formatted(upstream))));
        kong.stubFor(get(urlEqualTo(upstream + "?offset=1")).willReturn(okJson("""
                {"data": [{"target": "b:8000"}], "next": null}""")));

        StepVerifier.create(client.list(upstream, null).map(t -> t.get("target")))
                .expectNext("a:8000", "b:8000")
                .verifyComplete();
    }

    @Test
    void sendsTheTokenHeaderOnlyWhenSetAndAUserAgent() {
        kong.stubFor(get(urlEqualTo("/status")).willReturn(okJson("{\"server\": {\"total_requests\": 3}}")));

        client.status().block();
        kong.verify(getRequestedFor(urlEqualTo("/status"))
                .withHeader("Kong-Admin-Token", absent())
                .withHeader("User-Agent", matching("kongsync/.+")));

        kong.resetRequests();
        try (KongClient withToken = KongClient.create(
                KongSettings.of(URI.create(kong.baseUrl())).withAdminToken("rbac-token-123"))) {
            Map<String, Object> status = withToken.status().block();
            assertThat(status).containsKey("server");
        }
        kong.verify(getRequestedFor(urlEqualTo("/status")).withHeader("Kong-Admin-Token", equalTo("rbac-token-123")));
    }

    @Test
    void sendsAndReadsJson() {
        kong.stubFor(put(urlEqualTo("/services/" + SERVICE_ID)).willReturn(okJson("""
                {"id": "%s", "name": "svc", "port": 80, "retries": 5, "tags": ["managed-by:kongsync"]}""".formatted(SERVICE_ID))));

        Map<String, Object> saved = client.put("/services/" + SERVICE_ID,
                Map.of("name", "svc", "host", "example.com", "port", 80)).block();

        assertThat(saved).containsEntry("name", "svc").containsEntry("retries", 5)
                .containsEntry("tags", List.of("managed-by:kongsync"));
        kong.verify(putRequestedFor(urlEqualTo("/services/" + SERVICE_ID))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"name\": \"svc\", \"host\": \"example.com\", \"port\": 80}")));
    }

    @Test
    void schemaViolationBecomesAOneLineMessageAndFields() {
        kong.stubFor(put(urlEqualTo("/services/" + SERVICE_ID)).willReturn(status(400).withHeader("Content-Type",
                "application/json").withBody("""
                {"code": 2, "name": "schema violation", "message": "schema violation (host: required field missing)",
                 "fields": {"host": "required field missing"}}""")));

        assertThatThrownBy(() -> client.put("/services/" + SERVICE_ID, Map.of("name", "svc")).block())
                .isInstanceOfSatisfying(KongApiException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "PUT /services/" + SERVICE_ID + ": 400 schema violation (host: required field missing)");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().code()).isEqualTo(2);
                    assertThat(e.error().name()).isEqualTo("schema violation");
                    assertThat(e.error().fields()).containsEntry("host", "required field missing");
                    assertThat(e.method()).isEqualTo("PUT");
                    assertThat(e.path()).isEqualTo("/services/" + SERVICE_ID);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void uniqueViolationNamesTheConflict() {
        kong.stubFor(post(urlEqualTo("/services")).willReturn(status(409).withHeader("Content-Type",
                "application/json").withBody("""
                {"code": 5, "name": "unique constraint violation",
                 "message": "UNIQUE violation detected on '{name=\\"x\\"}'", "fields": {"name": "x"}}""")));

        assertThatThrownBy(() -> client.post("/services", Map.of("name", "x", "host", "h")).block())
                .isInstanceOfSatisfying(KongApiException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "POST /services: 409 unique constraint violation: UNIQUE violation detected on '{name=\"x\"}'");
                    assertThat(e.error().fields()).containsEntry("name", "x");
                    assertThat(e.isConflictOnRepeat()).isFalse();
                });
        kong.verify(1, postRequestedFor(urlEqualTo("/services")));
    }

    @Test
    void optionsOfAnInvalidTagFilterAreTheFields() {
        kong.stubFor(get(urlPathEqualTo("/plugins")).willReturn(status(400).withHeader("Content-Type",
                "application/json").withBody("""
                {"code": 11, "name": "invalid options", "message": "invalid option (tags: cannot query more than 5 tags)",
                 "options": {"tags": "cannot query more than 5 tags"}}""")));

        StepVerifier.create(client.list("/plugins", List.of("a", "b", "c", "d", "e", "f")))
                .expectErrorSatisfies(e -> assertThat(((KongApiException) e).error().fields())
                        .containsEntry("tags", "cannot query more than 5 tags"))
                .verify();
    }

    @Test
    void anHtmlErrorFromAProxyGivesAReadableMessage() {
        kong.stubFor(get(urlEqualTo("/")).willReturn(status(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        try (KongClient once = KongClient.create(KongSettings.of(URI.create(kong.baseUrl()))
                .withRetry(RetryPolicy.none()))) {
            assertThatThrownBy(() -> once.info().block())
                    .isInstanceOfSatisfying(KongApiException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("GET /: 502 Bad Gateway (answer is not Kong JSON)");
                        assertThat(e.error().code()).isNull();
                        assertThat(e.error().fields()).isEmpty();
                    });
        }
    }

    @Test
    void getOfAMissingEntityIsEmpty() {
        kong.stubFor(get(urlEqualTo("/routes/nope")).willReturn(status(404).withBody("{\"message\":\"Not found\"}")));

        StepVerifier.create(client.get("/routes/nope")).verifyComplete();
        kong.verify(1, getRequestedFor(urlEqualTo("/routes/nope")));
    }

    @Test
    void patchOfAMissingEntityFails() {
        kong.stubFor(patch(urlEqualTo("/routes/" + SERVICE_ID)).willReturn(status(404).withBody("""
                {"code": 6, "name": "not found", "message": "could not find the entity with primary key '{id=\\"%s\\"}'",
                 "fields": {"id": "%s"}}""".formatted(SERVICE_ID, SERVICE_ID))));

        StepVerifier.create(client.patch("/routes/" + SERVICE_ID, Map.of("name", "r")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(KongApiException.class)
                        .hasMessageContaining("404 not found: could not find the entity"))
                .verify();
    }

    @Test
    void deleteSucceedsOn204AndOnAMissingEntity() {
        kong.stubFor(delete(urlEqualTo("/services/gone")).willReturn(status(204)));
        kong.stubFor(delete(urlEqualTo("/upstreams/u/targets/t")).willReturn(status(404)
                .withBody("{\"message\":\"Not found\"}")));

        StepVerifier.create(client.delete("/services/gone")).verifyComplete();
        StepVerifier.create(client.delete("/upstreams/u/targets/t")).verifyComplete();
        kong.verify(1, deleteRequestedFor(urlEqualTo("/upstreams/u/targets/t")));
    }

    @Test
    void deleteRefusedByAReferenceFails() {
        kong.stubFor(delete(urlEqualTo("/services/" + SERVICE_ID)).willReturn(status(400).withBody("""
                {"code": 4, "name": "foreign key violation",
                 "message": "an existing 'routes' entity references this 'services' entity",
                 "fields": {"@referenced_by": "routes"}}""")));

        StepVerifier.create(client.delete("/services/" + SERVICE_ID))
                .expectErrorSatisfies(e -> {
                    assertThat(e).hasMessage("DELETE /services/" + SERVICE_ID + ": 400 foreign key violation: "
                            + "an existing 'routes' entity references this 'services' entity");
                    assertThat(((KongApiException) e).error().fields()).containsEntry("@referenced_by", "routes");
                })
                .verify();
    }

    @Test
    void infoReadsADbLessKong39() throws IOException {
        kong.stubFor(get(urlEqualTo("/")).willReturn(okJson(resource("root-3.9-dbless.json"))));

        KongInfo info = client.info().block();

        assertThat(info.version()).isEqualTo("3.9.1");
        assertThat(info.dbless()).isTrue();
        assertThat(info.hostname()).isEqualTo("kong-dp-7c9f");
        assertThat(info.tagline()).isEqualTo("Welcome to kong");
        assertThat(info.availablePlugins()).containsExactlyInAnyOrder("key-auth", "rate-limiting", "cors");
        assertThat(info.routerFlavor()).isEqualTo("traditional_compatible");
        assertThat(info.sandbox()).isFalse();
    }

    @Test
    void infoReadsAKong39WithADatabase() throws IOException {
        kong.stubFor(get(urlEqualTo("/")).willReturn(okJson(resource("root-3.9-postgres.json"))));

        KongInfo info = client.info().block();

        assertThat(info.dbless()).isFalse();
        assertThat(info.routerFlavor()).isEqualTo("expressions");
        assertThat(info.availablePlugins()).isEqualTo(Set.of("acl", "jwt"));
    }

    @Test
    void infoRecognisesTheSandbox() {
        kong.stubFor(get(urlEqualTo("/")).willReturn(okJson("""
                {"version": "3.9.1", "hostname": "laptop", "tagline": "Welcome to kong",
                 "plugins": {"available_on_server": {}}, "configuration": {"database": "off", "kongsync_sandbox": true}}""")));
        assertThat(client.info().block().sandbox()).isTrue();

        kong.stubFor(get(urlEqualTo("/")).willReturn(okJson("""
                {"version": "3.9.1", "hostname": "kongsync-sandbox", "configuration": {"database": "postgres"}}""")));
        KongInfo byHostname = client.info().block();
        assertThat(byHostname.sandbox()).isTrue();
        assertThat(byHostname.availablePlugins()).isEmpty();
    }

    @Test
    void postConfigLoadsAndReportsTheLoadedEntities() {
        kong.stubFor(post(urlEqualTo("/config?check_hash=1&flatten_errors=1")).willReturn(status(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"services\": {\"" + SERVICE_ID + "\": {\"name\": \"svc\"}}}")));
        String yaml = "_format_version: \"3.0\"\nservices:\n- name: svc\n  url: http://example.com\n";

        ConfigResult result = client.postConfig(yaml, true).block();

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.unchanged()).isFalse();
        assertThat(result.body()).containsKey("services");
        kong.verify(postRequestedFor(urlEqualTo("/config?check_hash=1&flatten_errors=1"))
                .withRequestBody(equalToJson("{\"config\": " + jsonString(yaml) + "}")));
    }

    @Test
    void postConfigOfTheRunningConfigurationIsUnchanged() {
        kong.stubFor(post(urlEqualTo("/config?check_hash=1&flatten_errors=1")).willReturn(status(304)));

        ConfigResult result = client.postConfig("_format_version: \"3.0\"\n", true).block();

        assertThat(result.status()).isEqualTo(304);
        assertThat(result.unchanged()).isTrue();
        assertThat(result.body()).isEmpty();
    }

    @Test
    void postConfigWithoutHashCheckOmitsIt() {
        kong.stubFor(post(urlEqualTo("/config?flatten_errors=1")).willReturn(status(201).withBody("{}")));

        assertThat(client.postConfig("_format_version: \"3.0\"\n", false).block().status()).isEqualTo(201);
    }

    @Test
    void postConfigRejectedCarriesFlattenedErrors() {
        kong.stubFor(post(urlPathEqualTo("/config")).willReturn(status(400).withHeader("Content-Type",
                "application/json").withBody("""
                {"code": 14, "name": "invalid declarative configuration",
                 "message": "declarative config is invalid: {}",
                 "fields": {"_unknown": "unknown field"},
                 "flattened_errors": [
                   {"entity_type": "service", "entity_name": "svc", "entity": {"name": "svc"},
                    "errors": [{"type": "field", "field": "host", "message": "required field missing"}]}
                 ]}""")));

        StepVerifier.create(client.postConfig("_format_version: \"3.0\"\n", true))
                .expectErrorSatisfies(e -> {
                    KongApiException api = (KongApiException) e;
                    assertThat(api.status()).isEqualTo(400);
                    assertThat(api.error().code()).isEqualTo(14);
                    assertThat(api.error().fields()).containsEntry("_unknown", "unknown field");
                    assertThat(api.flattenedErrors()).singleElement().satisfies(entity -> {
                        assertThat(entity).containsEntry("entity_type", "service").containsEntry("entity_name", "svc");
                        assertThat(entity.get("errors")).isEqualTo(List.of(
                                Map.of("type", "field", "field", "host", "message", "required field missing")));
                    });
                    assertThat(api.getMessage()).isEqualTo("POST /config?check_hash=1&flatten_errors=1: "
                            + "400 invalid declarative configuration: declarative config is invalid: {}");
                })
                .verify();
        kong.verify(1, postRequestedFor(urlPathEqualTo("/config")));
    }

    @Test
    void validatePluginIsEmptyWhenValidAndTheErrorWhenNot() {
        kong.stubFor(post(urlEqualTo("/schemas/plugins/validate"))
                .withRequestBody(equalToJson("{\"name\": \"cors\"}"))
                .willReturn(okJson("{\"message\": \"schema validation successful\"}")));
        kong.stubFor(post(urlEqualTo("/schemas/plugins/validate"))
                .withRequestBody(equalToJson("{\"name\": \"rate-limiting\"}"))
                .willReturn(status(400).withBody("""
                        {"code": 2, "name": "schema violation",
                         "message": "schema violation (config: at least one of these fields must be non-empty: 'config.second', 'config.minute')",
                         "fields": {"@entity": ["at least one of these fields must be non-empty: 'config.second', 'config.minute'"]}}""")));

        StepVerifier.create(client.validatePlugin(Map.of("name", "cors"))).verifyComplete();
        StepVerifier.create(client.validatePlugin(Map.of("name", "rate-limiting")))
                .assertNext(error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo(2);
                    assertThat(error.fields()).containsKey("@entity");
                })
                .verifyComplete();
    }

    @Test
    void pluginSchemaIsEmptyForAnUnknownPlugin() {
        kong.stubFor(get(urlEqualTo("/schemas/plugins/cors")).willReturn(okJson("""
                {"fields": [{"config": {"type": "record", "fields": []}}]}""")));
        kong.stubFor(get(urlEqualTo("/schemas/plugins/nope")).willReturn(status(404)
                .withBody("{\"message\": \"No plugin named 'nope'\"}")));

        assertThat(client.pluginSchema("cors").block()).containsKey("fields");
        StepVerifier.create(client.pluginSchema("nope")).verifyComplete();
    }

    @Test
    void anAdminUrlWithAPathPrefixKeepsIt() {
        kong.stubFor(get(urlEqualTo("/admin/status")).willReturn(okJson("{}")));

        try (KongClient prefixed = KongClient.create(KongSettings.of(URI.create(kong.baseUrl() + "/admin/")))) {
            assertThat(prefixed.status().block()).isEmpty();
        }
        kong.verify(getRequestedFor(urlEqualTo("/admin/status")));
    }

    @Test
    void aPathThatIsNotEncodedFailsAsASignalWithoutARequest() {
        StepVerifier.create(client.get("/services/my service"))
                .expectError(IllegalArgumentException.class)
                .verify();
        StepVerifier.create(client.get("services"))
                .expectError(IllegalArgumentException.class)
                .verify();
        assertThat(client.requestCount()).isZero();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KongClientTest.class.getResourceAsStream("/kong/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
