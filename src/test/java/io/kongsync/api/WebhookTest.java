package io.kongsync.api;

import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import io.kongsync.webhook.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes to a real git repository (a bare repository in a temporary directory), announced by signed GitHub, GitLab
 * and Bitbucket webhooks, sync the pushed commit into the sandbox.
 */
class WebhookTest {

    static final String GITHUB_SECRET = "gh-secret-5c0ffee";
    static final String GITLAB_TOKEN = "gl-token-ba5eba11";
    static final String BITBUCKET_SECRET = "bb-secret-d15ea5e";

    @TempDir
    Path root;
    TestRepo repo;
    Sandbox sandbox;
    AdminClient admin;
    RunningService service;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(root.resolve("repo"));
        repo.commit("first routes", "routes/nyan.yaml", routes("nyan.mydomain.com"), "README.md", "docs");
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
        settings.putAll(extra);
        service = ServiceFixture.idle(RunningService.start(settings));
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

    static String routes(String host) {
        return """
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    routes:
                      - name: nyan
                        hosts: [%s]
                """.formatted(host);
    }

    static String githubPush(String branch, String commit, String... modified) {
        return """
                {"ref": "refs/heads/%s", "before": "%s", "after": "%s", "created": false, "deleted": false,
                 "forced": false, "repository": {"full_name": "platform/routes"},
                 "commits": [{"id": "%s", "message": "change", "added": [], "removed": [], "modified": %s}],
                 "head_commit": {"id": "%s"}}
                """.formatted(branch, "0".repeat(39) + "1", commit, commit, jsonList(modified), commit);
    }

    static String gitlabPush(String branch, String commit, String... modified) {
        return """
                {"object_kind": "push", "event_name": "push", "ref": "refs/heads/%s", "before": "%s", "after": "%s",
                 "total_commits_count": 1, "project": {"path_with_namespace": "platform/routes"},
                 "commits": [{"id": "%s", "message": "change", "added": [], "removed": [], "modified": %s}]}
                """.formatted(branch, "0".repeat(39) + "1", commit, commit, jsonList(modified));
    }

    static String bitbucketCloudPush(String branch, String commit) {
        return """
                {"repository": {"full_name": "platform/routes"},
                 "push": {"changes": [{"old": {"type": "branch", "name": "%s", "target": {"hash": "%s"}},
                                       "new": {"type": "branch", "name": "%s", "target": {"hash": "%s"}},
                                       "created": false, "closed": false, "forced": false}]}}
                """.formatted(branch, "0".repeat(39) + "1", branch, commit);
    }

    private static String jsonList(String... items) {
        return items.length == 0 ? "[]" : "[\"" + String.join("\", \"", items) + "\"]";
    }

