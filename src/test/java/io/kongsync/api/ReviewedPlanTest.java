package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static io.kongsync.api.WebhookTest.GITHUB_SECRET;
import static io.kongsync.api.WebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan that was reviewed is the plan that is applied: the sync of a merged pull request says whether its plan is
 * the one last shown on the pull request, and lists what differs when Kong changed in between.
 */
class ReviewedPlanTest extends PullRequestServiceTest {

    /** Plans the pull request's head (as GitHub's "opened" event) and waits for its review; returns the dry run. */
    Map<String, Object> reviewed(long number, String head, int reviewsBefore) {
        Map<String, Object> dryRun = accepted(github(githubPullRequest("opened", number, head, mainHead, "main")));
        assertThat(dryRun).containsEntry("state", "succeeded");
        reviews.awaitPublished(reviewsBefore + 1);
        return dryRun;
    }

    Map<String, Object> pushed(String commit) {
        String body = WebhookTest.githubPush("main", commit, "routes/nyan.yaml");
        RunningService.Reply reply = service.send(service.url().resolve("/api/v1/webhooks/github"), "POST", null,
                body, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(GITHUB_SECRET, body)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return awaitFinished(service, reply.header("Location"));
    }

    String routeHost(String route) {
        return ((List<?>) admin.get("/routes/" + route).json().get("hosts")).get(0).toString();
    }

    @Test
    void kongChangedBetweenReviewAndMergeTheSyncConvergesAndListsWhatWasNotReviewed() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("orders", "refs/pull/12/head", "routes/nyan.yaml",
                routes("nyan.mydomain.com", true));
        Map<String, Object> dryRun = reviewed(12, head, 0);
        assertThat(admin.patch("/routes/nyan", Map.of("hosts", List.of("drifted.example.com"))).status())
                .isEqualTo(200);
        String merge = repo.mergeCommit("orders", "Merge pull request #12 from platform/orders");

        Map<String, Object> sync = pushed(merge);

        assertThat(sync).containsEntry("state", "succeeded").containsEntry("commit", merge)
                .containsEntry("kongMatches", true);
        assertThat(routeHost("nyan")).isEqualTo("nyan.mydomain.com");
        assertThat(routeHost("orders")).isEqualTo("orders.mydomain.com");
        Map<String, Object> reviewedPlan = map(sync.get("reviewedPlan"));
        assertThat(map(reviewedPlan.get("pullRequest"))).containsEntry("provider", "github")
                .containsEntry("repository", "platform/routes").containsEntry("number", 12);
        assertThat(reviewedPlan).containsEntry("reviewedAt", dryRun.get("id")).containsEntry("reviewedCommit", head)
                .containsEntry("matchedBy", "parent").containsEntry("matches", false)
                .containsEntry("notReviewed", List.of("update route nyan"))
                .containsEntry("reviewedButNotApplied", List.of());
        String text = service.get("/api/v1/syncs/" + sync.get("id") + "?format=text", TOKEN).body();
        assertThat(text).contains("Reviewed plan: GitHub pull request platform/routes#12, planned at "
                + head.substring(0, 7) + ": this sync's plan differs from the plan shown there",
                "  Not in the reviewed plan:\n    update route nyan\n");
        Map<String, Object> json = json(service.get("/api/v1/syncs/" + sync.get("id") + "?format=json", TOKEN)
                .body());
        assertThat(map(json.get("reviewed_plan"))).containsEntry("matches", false)
                .containsEntry("not_reviewed", List.of("update route nyan"));
    }

    @Test
    void aSquashMergeWithoutDriftAppliesExactlyTheReviewedPlanAndOnlyItsFirstSyncSaysSo() throws Exception {
        startService(Map.of());
        String head = pullRequestBranch("orders", "refs/pull/14/head", "routes/nyan.yaml",
                routes("nyan.mydomain.com", true));
        Map<String, Object> dryRun = reviewed(14, head, 0);
        // a squash merge: a new commit on main, not descending from the head, with the same route files
        String squashed = repo.commit("Orders route (#14)", "routes/nyan.yaml", routes("nyan.mydomain.com", true));

        Map<String, Object> sync = pushed(squashed);

        assertThat(sync).containsEntry("state", "succeeded");
        assertThat(map(sync.get("reviewedPlan"))).containsEntry("reviewedAt", dryRun.get("id"))
                .containsEntry("matchedBy", "routes").containsEntry("matches", true)
                .containsEntry("notReviewed", List.of()).containsEntry("reviewedButNotApplied", List.of());
        assertThat(service.get("/api/v1/syncs/" + sync.get("id") + "?format=markdown", TOKEN).body())
                .contains("this sync applied exactly the plan shown there\\.");

        RunningService.Reply again = service.call("POST", "/api/v1/syncs", TOKEN, "{}");
        Map<String, Object> later = awaitFinished(service, again.header("Location"));
        assertThat(later).containsEntry("commit", squashed).containsEntry("reviewedPlan", null);
        assertThat(json(service.get("/api/v1/syncs/" + sync.get("id"), TOKEN).body()).get("reviewedPlan"))
                .isNotNull();
    }

    @Test
    void aSyncOfACommitNoPullRequestLeadsToSaysNothingAboutReviews() throws Exception {
        startService(Map.of());
        String commit = repo.commit("direct push", "routes/nyan.yaml", routes("direct.example.org", false));

        Map<String, Object> sync = pushed(commit);

        assertThat(sync).containsEntry("state", "succeeded").containsEntry("reviewedPlan", null)
                .containsEntry("pullRequest", null);
    }
}
