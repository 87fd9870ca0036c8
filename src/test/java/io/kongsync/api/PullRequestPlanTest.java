package io.kongsync.api;

import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.scm.Delivery;
import io.kongsync.scm.Review;
import io.kongsync.scm.ScmApi;
import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static io.kongsync.api.WebhookTest.BITBUCKET_SECRET;
import static io.kongsync.api.WebhookTest.GITHUB_SECRET;
import static io.kongsync.api.WebhookTest.GITLAB_TOKEN;
import static io.kongsync.api.WebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed pull-request events of GitHub, GitLab and Bitbucket plan the pull request's head against the sandbox (a dry
 * run, nothing applied) and report it through the pull-request reviews, once per head; everything else is ignored.
 */
class PullRequestPlanTest extends PullRequestServiceTest {

    @Test
    void aForksPullRequestOnGitHubIsPlannedNotAppliedAndReportedOnceThenAgainForItsNewHead() throws Exception {
        startService(Map.of());
        TestRepo fork = repo.fork(root.resolve("host/octo/routes.git"), root.resolve("fork-work"));
        String head = fork.commit("orders route", "routes/nyan.yaml", routes("nyan.mydomain.com", true));
        fork.pushHeadTo(repo.uri(), "refs/pull/12/head");

        Map<String, Object> dryRun = accepted(github(githubPullRequest("opened", 12, head, mainHead, "main")));

        assertThat(dryRun).containsEntry("state", "succeeded").containsEntry("trigger", "pull-request")
                .containsEntry("dryRun", true).containsEntry("commit", head);
        assertThat(map(dryRun.get("pullRequest"))).containsEntry("provider", "github")
                .containsEntry("repository", "platform/routes").containsEntry("number", 12)
                .containsEntry("headCommit", head).containsEntry("baseCommit", mainHead)
                .containsEntry("mergeBase", mainHead).containsEntry("headRef", "refs/pull/12/head");
        assertThat(pullRequestRecords()).hasSize(1);
        RecordingPullRequestReviews.Published published = reviews.awaitPublished(1);
        assertThat(reviews.calls).containsExactly("pending " + head, "publish " + head + " SUCCESS");
        assertThat(published.pullRequest().api()).isEqualTo(ScmApi.GITHUB);
        assertThat(published.pullRequest().number()).isEqualTo(12);
        Review review = published.review();
        assertThat(review.verdict()).isEqualTo(Review.Verdict.SUCCESS);
        assertThat(review.description()).isEqualTo("1 to create, 0 to update, 0 to delete");
        assertThat(review.markdown()).startsWith("kongsync planned commit [`" + head.substring(0, 7)
                        + "`](https://github.com/platform/routes/commit/" + head + ") of [GitHub pull request "
                        + "platform/routes\\#12](https://github.com/platform/routes/pull/12).")
                .contains("## kongsync plan").contains("orders");
        String id = (String) dryRun.get("id");
        assertThat(review.fullReport()).hasToString(PUBLIC_URL + "/api/v1/syncs/" + id + "?format=markdown");
        RunningService.Reply full = service.get("/api/v1/syncs/" + id + "?format=markdown", TOKEN);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).contains("## kongsync plan");
        assertThat(map(withReview(id).get("review"))).containsEntry("verdict", "success")
                .containsEntry("description", "1 to create, 0 to update, 0 to delete")
                .containsEntry("delivered", true).containsEntry("problems", List.of());
        assertThat(admin.get("/routes/orders").status()).as("a plan applies nothing").isEqualTo(404);

        String newHead = fork.commit("and move nyan", "routes/nyan.yaml", routes("nyan.example.org", true));
        fork.pushHeadTo(repo.uri(), "refs/pull/12/head");
        Map<String, Object> second = accepted(github(githubPullRequest("synchronize", 12, newHead, mainHead,
                "main")));

