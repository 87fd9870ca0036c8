package io.kongsync.webhook;

import static io.kongsync.webhook.Fixtures.headers;
import static io.kongsync.webhook.Fixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongsync.webhook.PushEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PushEventsTest {

    @Nested
    class GitHub {
        private PushEvent parse(String event, String fixture) {
            return PushEvents.parse(Provider.GITHUB, headers("X-GitHub-Event", event), payload(fixture));
        }

        @Test
        void ping() {
            PushEvent event = parse("ping", "github-ping.json");

            assertThat(event.kind()).isEqualTo(Kind.PING);
            assertThat(event.branch()).isNull();
            assertThat(event.description()).isEqualTo("GitHub ping");
        }

        @Test
        void pushListsEveryAddedModifiedAndRemovedFile() {
            PushEvent event = parse("push", "github-push.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
            assertThat(event.changedFiles()).containsExactlyInAnyOrder(
                    "routes/orders-v2.yaml", "README.md", "routes/legacy/payments-v0.yaml", "routes/payments.yaml");
            assertThat(event.description()).isEqualTo("GitHub push to main at 0d1a26e");
            assertThat(PushEvents.touches(event, "routes")).isTrue();
            assertThat(PushEvents.touches(event, "routes/legacy")).isTrue();
            assertThat(PushEvents.touches(event, "docs")).isFalse();
        }

        @Test
        void pushOutsideTheRoutesPathDoesNotTouchIt() {
            PushEvent event = parse("push", "github-push-docs-only.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            // routes2/experiment.yaml and routes.md share the prefix but are not under routes/
            assertThat(PushEvents.touches(event, "routes")).isFalse();
            assertThat(PushEvents.touches(event, "routes/")).isFalse();
            assertThat(PushEvents.touches(event, "./routes")).isFalse();
            assertThat(PushEvents.touches(event, "routes2")).isTrue();
            assertThat(PushEvents.touches(event, "docs")).isTrue();
            assertThat(PushEvents.touches(event, "")).as("whole repository").isTrue();
            assertThat(PushEvents.touches(event, ".")).as("whole repository").isTrue();
        }

        @Test
        void pushToAnotherBranchNamesThatBranch() {
            PushEvent event = parse("push", "github-push-feature-branch.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("feature/new-upstream");
            assertThat(event.description()).isEqualTo("GitHub push to feature/new-upstream at 7a8b9c0");
        }

        @Test
        void branchDeletion() {
            PushEvent event = parse("push", "github-branch-deleted.json");

            assertThat(event.kind()).isEqualTo(Kind.BRANCH_DELETED);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isNull();
            assertThat(event.description()).isEqualTo("GitHub deletion of branch main");
        }

        @Test
        void tagPushIsNotABranchPush() {
            PushEvent event = parse("push", "github-tag-push.json");

            assertThat(event.kind()).isEqualTo(Kind.OTHER);
            assertThat(event.branch()).isNull();
            assertThat(event.description()).isEqualTo("GitHub push to tag v1.4.0");
        }

        @Test
        void forcePushHasUnknownFilesSoItTouchesEverything() {
            PushEvent event = parse("push", "github-push-forced.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.commit()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
            assertThat(event.changedFiles()).isNull();
            assertThat(PushEvents.touches(event, "routes")).isTrue();
        }

        @Test
        void otherEventsAreOther() {
            PushEvent event = parse("pull_request", "github-ping.json");

            assertThat(event.kind()).isEqualTo(Kind.OTHER);
            assertThat(event.description()).isEqualTo("GitHub pull_request event");
        }

        @Test
        void missingEventHeaderIsRejected() {
            assertThatThrownBy(() -> PushEvents.parse(Provider.GITHUB, headers(), payload("github-push.json")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("GitHub webhook has no X-GitHub-Event header");
        }
    }

    @Nested
    class GitLab {
        private PushEvent parse(String event, String fixture) {
            return PushEvents.parse(Provider.GITLAB, headers("X-Gitlab-Event", event), payload(fixture));
        }

        @Test
        void push() {
            PushEvent event = parse("Push Hook", "gitlab-push.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
            assertThat(event.changedFiles()).containsExactlyInAnyOrder("routes/inventory.yaml", ".gitlab-ci.yml");
            assertThat(event.description()).isEqualTo("GitLab push to main at da15608");
            assertThat(PushEvents.touches(event, "routes")).isTrue();
        }

        @Test
        void pushOutsideRoutes() {
            PushEvent event = parse("Push Hook", "gitlab-push-outside-routes.json");

            assertThat(event.changedFiles()).containsExactlyInAnyOrder("docs/on-call.md", "CODEOWNERS");
            assertThat(PushEvents.touches(event, "routes")).isFalse();
        }

        @Test
        void moreCommitsThanListedMeansFilesUnknown() {
            PushEvent event = parse("Push Hook", "gitlab-push-truncated.json");

            assertThat(event.changedFiles()).isNull();
            assertThat(PushEvents.touches(event, "routes")).isTrue();
        }

        @Test
        void zeroAfterIsADeletion() {
            PushEvent event = parse("Push Hook", "gitlab-branch-deleted.json");

            assertThat(event.kind()).isEqualTo(Kind.BRANCH_DELETED);
            assertThat(event.branch()).isEqualTo("release/2026-04");
            assertThat(event.commit()).isNull();
        }

        @Test
        void systemHooksAndTagPushesAreOther() {
            assertThat(parse("System Hook", "gitlab-system-hook.json").kind()).isEqualTo(Kind.OTHER);
            PushEvent tag = parse("Tag Push Hook", "gitlab-push.json");
            assertThat(tag.kind()).isEqualTo(Kind.OTHER);
            assertThat(tag.description()).isEqualTo("GitLab Tag Push Hook");
        }
    }

    @Nested
    class Bitbucket {
        private PushEvent parse(String eventKey, String fixture) {
            return PushEvents.parse(Provider.BITBUCKET, headers("X-Event-Key", eventKey), payload(fixture));
        }

        @Test
        void cloudPushHasNoFileList() {
            PushEvent event = parse("repo:push", "bitbucket-cloud-push.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isEqualTo("c0ffee5d1e1d6a2b3c4d5e6f7a8b9c0d1e2f3a4b");
            assertThat(event.changedFiles()).isNull();
            assertThat(event.description()).isEqualTo("Bitbucket push to main at c0ffee5");
            assertThat(PushEvents.touches(event, "routes")).isTrue();
        }

        @Test
        void cloudPushOfSeveralRefsPicksTheWantedBranch() {
            byte[] body = payload("bitbucket-cloud-two-branches.json");
            var header = headers("X-Event-Key", "repo:push");

            assertThat(PushEvents.parseAll(Provider.BITBUCKET, header, body))
                    .extracting(PushEvent::kind, PushEvent::branch)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Kind.PUSH, "feature/cors"),
                            org.assertj.core.groups.Tuple.tuple(Kind.PUSH, "main"),
                            org.assertj.core.groups.Tuple.tuple(Kind.OTHER, null));
            assertThat(PushEvents.parse(Provider.BITBUCKET, header, body).branch()).isEqualTo("feature/cors");
            PushEvent main = PushEvents.parse(Provider.BITBUCKET, header, body, "main");
            assertThat(main.branch()).isEqualTo("main");
            assertThat(main.commit()).isEqualTo("dec0de5d1e1d6a2b3c4d5e6f7a8b9c0d1e2f3a4b");
            assertThat(PushEvents.parse(Provider.BITBUCKET, header, body, "develop").branch())
                    .as("falls back to the first branch change").isEqualTo("feature/cors");
        }

        @Test
        void aMalformedHeadOnAnotherBranchDoesNotSpoilTheWantedBranchsChange() {
            String body = new String(payload("bitbucket-cloud-two-branches.json"), java.nio.charset.StandardCharsets.UTF_8);
            String feature = PushEvents.parseAll(Provider.BITBUCKET, headers("X-Event-Key", "repo:push"),
                    payload("bitbucket-cloud-two-branches.json")).get(0).commit();
            byte[] spoiled = body.replace(feature, "not-a-commit").getBytes(java.nio.charset.StandardCharsets.UTF_8);

            PushEvent main = PushEvents.parse(Provider.BITBUCKET, headers("X-Event-Key", "repo:push"), spoiled, "main");

            assertThat(main.hasFullCommitId()).isTrue();
            assertThat(PushEvents.parseAll(Provider.BITBUCKET, headers("X-Event-Key", "repo:push"), spoiled).get(0)
                    .hasFullCommitId()).isFalse();
        }

        @Test
        void cloudBranchDeletion() {
            PushEvent event = parse("repo:push", "bitbucket-cloud-branch-deleted.json");

            assertThat(event.kind()).isEqualTo(Kind.BRANCH_DELETED);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isNull();
        }

        @Test
        void dataCenterRefsChanged() {
            PushEvent event = parse("repo:refs_changed", "bitbucket-dc-refs-changed.json");

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.commit()).isEqualTo("178864a7d521b6f5e720b386b2c2b0ef8563e0dc");
            assertThat(event.changedFiles()).isNull();
        }

        @Test
        void dataCenterEventKeyFromTheBodyWhenTheHeaderIsMissing() {
            PushEvent event = PushEvents.parse(Provider.BITBUCKET, headers(), payload("bitbucket-dc-refs-changed.json"));

            assertThat(event.kind()).isEqualTo(Kind.PUSH);
            assertThat(event.branch()).isEqualTo("main");
        }

        @Test
        void dataCenterDeletionTagAndPing() {
            PushEvent deleted = parse("repo:refs_changed", "bitbucket-dc-branch-deleted.json");
            assertThat(deleted.kind()).isEqualTo(Kind.BRANCH_DELETED);
            assertThat(deleted.branch()).isEqualTo("main");

            PushEvent tag = parse("repo:refs_changed", "bitbucket-dc-tag-added.json");
            assertThat(tag.kind()).isEqualTo(Kind.OTHER);
            assertThat(tag.description()).isEqualTo("Bitbucket change to tag v3.1");

            PushEvent ping = parse("diagnostics:ping", "bitbucket-dc-ping.json");
            assertThat(ping.kind()).isEqualTo(Kind.PING);
        }

        @Test
        void otherEventKeysAreOther() {
            PushEvent event = parse("pr:merged", "bitbucket-dc-refs-changed.json");

            assertThat(event.kind()).isEqualTo(Kind.OTHER);
            assertThat(event.description()).isEqualTo("Bitbucket pr:merged event");
        }

        @Test
        void pushWithoutChangesIsMalformed() {
            byte[] body = "{\"push\": {}}".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> PushEvents.parse(Provider.BITBUCKET, headers("X-Event-Key", "repo:push"), body))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Bitbucket repo:push payload has no push.changes");
        }
    }

    @Test
    void malformedJsonGivesAClearMessage() {
        byte[] body = "{\"ref\": \"refs/heads/main\", ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PushEvents.parse(Provider.GITHUB, headers("X-GitHub-Event", "push"), body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("GitHub webhook body is not valid JSON: ");
        assertThatThrownBy(() -> PushEvents.parse(Provider.GITLAB, headers("X-Gitlab-Event", "Push Hook"),
                "[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab webhook body is not a JSON object");
        assertThatThrownBy(() -> PushEvents.parse(Provider.GITLAB, headers("X-Gitlab-Event", "Push Hook"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab webhook body is empty");
        assertThatThrownBy(() -> PushEvents.parse(Provider.GITHUB, headers("X-GitHub-Event", "push"),
                "{\"after\": \"abc\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub push payload has no ref");
    }

    @Test
    void touchesIsTrueWhenFilesAreUnknownAndFalseForAnEmptyList() {
        PushEvent unknown = new PushEvent(Kind.PUSH, "main", "abc", null, "x");
        PushEvent none = new PushEvent(Kind.PUSH, "main", "abc", Set.of(), "x");
        PushEvent exact = new PushEvent(Kind.PUSH, "main", "abc", Set.of("kong.yaml"), "x");

        assertThat(PushEvents.touches(unknown, "routes")).isTrue();
        assertThat(PushEvents.touches(none, "routes")).isFalse();
        assertThat(PushEvents.touches(exact, "kong.yaml")).as("a single-file routes path").isTrue();
        assertThat(PushEvents.touches(exact, "kong")).isFalse();
    }
}
