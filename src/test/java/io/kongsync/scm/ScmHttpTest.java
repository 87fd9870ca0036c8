package io.kongsync.scm;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScmHttpTest extends ScmWireMock {

    private static final Instant NOW = Instant.parse("2026-03-04T09:00:00Z");
    private static final String TOKEN = "ghp_secretTokenThatMustNeverShow";

    private final List<Duration> waits = new ArrayList<>();

    private ScmHttp http(int attempts, Duration requestTimeout) {
        return new ScmHttp(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), requestTimeout,
                new ScmSettings.Retry(attempts, Duration.ofMillis(500), Duration.ofSeconds(30)), waits::add,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ScmHttp.Answer call(ScmHttp http, String path) throws ScmCallFailed {
        return http.send("GitHub", "GET", base(path), Map.of("Authorization", "Bearer " + TOKEN), null,
                List.of(TOKEN));
    }

    private void stubThen(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("then"));
        server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("then")
                .willReturn(okJson("{\"ok\":true}")));
    }

    @Test
    void retryAfterInSecondsIsHonoured() throws ScmCallFailed {
        stubThen("/limited", answer(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7"));

        ScmHttp.Answer answer = call(http(3, Duration.ofSeconds(5)), "/limited");

        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsADateIsHonouredAndEveryWaitIsCapped() throws ScmCallFailed {
        String inTwelveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.ofInstant(NOW.plusSeconds(12), ZoneOffset.UTC));
        stubThen("/date", answer(503, "{}").withHeader("Retry-After", inTwelveSeconds));
        stubThen("/long", answer(403, "{\"message\":\"You have exceeded a secondary rate limit\"}")
                .withHeader("Retry-After", "3600"));

        call(http(3, Duration.ofSeconds(5)), "/date");
        call(http(3, Duration.ofSeconds(5)), "/long");

        assertThat(waits).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(30));
    }

    @Test
    void anExhaustedRateLimitWaitsForItsReset() throws ScmCallFailed {
        stubThen("/reset", answer(403, "{\"message\":\"API rate limit exceeded\"}")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", String.valueOf(NOW.plusSeconds(20).getEpochSecond())));

        call(http(3, Duration.ofSeconds(5)), "/reset");

        assertThat(waits).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void withoutAHintTheBackoffDoublesThenTheCallFails() {
        server.stubFor(get(urlEqualTo("/down")).willReturn(answer(502, "<html>Bad gateway</html>")
                .withHeader("Content-Type", "text/html")));

        assertThatThrownBy(() -> call(http(3, Duration.ofSeconds(5)), "/down"))
                .isInstanceOf(ScmCallFailed.class)
                .hasMessage("GitHub answered 502 to GET /down after 3 tries: no error message");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aClientErrorIsNotTriedAgainAndItsMessageNeverShowsTheToken() {
        server.stubFor(get(urlEqualTo("/repos/x/y")).willReturn(answer(404,
                "{\"message\":\"Not Found for token " + TOKEN + "\",\"documentation_url\":\"https://docs.github.com\"}")));

        assertThatThrownBy(() -> call(http(3, Duration.ofSeconds(5)), "/repos/x/y"))
                .isInstanceOf(ScmCallFailed.class)
                .hasMessage("GitHub answered 404 to GET /repos/x/y: Not Found for token (sensitive)")
                .satisfies(e -> assertThat(((ScmCallFailed) e).status()).isEqualTo(404));
        assertThat(waits).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aValidationErrorNamesWhatGitHubRefused() {
        server.stubFor(get(urlEqualTo("/long")).willReturn(answer(422, "{\"message\":\"Validation Failed\","
                + "\"errors\":[{\"resource\":\"IssueComment\",\"code\":\"unprocessable\",\"field\":\"data\","
                + "\"message\":\"Body is too long (maximum is 65536 characters)\"}],"
                + "\"documentation_url\":\"https://docs.github.com/rest/issues/comments#create-an-issue-comment\"}")));

        assertThatThrownBy(() -> call(http(3, Duration.ofSeconds(5)), "/long"))
                .hasMessage("GitHub answered 422 to GET /long: Validation Failed; "
                        + "Body is too long (maximum is 65536 characters)");
    }

    @Test
    void aLongMessageIsCutToOneShortLine() {
        server.stubFor(get(urlEqualTo("/chatty")).willReturn(answer(400,
                "{\"message\":\"first line\\nsecond line " + "x".repeat(500) + "\"}")));

        assertThatThrownBy(() -> call(http(1, Duration.ofSeconds(5)), "/chatty"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .contains("first line second line xxx").endsWith("…")
                        .hasSizeLessThan(260));
    }

    @Test
    void noAnswerIsTriedAgainThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ScmHttp http = http(2, Duration.ofSeconds(2));

        assertThatThrownBy(() -> http.send("GitLab", "POST", URI.create("http://127.0.0.1:" + closedPort + "/api/v4/x"),
                Map.of("PRIVATE-TOKEN", TOKEN), Map.of("body", "b"), List.of(TOKEN)))
                .isInstanceOf(ScmCallFailed.class)
                .hasMessageStartingWith("GitLab did not answer POST /api/v4/x after 2 tries: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThat(waits).hasSize(1);
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

        assertThatThrownBy(() -> call(http(1, Duration.ofMillis(200)), "/slow"))
                .hasMessageStartingWith("GitHub did not answer GET /slow: ")
                .hasMessageContaining("timed out");
    }
}
