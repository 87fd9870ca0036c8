package io.kongsync.service;

import io.kongsync.git.CommitRoutes;
import io.kongsync.git.RouteSource;
import io.kongsync.plan.Plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Ties a sync to the pull request it applies, and says whether it applies the plan that was reviewed there.
 *
 * <p>The rule, for a sync of commit X: among the pull requests' dry runs that made a plan (newest first), the first
 * whose planned head is X; else the first whose head is a parent of X (X merges it); else the first whose routes tree
 * is X's (a squash or rebase merge: new commits, the same route files). A review is compared once: by the first sync
 * tied to it, so a later sync of the same commit (a start-up sync, a drift correction) says nothing about it.
 */
public final class ReviewedPlans {

    private final HistoryStore history;
    private final RouteSource source;
    private final PlanFingerprints fingerprints;

    public ReviewedPlans(HistoryStore history, RouteSource source, PlanFingerprints fingerprints) {
        this.history = history;
        this.source = source;
        this.fingerprints = fingerprints;
    }

    public PlanFingerprint fingerprint(Plan plan) {
        return fingerprints.of(plan);
    }

    /** The routes tree of a commit; null when unknown. */
    String routesTree(String commit) {
        return commit == null ? null : source.commitRoutes(commit).map(CommitRoutes::routesTree).orElse(null);
    }

    /**
     * Compares the plan a sync of {@code commit} made with the review of the pull request it applies. Blocking (git).
     *
     * @param syncId the sync's own record, which is never its own match
     * @return empty when no reviewed pull request leads to the commit, or its review was compared already
     */
    public Optional<ReviewedPlan> compare(String syncId, String commit, Plan applied) {
        if (commit == null) {
            return Optional.empty();
        }
        Optional<CommitRoutes> synced = source.commitRoutes(commit);
        if (synced.isEmpty()) {
            return Optional.empty();
        }
        List<SyncRecord> newestFirst = history.list(0, Integer.MAX_VALUE).items();
        List<SyncRecord> reviews = newestFirst.stream().filter(r -> r.pullRequest() != null
                && r.planFingerprint() != null && r.state().finished()).toList();
        CommitRoutes x = synced.get();
        List<Map.Entry<String, BiPredicate<PullRequestRecord, CommitRoutes>>> rules = List.of(
                Map.entry("head", (pr, c) -> c.commit().equals(pr.headCommit())),
                Map.entry("parent", (pr, c) -> c.parents().contains(pr.headCommit())),
                Map.entry("routes", (pr, c) -> c.routesTree() != null && c.routesTree().equals(pr.routesTree())));
        for (Map.Entry<String, BiPredicate<PullRequestRecord, CommitRoutes>> rule : rules) {
            for (SyncRecord review : reviews) {
                if (rule.getValue().test(review.pullRequest(), x)) {
                    return comparedAlready(newestFirst, review.id(), syncId) ? Optional.empty()
                            : Optional.of(compare(review, rule.getKey(), applied));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean comparedAlready(List<SyncRecord> newestFirst, String reviewId, String syncId) {
        return newestFirst.stream().anyMatch(r -> !r.id().equals(syncId) && r.reviewedPlan() != null
                && reviewId.equals(r.reviewedPlan().reviewedAt()));
    }

    private ReviewedPlan compare(SyncRecord review, String matchedBy, Plan applied) {
        Map<String, Integer> reviewed = new HashMap<>();
        review.planFingerprint().changes().forEach(c -> reviewed.merge(c.hash(), 1, Integer::sum));
        List<String> notReviewed = new ArrayList<>();
        Map<String, Integer> unmatched = new HashMap<>(reviewed);
        for (PlanFingerprint.Change change : fingerprints.of(applied).changes()) {
            Integer left = unmatched.get(change.hash());
            if (left == null || left == 0) {
                notReviewed.add(change.change());
            } else {
                unmatched.put(change.hash(), left - 1);
            }
        }
        List<String> notApplied = new ArrayList<>();
        for (PlanFingerprint.Change change : review.planFingerprint().changes()) {
            Integer left = unmatched.get(change.hash());
            if (left != null && left > 0) {
                notApplied.add(change.change());
                unmatched.put(change.hash(), left - 1);
            }
        }
        PullRequestRecord pr = review.pullRequest();
        return new ReviewedPlan(pr.api(), pr.repository(), pr.number(), review.id(), pr.headCommit(), matchedBy,
                notReviewed.isEmpty() && notApplied.isEmpty(), notReviewed, notApplied);
    }
}
