package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API under /api/v1 over real HTTP, against a service syncing a routes directory into the sandbox. */
class RestApiTest {

    @TempDir
    static Path root;
    static ServiceFixture fixture;
    static RunningService service;

    @BeforeAll
    static void start() {
        fixture = new ServiceFixture(root);
        service = RunningService.start(fixture.settings());
        Map<String, Object> history = json(service.get("/api/v1/syncs", TOKEN).body());
        @SuppressWarnings("unchecked")
        String first = (String) ((Map<String, Object>) ((List<?>) history.get("items")).get(0)).get("id");
        assertThat(awaitFinished(service, "/api/v1/syncs/" + first)).containsEntry("state", "succeeded")
                .containsEntry("trigger", "start");
    }

    @AfterAll
    static void stop() {
        service.close();
        fixture.close();
    }

    static final List<String[]> ENDPOINTS = List.of(
            new String[]{"GET", "/api/v1/status"},
            new String[]{"GET", "/api/v1/syncs"},
            new String[]{"GET", "/api/v1/syncs/nope"},
            new String[]{"GET", "/api/v1/plan"},
            new String[]{"POST", "/api/v1/syncs"});

    @Test
    void everyEndpointAnswers401ProblemWithoutTheTokenOrWithAWrongOne() {
        for (String[] endpoint : ENDPOINTS) {
            for (String token : new String[]{null, "wrong", TOKEN + "x", ""}) {
                RunningService.Reply reply = service.call(endpoint[0], endpoint[1], token,
                        endpoint[0].equals("POST") ? "{\"dryRun\":true}" : null);
                assertThat(reply.status()).as(endpoint[0] + " " + endpoint[1] + " token=" + token).isEqualTo(401);
                assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(json(reply.body())).containsEntry("status", 401).containsEntry("title", "Unauthorized")
                        .containsEntry("instance", endpoint[1]);
            }
        }
    }

