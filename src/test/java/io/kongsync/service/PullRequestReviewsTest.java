package io.kongsync.service;

import io.kongsync.git.CommitRoutes;
import io.kongsync.git.RouteSource;
import io.kongsync.git.Snapshot;
import io.kongsync.git.SourceInfo;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.Origin;
import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import io.kongsync.scm.Delivery;
import io.kongsync.scm.PullRequest;
import io.kongsync.scm.PullRequestReviews;
import io.kongsync.scm.Review;
import io.kongsync.scm.ScmApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pull request's dry run reports (verdict, status line), in which order the provider hears it, how the history
 * keeps it, and how a sync's plan is compared with the reviewed one.
 */
class PullRequestReviewsTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final String HEAD_1 = "1".repeat(40);
    static final String HEAD_2 = "2".repeat(40);

    @TempDir
    Path dir;
    HistoryStore history;

    /** Records every call; a client that throws is one the reviewer must survive. */
    static final class Recording implements PullRequestReviews {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Review> reviews = new CopyOnWriteArrayList<>();
        volatile boolean throwOnPublish;

        @Override
        public Delivery pending(PullRequest pullRequest) {
            calls.add("pending " + pullRequest.headCommit().charAt(0));
            return Delivery.OK;
        }

        @Override
        public Delivery publish(PullRequest pullRequest, Review review) {
            calls.add("publish " + pullRequest.headCommit().charAt(0) + " " + review.verdict());
            reviews.add(review);
            if (throwOnPublish) {
                throw new IllegalStateException("token ghp_secret123 rejected");
            }
            return Delivery.OK;
        }
    }

    final Recording reviews = new Recording();
    PullRequestReviewer reviewer;

    @BeforeEach
    void open() {
        history = HistoryStore.open(dir, 100, 1 << 20, T0);
        reviewer = new PullRequestReviewer(reviews, history, null, Runnable::run);
    }

    static PullRequestRecord pullRequest(String head) {
        return new PullRequestRecord(ScmApi.GITHUB, "platform/routes", 12, head, null, null,
                "https://github.com/platform/routes", "refs/pull/12/head", null, null);
    }

    /** A finished pull-request dry run, saved as the coordinator saves it. */
    SyncRecord finished(String id, String head, PlanSummary plan, String error, List<String> problems) {
        SyncRecord record = SyncRecord.queued(id, SyncRequest.pullRequest(pullRequest(head), "test"), T0).running(T0)
                .atCommit(head, "change").finished(T0.plusSeconds(1), plan, null, List.of(), error, problems,
                        new StoredReports("text", "{}", "## kongsync plan\n"));
        history.save(record);
        return record;
    }

    @Test
    void theStatusLineSaysWhatThePlanDoesOrWhyItCannotBeApplied() {
        assertThat(PlanReviews.description(finished("a", HEAD_1, new PlanSummary(2, 1, 0, 0), null, List.of())))
                .isEqualTo("2 to create, 1 to update, 0 to delete");
        assertThat(PlanReviews.description(finished("b", HEAD_1, new PlanSummary(1, 0, 0, 1),
                "1 entity in the files exist in Kong without kongsync's tags; nothing was applied.", List.of())))
                .isEqualTo("1 conflict");
        assertThat(PlanReviews.description(finished("c", HEAD_1, null, "3 problems in the files at 1111",
                List.of("a.yaml:1:1: x", "a.yaml:2:1: y", "a.yaml:3:1: z")))).isEqualTo("3 problems in the files");
        assertThat(PlanReviews.description(finished("d", HEAD_1, new PlanSummary(0, 0, 9, 0),
                "Refusing to delete 9 of the 10 entities (90 %) kongsync manages in Kong; ...", List.of())))
                .isEqualTo("mass delete refused: 9 to delete");
        assertThat(PlanReviews.description(finished("e", HEAD_1, null, "Connection refused: localhost/127.0.0.1:1",
                List.of()))).isEqualTo("could not plan: Connection refused: localhost/127.0.0.1:1");
        assertThat(PlanReviews.description(finished("f", HEAD_1, new PlanSummary(1, 0, 0, 0),
                "Kong rejects 1 plugin configuration", List.of("a.yaml:4:7: config.minute: bad"))))
                .isEqualTo("Kong rejects 1 plugin configuration");
    }

    @Test
    void aSucceededDryRunWithConflictsStillFailsTheReview() {
        SyncRecord conflicted = finished("a", HEAD_1, new PlanSummary(1, 0, 0, 2), null, List.of());

        Review review = PlanReviews.of(conflicted, "## kongsync plan\n", null);

        assertThat(review.verdict()).isEqualTo(Review.Verdict.FAILURE);
        assertThat(review.description()).isEqualTo("2 conflicts");
        assertThat(review.fullReport()).as("no public address, no link").isNull();
    }

    @Test
    void pendingComesFirstAndAPlanOfAnOlderHeadIsNotPublishedOverTheNewerOne() {
        reviewer.accepted(pullRequest(HEAD_1));
        reviewer.accepted(pullRequest(HEAD_2));
        SyncRecord newer = finished("b", HEAD_2, new PlanSummary(1, 0, 0, 0), null, List.of());
        reviewer.finished(newer);
        SyncRecord older = finished("a", HEAD_1, new PlanSummary(2, 0, 0, 0), null, List.of());
        reviewer.finished(older);

        assertThat(reviews.calls).containsExactly("pending 1", "pending 2", "publish 2 SUCCESS");
        assertThat(history.get("b").orElseThrow().review())
                .isEqualTo(new ReviewRecord("success", "1 to create, 0 to update, 0 to delete", true, List.of()));
        ReviewRecord skipped = history.get("a").orElseThrow().review();
        assertThat(skipped.delivered()).isFalse();
        assertThat(skipped.problems()).containsExactly("not published: GitHub pull request platform/routes#12 has a "
                + "newer head, 2222222, whose plan is published");
    }

    @Test
    void aClientThatThrowsIsAFailedDeliveryThatNamesNoSecretAndTheDryRunStands() {
        reviews.throwOnPublish = true;
        reviewer.accepted(pullRequest(HEAD_1));
        reviewer.finished(finished("a", HEAD_1, new PlanSummary(1, 0, 0, 0), null, List.of()));

        SyncRecord stored = history.get("a").orElseThrow();
        assertThat(stored.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(stored.review().delivered()).isFalse();
        assertThat(stored.review().problems()).containsExactly("the provider client failed: IllegalStateException");
        assertThat(HistoryStore.open(dir, 100, 1 << 20, T0).get("a").orElseThrow().review())
                .as("kept across restarts").isEqualTo(stored.review());
    }

    @Test
    void aRefusedPlanTellsThePullRequestToPushAgain() {
        reviewer.accepted(pullRequest(HEAD_1));
        reviewer.refused(pullRequest(HEAD_1), PullRequestReviewer.BUSY);

        assertThat(reviews.calls).containsExactly("pending 1", "publish 1 FAILURE");
        assertThat(reviews.reviews.get(0).description()).isEqualTo("kongsync is busy, push again");
    }

    @Test
    void historyLinesWrittenBeforePullRequestsWerePlannedStillRead() throws Exception {
        Files.writeString(dir.resolve("history.jsonl"), """
                {"id":"old-1","state":"succeeded","trigger":"webhook","dryRun":false,"ref":null,"reason":"push",\
                "coalesced":0,"commit":"abc","commitMessage":"m","queuedAt":"2026-01-01T00:00:00Z",\
                "startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:01Z","durationMillis":1000,\
                "plan":{"create":1,"update":0,"delete":0,"conflicts":0},"kongMatches":true,"operations":[],\
                "error":null,"problems":[],"warnings":[],"nodes":[]}
                """, StandardCharsets.UTF_8);

        SyncRecord old = HistoryStore.open(dir, 100, 1 << 20, T0).get("old-1").orElseThrow();

        assertThat(old.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(old.pullRequest()).isNull();
        assertThat(old.review()).isNull();
        assertThat(old.reviewedPlan()).isNull();
        assertThat(old.trigger()).isEqualTo(Trigger.WEBHOOK);
    }

    // --- the reviewed plan ---

    static Change update(String route, String from, String to) {
        return new Change(Action.UPDATE, EntityKey.of(EntityKind.ROUTE, route),
                List.of(new FieldChange("hosts", List.of(from), List.of(to), false)), null, null);
    }

    static Change createKey(String key) {
        EntityKey id = new EntityKey(EntityKind.KEYAUTH_CREDENTIAL, key, Map.of("consumer", "mobile-app"));
        Entity desired = new Entity(id, id.deterministicId(), Map.of("key", key), Origin.KONG, java.util.Set.of());
        return new Change(Action.CREATE, id, List.of(new FieldChange("key", null, key, true)), desired, null);
    }

    /** Commits known to the fake source: id to (parents, routes tree). */
    final Map<String, CommitRoutes> commits = new HashMap<>();
    final RouteSource source = new RouteSource() {
        @Override
        public Snapshot checkout(String ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SourceInfo info() {
            return new SourceInfo("git", "file:///repo", "main", "routes");
        }

        @Override
        public boolean routesChanged(String fromCommit, String toCommit) {
            return true;
        }

        @Override
        public Optional<CommitRoutes> commitRoutes(String commit) {
            return Optional.ofNullable(commits.get(commit));
        }
    };

    final PlanFingerprints fingerprints = PlanFingerprints.withKey("k".repeat(32).getBytes(StandardCharsets.UTF_8));

    SyncRecord reviewedAt(String id, String head, String routesTree, Plan plan) {
        SyncRecord record = finished(id, head, new PlanSummary(0, plan.changes().size(), 0, 0), null, List.of())
                .withPlannedPullRequest(pullRequest(head).atHead(head, routesTree), fingerprints.of(plan));
        history.save(record);
        return record;
    }

    @Test
    void aPlanWithAChangeKongGainedSinceTheReviewDoesNotMatchAndNamesIt() {
        Plan reviewedPlan = new Plan(List.of(update("orders", "a", "b")), List.of());
        reviewedAt("r1", HEAD_1, "tree-1", reviewedPlan);
        commits.put(HEAD_1, new CommitRoutes(HEAD_1, List.of("0".repeat(40)), "tree-1"));
        ReviewedPlans plans = new ReviewedPlans(history, source, fingerprints);

        ReviewedPlan same = plans.compare("s1", HEAD_1, reviewedPlan).orElseThrow();
        ReviewedPlan drifted = plans.compare("s2", HEAD_1, new Plan(List.of(update("orders", "a", "b"),
                update("nyan", "drifted", "nyan")), List.of())).orElseThrow();
        ReviewedPlan otherValue = plans.compare("s3", HEAD_1, new Plan(List.of(update("orders", "x", "b")),
                List.of())).orElseThrow();

        assertThat(same.matches()).isTrue();
        assertThat(same.matchedBy()).isEqualTo("head");
        assertThat(same.reviewedAt()).isEqualTo("r1");
        assertThat(drifted.matches()).isFalse();
        assertThat(drifted.notReviewed()).containsExactly("update route nyan");
        assertThat(drifted.reviewedButNotApplied()).isEmpty();
        assertThat(otherValue.notReviewed()).containsExactly("update route orders");
        assertThat(otherValue.reviewedButNotApplied()).containsExactly("update route orders");
    }

    @Test
    void theHeadRuleComesBeforeParentsWhichComeBeforeTheRoutesTreeAndAReviewIsComparedOnce() {
        String merge = "9".repeat(40);
        Plan plan = new Plan(List.of(update("orders", "a", "b")), List.of());
        reviewedAt("r1", HEAD_1, "tree-x", plan);
        reviewedAt("r2", HEAD_2, "tree-m", plan);
        commits.put(merge, new CommitRoutes(merge, List.of("0".repeat(40), HEAD_1), "tree-m"));
        ReviewedPlans plans = new ReviewedPlans(history, source, fingerprints);

        ReviewedPlan byParent = plans.compare("s1", merge, plan).orElseThrow();
        assertThat(byParent.reviewedAt()).as("a parent beats a newer review with the same routes").isEqualTo("r1");
        assertThat(byParent.matchedBy()).isEqualTo("parent");

        SyncRecord sync = SyncRecord.queued("s1", new SyncRequest(Trigger.WEBHOOK, false, merge, "push"), T0)
                .withReviewedPlan(byParent);
        history.save(sync);
        assertThat(plans.compare("s1", merge, plan)).as("its own record is no obstacle").isPresent();
        assertThat(plans.compare("s9", merge, plan)).as("a later sync of the merge: r1 was compared already")
                .isEmpty();
        String squash = "7".repeat(40);
        commits.put(squash, new CommitRoutes(squash, List.of("0".repeat(40)), "tree-m"));
        ReviewedPlan bySameRoutes = plans.compare("s10", squash, plan).orElseThrow();
        assertThat(bySameRoutes.reviewedAt()).isEqualTo("r2");
        assertThat(bySameRoutes.matchedBy()).isEqualTo("routes");
        assertThat(plans.compare("s11", "8".repeat(40), plan)).as("an unknown commit").isEmpty();
    }

    @Test
    void aFingerprintHoldsNoSecretButTellsSecretsApart() {
        PlanFingerprint one = fingerprints.of(new Plan(List.of(createKey("key-of-mobile-app-123")), List.of()));
        PlanFingerprint other = fingerprints.of(new Plan(List.of(createKey("key-of-mobile-app-124")), List.of()));
        PlanFingerprint otherKey = PlanFingerprints.withKey("z".repeat(32).getBytes(StandardCharsets.UTF_8))
                .of(new Plan(List.of(createKey("key-of-mobile-app-123")), List.of()));

        assertThat(one.toString()).doesNotContain("key-of-mobile-app");
        assertThat(one.changes().get(0).change()).isEqualTo("create keyauth_credential (sensitive) (consumer "
                + "mobile-app)");
        assertThat(one.changes().get(0).hash()).isNotEqualTo(other.changes().get(0).hash())
                .isNotEqualTo(otherKey.changes().get(0).hash()).hasSize(32);
    }

    @Test
    void theFingerprintKeyIsMadeOnceAndKeptOwnerOnly() throws Exception {
        PlanFingerprints first = PlanFingerprints.open(dir);
        PlanFingerprints again = PlanFingerprints.open(dir);
        Plan plan = new Plan(List.of(update("orders", "a", "b")), List.of());

        assertThat(first.of(plan)).isEqualTo(again.of(plan));
        Path key = dir.resolve(PlanFingerprints.KEY_FILE);
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
    }
}
