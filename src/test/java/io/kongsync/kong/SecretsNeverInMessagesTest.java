package io.kongsync.kong;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin token and the secrets of request bodies never reach exception messages or toString. */
class SecretsNeverInMessagesTest {

    private static final String TOKEN = "tok-3f9a7c1e5b";
    private static final String KEY = "key-8d2e6b4f0a";
    private static final String PASSWORD = "pw-1c3e5a7b9d";

    @RegisterExtension
    static WireMockExtension kong = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void settingsNeverPrintTheToken() {
        KongSettings settings = KongSettings.of(URI.create("https://kong:8444")).withAdminToken(TOKEN)
                .withCaCertificate(Path.of("ca.pem"));
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("adminToken=******").contains("kong:8444");
        assertThat(KongSettings.of(URI.create("http://kong:8001")).toString()).contains("adminToken=none");
    }

    @Test
    void failuresNeverQuoteTheTokenOrTheBody() {
        String credential = "/consumers/c/key-auth/0b7a7d3e-1111-4222-8333-944455556666";
        kong.stubFor(put(urlEqualTo(credential)).willReturn(status(409).withBody("""
                {"code": 5, "name": "unique constraint violation",
                 "message": "UNIQUE violation detected on '{key=\\"%s\\"}'", "fields": {"key": "%s"}}""".formatted(KEY, KEY))));
        kong.stubFor(post(urlEqualTo("/consumers/c/basic-auth")).willReturn(status(400).withBody("""
                {"code": 2, "name": "schema violation", "message": "schema violation (username: required field missing)",
                 "fields": {"username": "required field missing"}}""")));
        kong.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        kong.stubFor(get(urlEqualTo("/")).willReturn(okJson("{}").withFixedDelay(1000)));
        kong.stubFor(post(urlPathEqualTo("/config")).willReturn(status(500).withBody("<html>" + TOKEN + "</html>")));

        List<Throwable> failures = new ArrayList<>();
        try (KongClient client = KongClient.create(KongSettings.of(URI.create(kong.baseUrl())).withAdminToken(TOKEN)
                .withReadTimeout(Duration.ofMillis(200))
                .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 0)))) {
            client.put(credential, Map.of("key", KEY)).onErrorResume(e -> record(failures, e)).block();
            client.post("/consumers/c/basic-auth", Map.of("password", PASSWORD)).onErrorResume(e -> record(failures, e)).block();
            client.status().onErrorResume(e -> record(failures, e)).block();
            client.info().onErrorResume(e -> record(failures, e)).block();
            client.postConfig("consumers:\n- username: u\n  keyauth_credentials:\n  - key: " + KEY + "\n", true)
                    .onErrorResume(e -> record(failures, e)).block();
        }

        assertThat(failures).hasSize(5).allSatisfy(failure -> {
            String everything = describe(failure);
            assertThat(everything).doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain(PASSWORD);
        });
        KongApiException unique = (KongApiException) failures.get(0);
        assertThat(unique.getMessage()).endsWith("UNIQUE violation detected on '{key=\"(sensitive)\"}'");
        assertThat(unique.error().fields()).containsEntry("key", "(sensitive)");
    }

    private static <T> reactor.core.publisher.Mono<T> record(List<Throwable> failures, Throwable failure) {
        failures.add(failure);
        return reactor.core.publisher.Mono.empty();
    }

    /** Message, toString and error details of the failure and all its causes. */
    private static String describe(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
            if (t instanceof KongApiException api) {
                sb.append(api.error()).append('\n');
            }
        }
        return sb.toString();
    }
}