    @Test
    void everyEndpointAnswersWithTheToken() {
        assertThat(service.get("/api/v1/status", TOKEN).status()).isEqualTo(200);
        assertThat(service.get("/api/v1/syncs", TOKEN).status()).isEqualTo(200);
        assertThat(service.get("/api/v1/plan", TOKEN).status()).isEqualTo(200);
        RunningService.Reply posted = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}");
        assertThat(posted.status()).isEqualTo(202);
        assertThat(service.get(posted.header("Location"), TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aSyncIsAcceptedWithItsLocationAndRecordsEveryOperation() {
        fixture.admin.patch("/routes/nyan", Map.of("hosts", List.of("changed.example.com")));

        RunningService.Reply posted = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\": false}");

        assertThat(posted.status()).isEqualTo(202);
        String location = posted.header("Location");
        assertThat(location).matches("/api/v1/syncs/[0-9a-z]+-[0-9a-f]{6}");
        Map<String, Object> accepted = json(posted.body());
        assertThat(accepted).containsEntry("trigger", "api").containsEntry("dryRun", false);
        assertThat(accepted.get("state")).isIn("queued", "running");
        Map<String, Object> done = awaitFinished(service, location);
        assertThat(done).containsEntry("state", "succeeded").containsEntry("kongMatches", true)
                .containsEntry("plan", Map.of("create", 0, "update", 1, "delete", 0, "conflicts", 0));
        assertThat(done.get("operations")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("operation", "update route nyan").containsEntry("status", "applied");
        assertThat(done.get("startedAt")).isNotNull();
        assertThat(((Number) done.get("durationMillis")).longValue()).isNotNegative();
        assertThat(fixture.admin.get("/routes/nyan").json().get("hosts")).isEqualTo(List.of("nyan.mydomain.com"));
    }

    @Test
    void aSyncsReportComesInEachFormat() {
        String location = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}").header("Location");
        awaitFinished(service, location);

        RunningService.Reply text = service.get(location + "?format=text", TOKEN);
        RunningService.Reply markdown = service.get(location + "?format=markdown", TOKEN);
        RunningService.Reply jsonReport = service.get(location + "?format=json", TOKEN);

        assertThat(text.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(text.body()).contains("No changes");
        assertThat(markdown.header("Content-Type")).isEqualTo("text/markdown;charset=UTF-8");
        assertThat(markdown.body()).contains("No changes");
        assertThat(jsonReport.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(jsonReport.body())).containsKey("summary");
        RunningService.Reply wrong = service.get(location + "?format=yaml", TOKEN);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(json(wrong.body()).get("detail").toString()).contains("text, json, markdown");
    }

    @Test
    void aDryRunPlansTheDriftAndChangesNothing() {
        fixture.admin.patch("/plugins/" + pluginId(), Map.of("config", Map.of("minute", 5)));

        String location = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}").header("Location");
        Map<String, Object> done = awaitFinished(service, location);

        assertThat(done).containsEntry("state", "succeeded").containsEntry("dryRun", true)
                .containsEntry("plan", Map.of("create", 0, "update", 1, "delete", 0, "conflicts", 0));
        assertThat(service.get(location + "?format=text", TOKEN).body()).contains("config.minute: 5 -> 600");
        assertThat(fixture.admin.get("/plugins/" + pluginId()).json().get("config"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("minute", 5);
        RunningService.Reply plan = service.get("/api/v1/plan?format=markdown", TOKEN);
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body()).contains("minute").contains("600");

        awaitFinished(service, service.call("POST", "/api/v1/syncs", TOKEN, "{}").header("Location"));
    }

    private static String pluginId() {
        return (String) fixture.admin.get("/plugins").data().get(0).get("id");
    }

    @Test
    void theHistoryIsNewestFirstAndPaged() {
        for (int i = 0; i < 3; i++) {
            awaitFinished(service, service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}")
                    .header("Location"));
        }
        Map<String, Object> first = json(service.get("/api/v1/syncs?size=2", TOKEN).body());
        Map<String, Object> second = json(service.get("/api/v1/syncs?page=1&size=2", TOKEN).body());

        List<Map<String, Object>> items = items(first);
        assertThat(items).hasSize(2);
        assertThat(first.get("next")).isEqualTo("/api/v1/syncs?page=1&size=2");
        assertThat(((Number) first.get("total")).intValue()).isGreaterThanOrEqualTo(4);
        String newest = (String) items.get(0).get("queuedAt");
        String older = (String) items.get(1).get("queuedAt");
        assertThat(newest).isGreaterThanOrEqualTo(older);
        assertThat(items(second).get(0).get("queuedAt").toString()).isLessThanOrEqualTo(older);
        assertThat(items.get(0)).doesNotContainKeys("report", "operations");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void errorsAreProblemJson() {
        assertProblem(service.get("/api/v1/syncs/doesnotexist", TOKEN), 404, "no sync doesnotexist");
        assertProblem(service.get("/api/v1/syncs?size=1000", TOKEN), 400, "size between 1 and 100");
        assertProblem(service.get("/api/v1/plan?format=html", TOKEN), 400, "unknown report format");
        assertProblem(service.call("POST", "/api/v1/syncs", TOKEN, "{not json"), 400, null);
        assertProblem(service.call("POST", "/api/v1/syncs", TOKEN, "{\"ref\":\"main; rm -rf /\"}"), 400,
                "ref must be a branch, tag or commit id");
        assertProblem(service.call("DELETE", "/api/v1/syncs", TOKEN, null), 405, null);
        assertProblem(service.get("/api/v1/no-such-thing", TOKEN), 404, null);
    }

    static void assertProblem(RunningService.Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        Map<String, Object> problem = json(reply.body());
        assertThat(problem).containsEntry("status", status).containsKey("title");
        if (detail != null) {
            assertThat(problem.get("detail").toString()).contains(detail);
        }
    }

    @Test
    void statusShowsTheNodesTheSourceTheLastSyncAndTheDrift() {
        Map<String, Object> status = json(service.get("/api/v1/status", TOKEN).body());

        assertThat(status.get("gateway")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("sandbox", false).containsEntry("reachable", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> node = ((List<Map<String, Object>>) ((Map<String, Object>) status.get("gateway"))
                .get("nodes")).get(0);
        assertThat(node).containsEntry("adminUrl", fixture.sandbox.url().toString())
                .containsEntry("version", "3.9.1").containsEntry("mode", "database").containsEntry("sandbox", true);
        assertThat(status.get("source")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("kind", "directory");
        assertThat(status.get("lastSync")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("id", "state", "finishedAt");
        assertThat(status.get("drift")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("autoCorrect", false).containsKey("last");
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        RunningService.Reply docs = service.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        Map<String, Object> openapi = json(docs.body());
        assertThat(openapi.get("paths")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("/api/v1/syncs", "/api/v1/syncs/{id}", "/api/v1/plan", "/api/v1/status");
    }
}
