package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** What an attacker who reaches the API port tries: other spellings of protected paths, hostile refs, huge pages. */
class ApiHardeningTest {

    @TempDir
    static Path root;
    static ServiceFixture fixture;
    static RunningService service;

    @BeforeAll
    static void start() {
        fixture = new ServiceFixture(root);
        service = ServiceFixture.idle(RunningService.start(fixture.settings()));
    }

    @AfterAll
    static void stop() {
        service.close();
        fixture.close();
    }

    /** What {@code curl --path-as-is} sends: the request line exactly as given, no normalisation. */
    static int rawStatus(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = method.equals("POST") ? "{\"dryRun\":false}" : "";
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n") + "\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void everySpellingOfAProtectedPathNeedsTheToken() throws IOException {
        String id = (String) ((Map<?, ?>) ((List<?>) json(service.get("/api/v1/syncs", TOKEN).body())
                .get("items")).get(0)).get("id");
        int historyBefore = total();
        List<String> spellings = List.of("/api/v1;/status", "/api/v1;x=1/status", "/api;/v1/status",
                "/api/v1/status;", "/api/v1/./status", "/api/v1//status", "//api/v1/status", "/api//v1/status",
                "/./api/v1/status", "/api/v1%2fstatus", "/api%2Fv1%2Fstatus", "/api/v1%3b/status",
                "/api/v1/webhooks/../status", "/api/v1/webhooks/..;/status", "/api/v1/webhooks/%2e%2e/status",
                "/api/v1/webhooks;/../status", "/API/v1/status", "/api/v1;/syncs", "/api/v1;/syncs/" + id,
                "/api/v1;/plan", "/api/v1/syncs;/" + id, "/api/%761/status");
        List<String> open = new ArrayList<>();
        for (String path : spellings) {
            int status = rawStatus("GET", path);
            if (status != 401) {
                open.add("GET " + path + " -> " + status);
            }
        }
        for (String path : List.of("/api/v1;/syncs", "/api/v1/syncs;", "/api//v1/syncs", "/api/v1/./syncs")) {
            int status = rawStatus("POST", path);
            if (status != 401) {
                open.add("POST " + path + " -> " + status);
            }
        }
        assertThat(open).isEmpty();
        assertThat(total()).as("no sync was started").isEqualTo(historyBefore);
        assertThat(rawStatus("GET", "/api/v1/status")).isEqualTo(401);
    }

    private static int total() {
        return ((Number) json(service.get("/api/v1/syncs", TOKEN).body()).get("total")).intValue();
    }

    @Test
    void aPageFarBeyondTheHistoryIsEmptyNotAnError() {
        RunningService.Reply reply = service.get("/api/v1/syncs?page=2147483647&size=100", TOKEN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply.body())).containsEntry("items", List.of()).containsEntry("next", null);
    }

    @Test
    void everyRefIsCheckedBeforeGitIsTouched() {
        for (String ref : List.of("HEAD~1", "main^", "main@{1}", "../../etc", "a..b", "-main", "x.lock", "a b",
                "a".repeat(256))) {
            RunningService.Reply plan = service.get("/api/v1/plan?ref="
                    + java.net.URLEncoder.encode(ref, StandardCharsets.UTF_8), TOKEN);
            assertThat(plan.status()).as("GET /plan?ref=" + ref).isEqualTo(400);
            assertThat(json(plan.body()).get("detail").toString()).contains("ref must be");
        }
        RunningService.Reply posted = service.call("POST", "/api/v1/syncs", TOKEN, "{\"ref\":\"HEAD~1\"}");
        assertThat(posted.status()).isEqualTo(400);
        assertThat(service.get("/api/v1/plan?ref=", TOKEN).status()).as("a blank ref is the branch's head, as in POST")
                .isEqualTo(200);
    }

    @Test
    void aFailedSyncHasItsReportInEveryFormat() {
        try {
            fixture.writeRoutes("_format_version: \"3.0\"\nservices:\n  - name: nyan\n    host: nyan.ecs.local\n"
                    + "    port: 99999\n");
            RunningService.Reply posted = service.call("POST", "/api/v1/syncs", TOKEN, "{}");
            Map<String, Object> done = awaitFinished(service, posted.header("Location"));
            assertThat(done).containsEntry("state", "failed");

            RunningService.Reply text = service.get(posted.header("Location") + "?format=text", TOKEN);
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.body()).contains("nyan.yaml:5:").contains("port").contains("Sync failed");
            RunningService.Reply jsonReport = service.get(posted.header("Location") + "?format=json", TOKEN);
            assertThat(json(jsonReport.body())).containsEntry("result", "failed");
            assertThat(service.get(posted.header("Location") + "?format=markdown", TOKEN).body())
                    .contains("Sync failed");
            assertThat(done.get("report")).isNotNull();
        } finally {
            fixture.writeRoutes(ServiceFixture.ROUTES);
        }
    }

    @Test
    void healthShowsNoDetailsOnTheManagementPort() {
        RunningService.Reply health = service.getManagement("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(json(health.body())).containsOnlyKeys("status", "groups");
        assertThat(health.body()).doesNotContain(fixture.sandbox.url().toString()).doesNotContain("kong")
                .doesNotContain(fixture.dataDir.toString());
    }
}
