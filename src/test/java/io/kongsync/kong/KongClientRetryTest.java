package io.kongsync.kong;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class KongClientRetryTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(2), Duration.ofMillis(10), 0.5);

    @RegisterExtension
    static WireMockExtension kong = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private KongClient client;

    @BeforeEach
    void connect() {
        client = KongClient.create(KongSettings.of(URI.create(kong.baseUrl()))
                .withRetry(QUICK).withReadTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** The first answer to {@code url} is {@code first}, every later one is 200 {@code {"ok": true}}. */
    private static void firstThenOk(String method, String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        var mapping = switch (method) {
            case "GET" -> get(urlEqualTo(url));
            case "PUT" -> put(urlEqualTo(url));
            default -> post(urlEqualTo(url));
        };
        var again = switch (method) {
            case "GET" -> get(urlEqualTo(url));
            case "PUT" -> put(urlEqualTo(url));
            default -> post(urlEqualTo(url));
        };
        kong.stubFor(mapping.inScenario(url).whenScenarioStateIs(Scenario.STARTED).willReturn(first)
                .willSetStateTo("answered"));
        kong.stubFor(again.inScenario(url).whenScenarioStateIs("answered").willReturn(okJson("{\"ok\": true}")));
    }

    @Test
    void retriesA500ThenSucceeds() {
        firstThenOk("GET", "/services/a", status(500).withBody("{\"message\":\"An unexpected error occurred\"}"));

        assertThat(client.get("/services/a").block()).containsEntry("ok", true);
        kong.verify(2, getRequestedFor(urlEqualTo("/services/a")));
        assertThat(client.requestCount()).isEqualTo(2);
    }

    @Test
    void anObserverHearsEveryAttempt() {
        firstThenOk("PUT", "/services/observed", status(503).withBody("{\"message\":\"busy\"}"));
        List<String> heard = new CopyOnWriteArrayList<>();
        try (KongClient observed = KongClient.create(KongSettings.of(URI.create(kong.baseUrl())).withRetry(QUICK),
                (method, status) -> heard.add(method + " " + status))) {
            StepVerifier.create(observed.write("PUT", "/services/observed", Map.of("host", "h"))).verifyComplete();
        }
        assertThat(heard).containsExactly("PUT 503", "PUT 200");
    }

    @Test
    void retriesA429AfterItsRetryAfter() {
        firstThenOk("PUT", "/services/b", status(429).withHeader("Retry-After", "1")
                .withBody("{\"message\":\"Currently loading previous configuration\"}"));

        assertThat(client.put("/services/b", Map.of("name", "b")).block()).containsEntry("ok", true);
        kong.verify(2, putRequestedFor(urlEqualTo("/services/b")));
    }

    @Test
    void retriesAfterAConnectionReset() {
        firstThenOk("GET", "/routes/c", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(client.get("/routes/c").block()).containsEntry("ok", true);
        kong.verify(2, getRequestedFor(urlEqualTo("/routes/c")));
    }

    @Test
    void retriesAnAnswerSlowerThanTheReadTimeout() {
        firstThenOk("GET", "/status", okJson("{\"slow\": true}").withFixedDelay(1500));

        assertThat(client.status().block()).containsEntry("ok", true);
        kong.verify(2, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void neverRetriesA400OrA409() {
        kong.stubFor(put(urlEqualTo("/services/d")).willReturn(status(400).withBody("""
                {"code": 2, "name": "schema violation", "message": "schema violation (host: required field missing)"}""")));
        kong.stubFor(post(urlEqualTo("/consumers")).willReturn(status(409).withBody("""
                {"code": 5, "name": "unique constraint violation", "message": "UNIQUE violation detected on '{username=\\"bob\\"}'"}""")));

        StepVerifier.create(client.put("/services/d", Map.of()))
                .expectErrorSatisfies(e -> assertThat(((KongException) e).attempts()).isEqualTo(1))
                .verify();
        StepVerifier.create(client.post("/consumers", Map.of("username", "bob")))
                .expectErrorSatisfies(e -> assertThat(((KongException) e).isRetryable()).isFalse())
                .verify();
        kong.verify(1, putRequestedFor(urlEqualTo("/services/d")));
        kong.verify(1, postRequestedFor(urlEqualTo("/consumers")));
    }

    @Test
    void givesUpAfterTheLastAttemptAndSaysHowManyWereMade() {
        kong.stubFor(get(urlEqualTo("/upstreams/e")).willReturn(status(503)
                .withBody("{\"message\":\"Kong currently exiting\"}")));

        StepVerifier.create(client.get("/upstreams/e"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(KongApiException.class)
                            .hasMessage("GET /upstreams/e: 503 Kong currently exiting (after 3 attempts)");
                    assertThat(((KongException) e).attempts()).isEqualTo(3);
                    assertThat(((KongException) e).isRetryable()).isTrue();
                })
                .verify();
        kong.verify(3, getRequestedFor(urlEqualTo("/upstreams/e")));
    }

    @Test
    void retriesARefusedConnectionUntilTheAttemptsRunOut() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KongClient nobodyListening = KongClient.create(
                KongSettings.of(URI.create("http://127.0.0.1:" + closedPort)).withRetry(QUICK))) {
            StepVerifier.create(nobodyListening.post("/services", Map.of("name", "x")))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOfSatisfying(KongConnectionException.class, c -> {
                            assertThat(c.attempts()).isEqualTo(3);
                            assertThat(c.beforeSend()).isTrue();
                            assertThat(c.isRetryable()).isTrue();
                        });
                        assertThat(e.getMessage()).startsWith("POST /services: cannot connect").endsWith("(after 3 attempts)");
                    })
                    .verify();
            assertThat(nobodyListening.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void aPlainPostIsNotRepeatedOnceKongMayHaveReceivedIt() {
        firstThenOk("POST", "/upstreams/u/targets", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        firstThenOk("POST", "/services", status(500).withBody("{\"message\":\"An unexpected error occurred\"}"));

        StepVerifier.create(client.post("/upstreams/u/targets", Map.of("target", "a:80")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(KongConnectionException.class, c -> {
                    assertThat(c.attempts()).isEqualTo(1);
                    assertThat(c.beforeSend()).isFalse();
                    assertThat(c.isRetryable()).isFalse();
                }))
                .verify();
        StepVerifier.create(client.post("/services", Map.of("name", "s")))
                .expectErrorSatisfies(e -> assertThat(((KongApiException) e).status()).isEqualTo(500))
                .verify();
        kong.verify(1, postRequestedFor(urlEqualTo("/upstreams/u/targets")));
        kong.verify(1, postRequestedFor(urlEqualTo("/services")));
    }

    @Test
    void aPlainPostIsRepeatedWhenKongRefusedItWith503() {
        firstThenOk("POST", "/consumers", status(503).withBody("{\"message\":\"Kong currently exiting\"}"));

        assertThat(client.post("/consumers", Map.of("username", "u")).block()).containsEntry("ok", true);
        kong.verify(2, postRequestedFor(urlEqualTo("/consumers")));
    }

    @Test
    void aRepeatablePostThatMeetsItsOwnEarlierSuccessSaysSo() {
        String targets = "/upstreams/u/targets";
        kong.stubFor(post(urlEqualTo(targets)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        kong.stubFor(post(urlEqualTo(targets)).inScenario("lost").whenScenarioStateIs("created")
                .willReturn(status(409).withBody("""
                        {"code": 5, "name": "unique constraint violation",
                         "message": "UNIQUE violation detected on '{id=\\"0b7a\\"}'", "fields": {"id": "0b7a"}}""")));

        StepVerifier.create(client.postRepeatable(targets, Map.of("id", "0b7a", "target", "a:80")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(KongApiException.class, api -> {
                    assertThat(api.status()).isEqualTo(409);
                    assertThat(api.attempts()).isEqualTo(2);
                    assertThat(api.isConflictOnRepeat()).isTrue();
                }))
                .verify();
        kong.verify(2, postRequestedFor(urlEqualTo(targets)));
    }

    @Test
    void postConfigIsRepeatedAfterALoadInProgress() {
        firstThenOk("POST", "/config?flatten_errors=1", status(429).withHeader("Retry-After", "0")
                .withBody("{\"message\":\"Currently loading previous configuration\"}"));

        assertThat(client.postConfig("_format_version: \"3.0\"\n", false).block().status()).isEqualTo(200);
        kong.verify(2, postRequestedFor(urlEqualTo("/config?flatten_errors=1")));
    }

    @Test
    void noRetryPolicyMakesOneAttempt() {
        kong.stubFor(get(urlEqualTo("/services/f")).willReturn(status(500)));
        try (KongClient once = KongClient.create(KongSettings.of(URI.create(kong.baseUrl()))
                .withRetry(RetryPolicy.none()))) {
            StepVerifier.create(once.get("/services/f"))
                    .expectErrorSatisfies(e -> assertThat(((KongException) e).attempts()).isEqualTo(1))
                    .verify();
        }
        kong.verify(1, getRequestedFor(urlEqualTo("/services/f")));
    }
}
