package io.kongsync.api;

import io.kongsync.cli.KongsyncProcess;
import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.cli.SecretProbeFiles.INVALID;
import static io.kongsync.cli.SecretProbeFiles.SECRET;
import static io.kongsync.cli.SecretProbeFiles.VALID;
import static io.kongsync.api.ServiceFixture.json;
import static io.kongsync.api.ServiceFixture.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve with a value substituted from {@code ${{ env "DECK_SECRET" }}}: invalid files quoting it, then Kong refusing
 * it. The value never reaches the history, the API (every format, the plan's 422) or the logs at DEBUG, and the
 * problems name files as they are in the repository, not where the service checked them out. kongsync runs in a JVM
 * of its own, with the value in its environment.
 */
class SubstitutedSecretsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @Test
    void neitherTheValueNorTheServersPathsAppearAnywhere() throws Exception {
        Path dataDir = root.resolve("data");
        List<String> seen = new ArrayList<>();
        try (TestRepo repo = TestRepo.create(root.resolve("repo"));
             Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            repo.commit("invalid", "routes/a.yaml", INVALID);
            new AdminClient(sandbox.url()).post("/consumers", Map.of("username", "squatter", "custom_id", SECRET));
            int port = freePort();
            URI api = URI.create("http://127.0.0.1:" + port);
            try (KongsyncProcess serve = KongsyncProcess.start(Map.of("DECK_SECRET", SECRET), List.of(), "serve",
                    "--server.port=" + port, "--management.server.port=" + freePort(),
                    "--kongsync.git.uri=" + repo.uri(), "--kongsync.kong.admin-url=" + sandbox.url(),
                    "--kongsync.data-dir=" + dataDir, "--kongsync.api.token=" + TOKEN,
                    "--kongsync.drift.interval=0s", "--logging.level.root=DEBUG")) {
                Map<String, Object> invalid = awaitSync(api, serve, 0, s -> !"queued".equals(s.get("state"))
                        && !"running".equals(s.get("state")));
                assertThat(invalid).containsEntry("state", "failed");
                assertThat(invalid.get("problems").toString())
                        .contains("routes/a.yaml:8:13: services[0].routes[0].paths[0]: invalid regex: '/(sensitive)('");
                seen.addAll(everyView(api, invalid.get("id")));
                HttpResponse<String> plan = get(api, "/api/v1/plan");
                assertThat(plan.statusCode()).isEqualTo(422);
                assertThat(plan.body()).contains("routes/a.yaml:4:5");
                seen.add(plan.body());

                repo.commit("valid", "routes/a.yaml", VALID);
                String location = post(api, "/api/v1/syncs").headers().firstValue("Location").orElseThrow();
                Map<String, Object> refused = awaitSync(api, serve, 1, s -> "failed".equals(s.get("state"))
                        || "succeeded".equals(s.get("state")));
                assertThat(location).endsWith((String) refused.get("id"));
                assertThat(refused).containsEntry("state", "failed");
                assertThat(refused.toString()).contains("UNIQUE violation").contains("routes/a.yaml:16:5");
                seen.addAll(everyView(api, refused.get("id")));
                for (String format : List.of("text", "json", "markdown")) {
                    seen.add(get(api, "/api/v1/plan?format=" + format).body());
                }
                seen.add(get(api, "/api/v1/syncs").body());
                seen.add(get(api, "/api/v1/status").body());
                String messages = String.join("\n", seen);
                assertThat(messages).as("the API").doesNotContain(dataDir.toString());
                seen.add(serve.output());
            }
        }
        String history = historyFiles(dataDir);
        assertThat(history).contains("invalid regex").contains("UNIQUE violation")
                .doesNotContain(dataDir.toString());
        seen.add(history);
        assertThat(seen.get(seen.size() - 2)).as("DEBUG logs were captured").contains("DEBUG");
        assertThat(String.join("\n", seen)).contains("(sensitive)").doesNotContainIgnoringCase(SECRET);
    }

    private static List<String> everyView(URI api, Object id) {
        List<String> views = new ArrayList<>();
        for (String format : List.of("", "?format=text", "?format=json", "?format=markdown")) {
            views.add(get(api, "/api/v1/syncs/" + id + format).body());
        }
        return views;
    }

    /** The {@code index}-th sync (0: the first) once {@code done} holds; waits for the service to start, too. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitSync(URI api, KongsyncProcess serve, int index,
                                                 Predicate<Map<String, Object>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> list = get(api, "/api/v1/syncs?size=100");
                List<Map<String, Object>> items = (List<Map<String, Object>>) json(list.body()).get("items");
                if (items.size() > index) {
                    Map<String, Object> sync = json(get(api, "/api/v1/syncs/"
                            + items.get(items.size() - 1 - index).get("id")).body());
                    if (done.test(sync)) {
                        return sync;
                    }
                }
            } catch (UncheckedIOException notListeningYet) {
                // the service is still starting
            }
            sleep(200);
        }
        throw new AssertionError("gave up waiting for sync " + index + "; kongsync said:\n" + serve.output());
    }

    private static String historyFiles(Path dataDir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !dataDir.relativize(f).startsWith("git"))
                    .toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static HttpResponse<String> get(URI api, String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    private static HttpResponse<String> post(URI api, String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
