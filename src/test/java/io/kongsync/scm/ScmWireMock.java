package io.kongsync.scm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** WireMock standing in for a provider's API, and the settings that point kongsync at it with quick retries. */
abstract class ScmWireMock {

    static final ScmSettings.Retry QUICK_RETRIES = new ScmSettings.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20));
    static final String HEAD = "9c2f5bb3e1f4d7a8b6c0e2d4f6a8b0c2d4e6f8a0";
    static final URI REPORT = URI.create("https://kongsync.example.com/api/v1/syncs/17/report");

    WireMockServer server;

    @BeforeEach
    void startWireMock() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stopWireMock() {
        server.stop();
    }

    URI base(String path) {
        return URI.create(server.baseUrl() + path);
    }

    static ScmSettings settings() {
        return ScmSettings.defaults().withRetry(QUICK_RETRIES)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static Review success(String markdown, URI report) {
        return new Review(Review.Verdict.SUCCESS, "2 to create, 1 to update, 0 to delete", markdown, report);
    }

    static Review failure(String markdown) {
        return new Review(Review.Verdict.FAILURE, "routes/orders.yaml is invalid", markdown, null);
    }

    List<LoggedRequest> requests(String method, String pathStart) {
        List<LoggedRequest> oldestFirst = new ArrayList<>(server.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(pathStart))
                .toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** A JSON answer with the given status. */
    static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    static JsonNode json(LoggedRequest request) {
        return ScmHttp.JSON.readTree(request.getBodyAsString());
    }
}