    RunningService.Reply github(String body, String signature) {
        return service.send(service.url().resolve("/api/v1/webhooks/github"), "POST", null, body,
                signature == null ? Map.of("X-GitHub-Event", "push", "Content-Type", "application/json")
                        : Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature,
                        "Content-Type", "application/json"));
    }

    static String sign(String secret, String body) {
        return WebhookVerifier.sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    String routeHost() {
        return ((List<?>) admin.get("/routes/nyan").json().get("hosts")).get(0).toString();
    }

    @Test
    void aSignedGitHubPushSyncsThatCommit() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        assertThat(routeHost()).isEqualTo("nyan.mydomain.com");
        String commit = repo.commit("move nyan", "routes/nyan.yaml", routes("nyan.example.org"));
        String body = githubPush("main", commit, "routes/nyan.yaml");

        RunningService.Reply reply = github(body, sign(GITHUB_SECRET, body));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply.body())).containsEntry("status", "accepted");
        Map<String, Object> sync = awaitFinished(service, reply.header("Location"));
        assertThat(sync).containsEntry("state", "succeeded").containsEntry("trigger", "webhook")
                .containsEntry("commit", commit).containsEntry("commitMessage", "move nyan");
        assertThat(routeHost()).isEqualTo("nyan.example.org");
    }

    @Test
    void aGitLabPushWithItsTokenSyncsThatCommit() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        String commit = repo.commit("gitlab change", "routes/nyan.yaml", routes("gitlab.example.org"));
        String body = gitlabPush("main", commit, "routes/nyan.yaml");

        RunningService.Reply reply = service.send(service.url().resolve("/api/v1/webhooks/gitlab"), "POST", null,
                body, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", GITLAB_TOKEN));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(awaitFinished(service, reply.header("Location"))).containsEntry("state", "succeeded")
                .containsEntry("commit", commit);
        assertThat(routeHost()).isEqualTo("gitlab.example.org");
    }

    @Test
    void aSignedBitbucketPushSyncsThatCommit() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        String commit = repo.commit("bitbucket change", "routes/nyan.yaml", routes("bitbucket.example.org"));
        String body = bitbucketCloudPush("main", commit);

        RunningService.Reply reply = service.send(service.url().resolve("/api/v1/webhooks/bitbucket"), "POST", null,
                body, Map.of("X-Event-Key", "repo:push", "X-Hub-Signature", sign(BITBUCKET_SECRET, body)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(awaitFinished(service, reply.header("Location"))).containsEntry("state", "succeeded")
                .containsEntry("commit", commit);
        assertThat(routeHost()).isEqualTo("bitbucket.example.org");
    }

    @Test
    void aBitbucketPushThatChangesNoRouteFileIsIgnoredAfterAskingGit() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        int before = historySize();
        String docsOnly = repo.commit("docs only", "README.md", "more docs");
        String body = bitbucketCloudPush("main", docsOnly);

        RunningService.Reply reply = service.send(service.url().resolve("/api/v1/webhooks/bitbucket"), "POST", null,
                body, Map.of("X-Event-Key", "repo:push", "X-Hub-Signature", sign(BITBUCKET_SECRET, body)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply.body())).containsEntry("status", "ignored")
                .containsEntry("reason", "no file under routes/ changed since the last synced commit");
        assertThat(historySize()).isEqualTo(before);
    }

    @Test
    void aBadOrMissingSignatureGets401AndNoSync() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        String commit = repo.commit("unsigned change", "routes/nyan.yaml", routes("evil.example.org"));
        String body = githubPush("main", commit, "routes/nyan.yaml");
        int before = historySize();

        for (String signature : new String[]{null, sign("not-the-secret", body), sign(GITHUB_SECRET, body + " "),
                "sha256=" + "0".repeat(64), "garbage"}) {
            RunningService.Reply reply = github(body, signature);
            assertThat(reply.status()).as(String.valueOf(signature)).isEqualTo(401);
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        }
        RunningService.Reply gitlab = service.send(service.url().resolve("/api/v1/webhooks/gitlab"), "POST", null,
                gitlabPush("main", commit, "routes/nyan.yaml"),
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong"));
        assertThat(gitlab.status()).isEqualTo(401);

        assertThat(historySize()).isEqualTo(before);
        assertThat(routeHost()).isEqualTo("nyan.mydomain.com");
    }

    @Test
    void aSignedPushWhoseAfterIsNotAFullCommitIdIsRefusedBeforeGitIsTouched() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        repo.newBranch("evil");
        repo.commit("evil routes", "routes/nyan.yaml", routes("evil.example.com"));
        repo.switchTo("main");
        int historyBefore = history().size();
        long writesBefore = sandbox.writeCount();

        for (String after : List.of("evil", "../../etc", "HEAD~1", "main", "a".repeat(39), "x".repeat(100_000))) {
            String body = githubPush("main", after, "routes/nyan.yaml");
            RunningService.Reply reply = github(body, sign(GITHUB_SECRET, body));

            assertThat(reply.status()).as(after.length() > 50 ? "a 100,000-character after" : after).isEqualTo(400);
            assertThat(reply.body()).contains("not a full commit id").doesNotContain("xxxxxxxxxx");
        }
        assertThat(history()).hasSize(historyBefore);
        assertThat(sandbox.writeCount()).isEqualTo(writesBefore);
        assertThat(routeHost()).isEqualTo("nyan.mydomain.com");
    }

    private List<?> history() {
        return (List<?>) ServiceFixture.json(service.get("/api/v1/syncs?size=100", TOKEN).body()).get("items");
    }

    @Test
    void pushesToAnotherBranchOrOutsideTheRoutesAreAcknowledgedAndIgnored() throws Exception {
        startService(SandboxOptions.defaults(), Map.of());
        int before = historySize();
        String feature = githubPush("feature/x", "a".repeat(40), "routes/nyan.yaml");
        String docs = githubPush("main", "b".repeat(40), "README.md", "routes.md");

        RunningService.Reply other = github(feature, sign(GITHUB_SECRET, feature));
        RunningService.Reply outside = github(docs, sign(GITHUB_SECRET, docs));
        String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        RunningService.Reply pong = service.send(service.url().resolve("/api/v1/webhooks/github"), "POST", null,
                ping, Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", sign(GITHUB_SECRET, ping)));

        assertThat(other.status()).isEqualTo(202);
        assertThat(json(other.body())).containsEntry("status", "ignored")
                .containsEntry("reason", "kongsync follows the branch main");
        assertThat(outside.status()).isEqualTo(202);
        assertThat(json(outside.body())).containsEntry("status", "ignored")
                .containsEntry("reason", "no file under routes/ changed");
        assertThat(pong.status()).isEqualTo(200);
        assertThat(json(pong.body())).containsEntry("status", "pong");
        assertThat(historySize()).isEqualTo(before);
    }

    @Test
    void aProviderWithoutASecretIsDisabledAndBodiesAreLimited() {
        startService(SandboxOptions.defaults(), Map.of("kongsync.webhook.bitbucket-secret", "",
                "kongsync.webhook.max-body-size", "1KB"));

        RunningService.Reply disabled = service.send(service.url().resolve("/api/v1/webhooks/bitbucket"), "POST",
                null, "{}", Map.of("X-Event-Key", "repo:push"));
        String big = "{\"pad\": \"" + "x".repeat(2048) + "\"}";
        RunningService.Reply tooBig = github(big, sign(GITHUB_SECRET, big));

        assertThat(disabled.status()).isEqualTo(404);
        assertThat(json(disabled.body()).get("detail").toString()).contains("kongsync.webhook.bitbucket-secret");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void twoPushesDuringARunningSyncLeadToExactlyOneFollowUpAtTheNewerCommit() throws Exception {
        // every Admin API request takes 150 ms, so a sync runs long enough for pushes to arrive during it
        startService(SandboxOptions.defaults().withLatency(Duration.ofMillis(150)), Map.of());
        String c1 = repo.commit("one", "routes/nyan.yaml", routes("one.example.org"));
        String c2 = repo.commit("two", "routes/nyan.yaml", routes("two.example.org"));
        String c3 = repo.commit("three", "routes/nyan.yaml", routes("three.example.org"));
        int before = historySize();

        String first = push(c1);
        await(first, "running");
        String second = push(c2);
        String third = push(c3);

        assertThat(second).isEqualTo(third);
        Map<String, Object> followUp = awaitFinished(service, second);
        assertThat(awaitFinished(service, first)).containsEntry("state", "succeeded").containsEntry("commit", c1);
        assertThat(followUp).containsEntry("state", "succeeded").containsEntry("commit", c3)
                .containsEntry("coalesced", 1);
        assertThat(historySize()).isEqualTo(before + 2);
        assertThat(routeHost()).isEqualTo("three.example.org");
    }

    private String push(String commit) {
        String body = githubPush("main", commit, "routes/nyan.yaml");
        RunningService.Reply reply = github(body, sign(GITHUB_SECRET, body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.header("Location");
    }

    private void await(String location, String state) {
        ServiceFixture.await(service, location, s -> state.equals(s.get("state")));
    }

    private int historySize() {
        return ((Number) json(service.get("/api/v1/syncs", TOKEN).body()).get("total")).intValue();
    }
}