        assertThat(second).containsEntry("commit", newHead).containsEntry("state", "succeeded");
        assertThat(second.get("id")).isNotEqualTo(id);
        assertThat(reviews.awaitPublished(2).review().description()).isEqualTo("1 to create, 1 to update, 0 to delete");
        assertThat(reviews.calls).containsExactly("pending " + head, "publish " + head + " SUCCESS",
                "pending " + newHead, "publish " + newHead + " SUCCESS");
        assertThat(pullRequestRecords()).hasSize(2);
        fork.close();
    }

    @Test
    void aGitLabMergeRequestIsPlannedAndADeliveryThatFailedIsKeptWithoutFailingTheDryRun() throws Exception {
        startService(Map.of());
        reviews.publishAnswer = new Delivery(List.of("GitLab answered 403 to PUT .../notes/7 after 3 tries"));
        String head = pullRequestBranch("orders", "refs/merge-requests/7/head",
                "routes/nyan.yaml", routes("nyan.mydomain.com", true));
        String body = """
                {"object_kind": "merge_request",
                 "project": {"path_with_namespace": "platform/routes",
                             "web_url": "https://gitlab.example.com/platform/routes"},
                 "object_attributes": {"iid": 7, "action": "open", "state": "opened", "target_branch": "main",
                                       "source_branch": "orders", "last_commit": {"id": "%s"}}}
                """.formatted(head);

        Map<String, Object> dryRun = accepted(service.send(service.url().resolve("/api/v1/webhooks/gitlab"), "POST",
                null, body, Map.of("X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token", GITLAB_TOKEN)));

        assertThat(dryRun).containsEntry("state", "succeeded").containsEntry("commit", head);
        assertThat(map(dryRun.get("pullRequest"))).containsEntry("provider", "gitlab").containsEntry("number", 7)
                .containsEntry("baseCommit", null).containsEntry("mergeBase", mainHead);
        Review review = reviews.awaitPublished(1).review();
        assertThat(review.verdict()).isEqualTo(Review.Verdict.SUCCESS);
        assertThat(review.markdown()).contains("(https://gitlab.example.com/platform/routes/-/commit/" + head + ")")
                .contains("(https://gitlab.example.com/platform/routes/-/merge_requests/7)");
        Map<String, Object> stored = withReview((String) dryRun.get("id"));
        assertThat(stored).containsEntry("state", "succeeded");
        assertThat(map(stored.get("review"))).containsEntry("delivered", false)
                .containsEntry("problems", List.of("GitLab answered 403 to PUT .../notes/7 after 3 tries"));
    }

    @Test
    void aBitbucketCloudPullRequestFromAForkIsFetchedFromTheForkByItsAbbreviatedHead() throws Exception {
        startService(Map.of());
        TestRepo fork = repo.fork(root.resolve("host/ada/routes.git"), root.resolve("fork-work"));
        fork.newBranch("orders");
        String head = fork.commit("orders route", "routes/nyan.yaml", routes("nyan.mydomain.com", true));
        fork.push();
        String body = """
                {"pullrequest": {"id": 3, "state": "OPEN",
                   "source": {"branch": {"name": "orders"}, "commit": {"hash": "%s"},
                              "repository": {"full_name": "ada/routes"}},
                   "destination": {"branch": {"name": "main"}, "commit": {"hash": "%s"},
                                   "repository": {"full_name": "platform/routes"}}},
                 "repository": {"full_name": "platform/routes",
                                "links": {"html": {"href": "https://bitbucket.org/platform/routes"}}}}
                """.formatted(head.substring(0, 12), mainHead.substring(0, 12));

        Map<String, Object> dryRun = accepted(service.send(service.url().resolve("/api/v1/webhooks/bitbucket"),
                "POST", null, body, Map.of("X-Event-Key", "pullrequest:created", "X-Hub-Signature",
                        sign(BITBUCKET_SECRET, body))));

        assertThat(dryRun).containsEntry("state", "succeeded").containsEntry("commit", head);
        assertThat(map(dryRun.get("pullRequest"))).containsEntry("provider", "bitbucket-cloud")
                .containsEntry("headCommit", head).containsEntry("sourceRepository", "ada/routes")
                .containsEntry("headRef", "refs/heads/orders");
        RecordingPullRequestReviews.Published published = reviews.awaitPublished(1);
        assertThat(published.pullRequest().headCommit()).as("the full id, for the status API").isEqualTo(head);
        assertThat(published.review().description()).isEqualTo("1 to create, 0 to update, 0 to delete");
        assertThat(published.review().markdown()).contains("(https://bitbucket.org/platform/routes/commits/" + head
                + ")");
        fork.close();
    }

    @Test
    void aBitbucketDataCenterPullRequestIsFetchedFromItsFromRef() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("orders", "refs/pull-requests/21/from",
                "routes/nyan.yaml", routes("nyan.mydomain.com", true));
        String body = """
                {"eventKey": "pr:from_ref_updated", "previousFromHash": "%s",
                 "pullRequest": {"id": 21, "state": "OPEN",
                   "fromRef": {"id": "refs/heads/orders", "displayId": "orders", "latestCommit": "%s"},
                   "toRef": {"id": "refs/heads/main", "displayId": "main", "latestCommit": "%s",
                             "repository": {"slug": "routes", "project": {"key": "PLAT"},
                               "links": {"self": [{"href": "https://bitbucket.example.com/projects/PLAT/repos/routes/browse"}]}}}}}
                """.formatted(mainHead, head, mainHead);

        Map<String, Object> dryRun = accepted(service.send(service.url().resolve("/api/v1/webhooks/bitbucket"),
                "POST", null, body, Map.of("X-Event-Key", "pr:from_ref_updated", "X-Hub-Signature",
                        sign(BITBUCKET_SECRET, body))));

        assertThat(dryRun).containsEntry("state", "succeeded").containsEntry("commit", head);
        assertThat(map(dryRun.get("pullRequest"))).containsEntry("provider", "bitbucket-data-center")
                .containsEntry("repository", "PLAT/routes").containsEntry("number", 21)
                .containsEntry("baseCommit", mainHead);
        Review review = reviews.awaitPublished(1).review();
        assertThat(review.verdict()).isEqualTo(Review.Verdict.SUCCESS);
        assertThat(review.markdown()).contains(
                "(https://bitbucket.example.com/projects/PLAT/repos/routes/pull-requests/21)");
    }

    @Test
    void invalidFilesFailTheReviewWithEveryProblemLocated() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("broken", "refs/pull/5/head", "routes/nyan.yaml", """
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    port: 99999
                    protocol: gopher
                    routes:
                      - name: nyan
                        hosts: [nyan.mydomain.com]
                """);

        Map<String, Object> dryRun = accepted(github(githubPullRequest("opened", 5, head, mainHead, "main")));

        assertThat(dryRun).containsEntry("state", "failed");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) dryRun.get("problems");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> assertThat(p).startsWith("routes/nyan.yaml:"));
        Review review = reviews.awaitPublished(1).review();
        assertThat(review.verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(review.description()).isEqualTo(problems.size() + " problems in the files");
        Pattern located = Pattern.compile("^(routes/nyan\\.yaml:\\d+:\\d+)");
        for (String problem : problems) {
            Matcher at = located.matcher(problem);
            assertThat(at.find()).as(problem).isTrue();
            assertThat(review.markdown()).contains(at.group(1));
        }
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsPlannedOrReported() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("orders", "refs/pull/12/head", "routes/nyan.yaml",
                routes("evil.example.org", true));
        String body = githubPullRequest("opened", 12, head, mainHead, "main");

        RunningService.Reply forged = github(body, sign("not-the-secret", body));

        assertThat(forged.status()).isEqualTo(401);
        ServiceFixture.sleep(300);
        assertThat(pullRequestRecords()).isEmpty();
        assertThat(reviews.calls).isEmpty();
    }

    @Test
    void aPullRequestThatTouchesNoRouteFileIsIgnoredSilently() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("docs", "refs/pull/8/head", "README.md", "better docs");

        RunningService.Reply reply = github(githubPullRequest("opened", 8, head, mainHead, "main"));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(json(reply.body())).containsEntry("status", "ignored")
                .containsEntry("reason", "no file under routes/ changed in the pull request");
        ServiceFixture.sleep(300);
        assertThat(pullRequestRecords()).isEmpty();
        assertThat(reviews.calls).isEmpty();
    }

    @Test
    void closedPullRequestsAndPullRequestsIntoAnotherBranchAreIgnored() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("orders", "refs/pull/12/head", "routes/nyan.yaml",
                routes("nyan.mydomain.com", true));

        RunningService.Reply closed = github(githubPullRequest("closed", 12, head, mainHead, "main"));
        RunningService.Reply elsewhere = github(githubPullRequest("opened", 12, head, mainHead, "release"));
        RunningService.Reply notACommit = github(githubPullRequest("opened", 12, "main", mainHead, "main"));

        assertThat(closed.status()).isEqualTo(202);
        assertThat(json(closed.body())).containsEntry("status", "ignored");
        assertThat((String) json(closed.body()).get("reason")).contains("'closed' is not one of those");
        assertThat(elsewhere.status()).isEqualTo(202);
        assertThat(json(elsewhere.body())).containsEntry("status", "ignored")
                .containsEntry("reason", "kongsync plans pull requests into main");
        assertThat(notACommit.status()).isEqualTo(400);
        assertThat(notACommit.body()).contains("the head is not a commit id");
        ServiceFixture.sleep(300);
        assertThat(pullRequestRecords()).isEmpty();
        assertThat(reviews.calls).isEmpty();
    }

    @Test
    void whenTooManyDryRunsRunAnEventIsAnswered429AndThePullRequestIsToldToPushAgain() throws Exception {
        // every Admin API request takes 200 ms, so the first plan still runs when the second event arrives
        startService(SandboxOptions.defaults().withLatency(java.time.Duration.ofMillis(200)),
                Map.of("kongsync.sync.max-concurrent-dry-runs", "1", "kongsync.sync.max-waiting-dry-runs", "0"));
        String first = pullRequestBranch("orders", "refs/pull/40/head", "routes/nyan.yaml",
                routes("nyan.mydomain.com", true));
        String second = pullRequestBranch("other", "refs/pull/41/head", "routes/nyan.yaml",
                routes("other.mydomain.com", false));

        RunningService.Reply running = github(githubPullRequest("opened", 40, first, mainHead, "main"));
        RunningService.Reply busy = github(githubPullRequest("opened", 41, second, mainHead, "main"));

        assertThat(running.status()).isEqualTo(202);
        assertThat(busy.status()).as(busy.body()).isEqualTo(429);
        assertThat(busy.header("Retry-After")).isNotNull();
        assertThat(busy.header("Content-Type")).isEqualTo("application/problem+json");
        awaitFinished(service, running.header("Location"));
        reviews.awaitPublished(2);
        RecordingPullRequestReviews.Published refused = reviews.published.stream()
                .filter(p -> p.pullRequest().number() == 41).findFirst().orElseThrow();
        assertThat(refused.review().verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(refused.review().description()).isEqualTo("kongsync is busy, push again");
        assertThat(refused.pullRequest().headCommit()).isEqualTo(second);
        assertThat(pullRequestRecords()).hasSize(1);
    }

    @Test
    void aPlanASyncWouldRefuseFailsTheReview() throws Exception {
        startService(Map.of());
        // an entity of the same name that kongsync does not manage: the sync of the merge would refuse it
        admin.post("/services", Map.of("name", "billing", "host", "billing.internal"));
        String conflicting = pullRequestBranch("billing", "refs/pull/50/head", "routes/billing.yaml", """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: billing.ecs.local
                """);
        String emptied = pullRequestBranch("emptied", "refs/pull/51/head", "routes/nyan.yaml", """
                _format_version: "3.0"
                services:
                  - name: other
                    host: other.ecs.local
                """);

        Map<String, Object> conflict = accepted(github(githubPullRequest("opened", 50, conflicting, mainHead,
                "main")));
        Review conflictReview = reviews.awaitPublished(1).review();
        Map<String, Object> massDelete = accepted(github(githubPullRequest("opened", 51, emptied, mainHead, "main")));
        Review massDeleteReview = reviews.awaitPublished(2).review();

        assertThat(conflict).containsEntry("state", "failed");
        assertThat((String) conflict.get("error")).contains("without kongsync's tags");
        assertThat(conflictReview.verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(conflictReview.description()).isEqualTo("1 conflict");
        assertThat(massDelete).containsEntry("state", "failed");
        assertThat((String) massDelete.get("error")).startsWith("Refusing to delete all 2 entities");
        assertThat(massDeleteReview.verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(massDeleteReview.description()).isEqualTo("mass delete refused: 2 to delete");
        assertThat(admin.get("/services/nyan").status()).as("nothing applied").isEqualTo(200);
    }

    @Test
    void withoutGitThereIsNoPullRequestToPlan(@TempDir Path elsewhere) {
        try (ServiceFixture fixture = new ServiceFixture(elsewhere)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.webhook.github-secret", GITHUB_SECRET);
            service = ServiceFixture.idle(RunningService.start(settings, List.of(reviews)));
            String body = githubPullRequest("opened", 12, "a".repeat(40), mainHead, "main");

            RunningService.Reply reply = github(body);

            assertThat(reply.status()).isEqualTo(202);
            assertThat(json(reply.body())).containsEntry("status", "ignored").containsEntry("reason",
                    "kongsync plans pull requests only when the routes come from git (kongsync.git.uri)");
            assertThat(reviews.calls).isEmpty();
            service.close();
            service = null;
        }
    }
}
