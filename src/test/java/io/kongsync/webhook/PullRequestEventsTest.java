package io.kongsync.webhook;

import static io.kongsync.webhook.Fixtures.headers;
import static io.kongsync.webhook.Fixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongsync.scm.ScmApi;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pull-request and merge-request events as GitHub, GitLab and Bitbucket send them. */
class PullRequestEventsTest {

    private static PullRequestEvent parse(Provider provider, String headerName, String event, String fixture) {
        return PullRequestEvents.parse(provider, headers(headerName, event), payload(fixture)).orElseThrow();
    }

    private static PullRequestEvent parse(Provider provider, String headerName, String event, byte[] body) {
        return PullRequestEvents.parse(provider, headers(headerName, event), body).orElseThrow();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGitHubPullRequestFromAForkIsFetchedThroughItsPullRef() {
        PullRequestEvent event = parse(Provider.GITHUB, "X-GitHub-Event", "pull_request",
                "github-pull-request-opened.json");

        assertThat(event.plan()).isTrue();
        assertThat(event.api()).isEqualTo(ScmApi.GITHUB);
        assertThat(event.repository()).isEqualTo("platform/routes");
        assertThat(event.number()).isEqualTo(12);
        assertThat(event.targetBranch()).isEqualTo("main");
        assertThat(event.headCommit()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
        assertThat(event.baseCommit()).isEqualTo("9049f1265b7d61be4a8904a9a27120d2064dab3b");
        assertThat(event.repositoryUrl()).isEqualTo("https://github.com/platform/routes");
        assertThat(event.headRef()).isEqualTo("refs/pull/12/head");
        assertThat(event.sourceRepository()).as("the fork's ref lives in the base repository").isNull();
        assertThat(event.hasCommitId()).isTrue();
        assertThat(event.description()).isEqualTo("GitHub pull request platform/routes#12 at 6dcb09b (opened)");
    }

    @Test
    void gitHubPlansANewBaseButNotANewTitle() {
        assertThat(parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", "github-pull-request-edited-base.json")
                .plan()).isTrue();
        PullRequestEvent title = parse(Provider.GITHUB, "X-GitHub-Event", "pull_request",
                "github-pull-request-edited-title.json");
        assertThat(title.plan()).isFalse();
        assertThat(title.ignoredBecause()).isEqualTo("the pull request was edited but its base branch did not change");
    }

    @Test
    void gitHubClosedAndOtherActionsAreIgnoredWithTheReason() {
        for (String action : new String[] {"closed", "labeled", "review_requested"}) {
            PullRequestEvent event = parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", json("""
                    {"action": "%s", "number": 12, "pull_request": {"merged": true}}
                    """.formatted(action)));
            assertThat(event.plan()).as(action).isFalse();
            assertThat(event.ignoredBecause()).as(action).contains("'" + action + "' is not one of those");
        }
    }

    @Test
    void aPushOrPingIsNotAPullRequestEvent() {
        assertThat(PullRequestEvents.parse(Provider.GITHUB, headers("X-GitHub-Event", "push"),
                payload("github-push.json"))).isEqualTo(Optional.empty());
        assertThat(PullRequestEvents.parse(Provider.GITLAB, headers("X-Gitlab-Event", "Push Hook"),
                payload("gitlab-push.json"))).isEmpty();
        assertThat(PullRequestEvents.parse(Provider.BITBUCKET, headers("X-Event-Key", "repo:push"),
                payload("bitbucket-cloud-push.json"))).isEmpty();
        assertThat(PullRequestEvents.parse(Provider.BITBUCKET, headers(), payload("bitbucket-dc-ping.json")))
                .isEmpty();
    }

    @Test
    void aGitLabUpdateWithNewCommitsIsPlannedThroughTheMergeRequestRef() {
        PullRequestEvent event = parse(Provider.GITLAB, "X-Gitlab-Event", "Merge Request Hook",
                "gitlab-merge-request-update.json");

        assertThat(event.plan()).isTrue();
        assertThat(event.api()).isEqualTo(ScmApi.GITLAB);
        assertThat(event.repository()).isEqualTo("platform/routes");
        assertThat(event.number()).isEqualTo(7);
        assertThat(event.targetBranch()).isEqualTo("main");
        assertThat(event.headCommit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(event.baseCommit()).isNull();
        assertThat(event.headRef()).isEqualTo("refs/merge-requests/7/head");
        assertThat(event.repositoryUrl()).isEqualTo("https://gitlab.example.com/platform/routes");
        assertThat(event.description()).isEqualTo("GitLab merge request platform/routes!7 at da15608 (update)");
    }

    @Test
    void aGitLabUpdateWithoutNewCommitsIsIgnoredUnlessTheTargetChanged() {
        String withoutOldrev = """
                {"project": {"path_with_namespace": "platform/routes"},
                 "object_attributes": {"iid": 7, "action": "update", "state": "opened", "target_branch": "main",
                                       "last_commit": {"id": "%s"}}%s}
                """;
        String head = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
        PullRequestEvent title = parse(Provider.GITLAB, "X-Gitlab-Event", "Merge Request Hook",
                json(withoutOldrev.formatted(head, "")));
        assertThat(title.plan()).isFalse();
        assertThat(title.ignoredBecause()).contains("without new commits or a new target branch");

        PullRequestEvent retargeted = parse(Provider.GITLAB, "X-Gitlab-Event", "Merge Request Hook",
                json(withoutOldrev.formatted(head,
                        ", \"changes\": {\"target_branch\": {\"previous\": \"develop\", \"current\": \"main\"}}")));
        assertThat(retargeted.plan()).isTrue();

        for (String action : new String[] {"close", "merge", "approved"}) {
            PullRequestEvent other = parse(Provider.GITLAB, "X-Gitlab-Event", "Merge Request Hook", json("""
                    {"object_attributes": {"iid": 7, "action": "%s"}}""".formatted(action)));
            assertThat(other.plan()).as(action).isFalse();
        }
    }

    @Test
    void aBitbucketCloudPullRequestFromAForkNamesTheForkAndItsBranch() {
        PullRequestEvent event = parse(Provider.BITBUCKET, "X-Event-Key", "pullrequest:updated",
                "bitbucket-cloud-pullrequest-updated-fork.json");

        assertThat(event.plan()).isTrue();
        assertThat(event.api()).isEqualTo(ScmApi.BITBUCKET_CLOUD);
        assertThat(event.repository()).isEqualTo("platform/routes");
        assertThat(event.number()).isEqualTo(3);
        assertThat(event.targetBranch()).isEqualTo("main");
        assertThat(event.headCommit()).isEqualTo("d3c81b4ee4d4");
        assertThat(event.hasCommitId()).as("Bitbucket Cloud abbreviates to 12 digits").isTrue();
        assertThat(event.baseCommit()).as("abbreviated, so unknown").isNull();
        assertThat(event.headRef()).isEqualTo("refs/heads/orders");
        assertThat(event.sourceRepository()).isEqualTo("ada/routes");
        assertThat(event.repositoryUrl()).isEqualTo("https://bitbucket.org/platform/routes");
    }

    @Test
    void bitbucketCloudMergedOrDeclinedPullRequestsAreIgnored() {
        for (String key : new String[] {"pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:approved"}) {
            PullRequestEvent event = parse(Provider.BITBUCKET, "X-Event-Key", key, json("""
                    {"pullrequest": {"id": 3, "state": "MERGED"}}"""));
            assertThat(event.plan()).as(key).isFalse();
        }
    }

    @Test
    void aBitbucketDataCenterRetargetedPullRequestIsPlannedThroughItsFromRef() {
        PullRequestEvent event = parse(Provider.BITBUCKET, "X-Event-Key", "pr:modified",
                "bitbucket-dc-pr-modified-target.json");

        assertThat(event.plan()).isTrue();
        assertThat(event.api()).isEqualTo(ScmApi.BITBUCKET_DATA_CENTER);
        assertThat(event.repository()).isEqualTo("PLAT/routes");
        assertThat(event.number()).isEqualTo(21);
        assertThat(event.targetBranch()).isEqualTo("main");
        assertThat(event.headCommit()).isEqualTo("ef8755f06ee4b28c96a847a95cb8ec8ed6ddd1ca");
        assertThat(event.baseCommit()).isEqualTo("178864a7d521b6f5e720b386b2c2b0ef8563e0dc");
        assertThat(event.headRef()).isEqualTo("refs/pull-requests/21/from");
        assertThat(event.repositoryUrl()).isEqualTo("https://bitbucket.example.com/projects/PLAT/repos/routes");
    }

    @Test
    void aBitbucketDataCenterModificationThatKeepsTheTargetIsIgnored() {
        String body = new String(payload("bitbucket-dc-pr-modified-target.json"), StandardCharsets.UTF_8)
                .replace("\"refs/heads/develop\"", "\"refs/heads/main\"");
        PullRequestEvent event = parse(Provider.BITBUCKET, "X-Event-Key", "pr:modified", json(body));

        assertThat(event.plan()).isFalse();
        assertThat(event.ignoredBecause()).isEqualTo("the pull request was modified but its target branch did not "
                + "change");
        assertThat(parse(Provider.BITBUCKET, "X-Event-Key", "pr:from_ref_updated", json(body)).plan()).isTrue();
        assertThat(parse(Provider.BITBUCKET, "X-Event-Key", "pr:merged", json(body)).plan()).isFalse();
    }

    @Test
    void aPlannedEventWithoutItsHeadIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", json("""
                {"action": "synchronize", "number": 12, "repository": {"full_name": "platform/routes"},
                 "pull_request": {"base": {"ref": "main"}, "head": {}}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub pull_request payload has no pull_request.head.sha");
        assertThatThrownBy(() -> parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", json("not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void aHeadThatIsNotACommitIdIsFlagged() {
        PullRequestEvent event = parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", json("""
                {"action": "opened", "number": 12, "repository": {"full_name": "platform/routes"},
                 "pull_request": {"base": {"ref": "main"}, "head": {"sha": "HEAD~1"}}}"""));
        assertThat(event.plan()).isTrue();
        assertThat(event.hasCommitId()).isFalse();
        PullRequestEvent shortGitHub = parse(Provider.GITHUB, "X-GitHub-Event", "pull_request", json("""
                {"action": "opened", "number": 12, "repository": {"full_name": "platform/routes"},
                 "pull_request": {"base": {"ref": "main"}, "head": {"sha": "d3c81b4ee4d4"}}}"""));
        assertThat(shortGitHub.hasCommitId()).as("only Bitbucket Cloud abbreviates").isFalse();
    }
}
