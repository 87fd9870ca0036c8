package io.kongsync.api;

import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static io.kongsync.api.WebhookTest.BITBUCKET_SECRET;
import static io.kongsync.api.WebhookTest.GITHUB_SECRET;
import static io.kongsync.api.WebhookTest.GITLAB_TOKEN;
import static io.kongsync.api.WebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kongsync serve with a real bare repository laid out as a git host lays them out ({@code platform/routes.git}, forks
 * beside it, the refs the providers keep for pull requests), the sandbox as Kong, and a recording stand-in for the
 * providers' API clients; with signed pull-request events to send.
 */
abstract class PullRequestServiceTest {

    static final String PUBLIC_URL = "https://kongsync.example.com";

    @TempDir
    Path root;
    TestRepo repo;
    String mainHead;
    Sandbox sandbox;
    AdminClient admin;
    RunningService service;
    final RecordingPullRequestReviews reviews = new RecordingPullRequestReviews();

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(root.resolve("host/platform/routes.git"), root.resolve("work"));
        mainHead = repo.commit("first routes", "routes/nyan.yaml", routes("nyan.mydomain.com", false),
                "README.md", "docs");
    }

    void startService(Map<String, String> extra) {
        startService(SandboxOptions.defaults(), extra);
    }

    void startService(SandboxOptions sandboxOptions, Map<String, String> extra) {
        sandbox = Sandbox.start(sandboxOptions);
        admin = new AdminClient(sandbox.url());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kongsync.git.uri", repo.uri());
        settings.put("kongsync.kong.admin-url", sandbox.url().toString());
        settings.put("kongsync.data-dir", root.resolve("data").toString());
        settings.put("kongsync.api.token", TOKEN);
        settings.put("kongsync.webhook.github-secret", GITHUB_SECRET);
        settings.put("kongsync.webhook.gitlab-token", GITLAB_TOKEN);
        settings.put("kongsync.webhook.bitbucket-secret", BITBUCKET_SECRET);
        settings.put("kongsync.public-url", PUBLIC_URL);
        settings.putAll(extra);
        service = ServiceFixture.idle(RunningService.start(settings, List.of(reviews)));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        repo.close();
    }

    static String routes(String host, boolean orders) {
        return """
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    routes:
                      - name: nyan
                        hosts: [%s]
                """.formatted(host) + (orders ? """
                      - name: orders
                        hosts: [orders.mydomain.com]
                """ : "");
    }

    /** A branch off main with the files, pushed, and its head pushed to {@code pullRef} as the host keeps it. */
    String pullRequestBranch(String branch, String pullRef, String... pathsAndContents) throws Exception {
        repo.newBranch(branch);
        String head = repo.commit("change " + branch, pathsAndContents);
        repo.pushHeadTo(repo.uri(), pullRef);
        repo.switchTo("main");
        return head;
    }

    static String githubPullRequest(String action, long number, String head, String base, String target) {
        return """
                {"action": "%s", "number": %d,
                 "pull_request": {"number": %d, "state": "open", "head": {"ref": "feature", "sha": "%s"},
                                  "base": {"ref": "%s", "sha": "%s"}},
                 "repository": {"full_name": "platform/routes", "html_url": "https://github.com/platform/routes"}}
                """.formatted(action, number, number, head, target, base);
    }

    RunningService.Reply github(String body, String signature) {
        return service.send(service.url().resolve("/api/v1/webhooks/github"), "POST", null, body,
                Map.of("X-GitHub-Event", "pull_request", "X-Hub-Signature-256", signature));
    }

    RunningService.Reply github(String body) {
        return github(body, sign(GITHUB_SECRET, body));
    }

    Map<String, Object> accepted(RunningService.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply.body())).containsEntry("status", "accepted");
        return awaitFinished(service, reply.header("Location"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    List<Map<String, Object>> pullRequestRecords() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) json(service.get("/api/v1/syncs?size=100",
                TOKEN).body()).get("items");
        return items.stream().filter(i -> "pull-request".equals(i.get("trigger"))).toList();
    }

    Map<String, Object> record(String id) {
        return json(service.get("/api/v1/syncs/" + id, TOKEN).body());
    }

    /** Waits until the record carries the review's delivery (stored after the provider answered). */
    Map<String, Object> withReview(String id) {
        return ServiceFixture.await(service, "/api/v1/syncs/" + id, r -> r.get("review") != null);
    }
}
