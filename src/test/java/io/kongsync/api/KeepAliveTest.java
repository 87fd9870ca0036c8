package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers and API clients reuse connections. Reactor Netty 1.3.7 could stop reading a keep-alive connection after
 * a quick answer, so the next request on it hung (reactor/reactor-netty#4361); this holds the fix in place.
 */
class KeepAliveTest {

    @TempDir
    Path root;

    @Test
    void manyRequestsOnOneConnectionAllGetAnswers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.drift.interval", "100ms");
            try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
                for (int i = 0; i < 150; i++) {
                    String path = i % 3 == 0 ? "/api/v1/syncs" : i % 3 == 1 ? "/api/v1/status" : "/api/v1/syncs/x";
                    String token = i % 5 == 0 ? "wrong" : ServiceFixture.TOKEN;
                    HttpRequest request = HttpRequest.newBuilder(service.url().resolve(path))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("request %d: %s", i, path).isIn(200, 401, 404);
                }
            }
        }
    }
}
