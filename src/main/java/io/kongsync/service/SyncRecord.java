package io.kongsync.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sync or dry run, as the API shows it and the history keeps it. Immutable: each step makes a new record.
 *
 * @param ref           what was asked for (commit, branch or tag); null for the branch's head
 * @param reason        what asked for it, e.g. "GitHub push to main at 1a2b3c4"
 * @param coalesced     how many later requests were folded into this one while it waited
 * @param commit        the commit synced (null before the files are read, or for a plain directory)
 * @param commitMessage its first line
 * @param durationMillis from start to finish; null until finished
 * @param plan          the plan's counts; null when no plan was made
 * @param kongMatches   after a sync: whether Kong, read again, matches the files; null for dry runs
 * @param operations    every operation's outcome (empty for dry runs)
 * @param error         why it failed; null otherwise. Never holds a secret.
 * @param problems      problems located in the files, as {@code FILE:LINE:COL: PATH: message}
 * @param reports       the report in text, JSON and markdown, secrets masked; null until finished, and null in
 *                      records read from a {@link HistoryStore} (which keeps reports apart: {@link HistoryStore#reports})
 * @param warnings      things worth a look that do not stop a sync (Cloud Map hosts without healthy instances)
 * @param nodes         per Kong node, when the gateway has several
 * @param pullRequest   the pull request a {@link Trigger#PULL_REQUEST} dry run planned; null for every other record
 *                      (and in histories written before pull requests were planned)
 * @param planFingerprint a pull request's plan as its review showed it, to compare with the sync of the merge; null
 *                      for other records
 * @param review        what was reported on the pull request and whether the provider took it; null until published
 * @param reviewedPlan  a sync's plan compared with the plan last shown on the pull request it applies; null when the
 *                      synced commit comes from no reviewed pull request
 */
public record SyncRecord(String id, SyncState state, Trigger trigger, boolean dryRun, String ref, String reason,
                         int coalesced, String commit, String commitMessage, Instant queuedAt, Instant startedAt,
                         Instant finishedAt, Long durationMillis, PlanSummary plan, Boolean kongMatches,
                         List<OperationRecord> operations, String error, List<String> problems,
                         StoredReports reports, List<String> warnings, List<NodeRecord> nodes,
                         PullRequestRecord pullRequest, PlanFingerprint planFingerprint, ReviewRecord review,
                         ReviewedPlan reviewedPlan) {

    private static final String INTERRUPTED = "kongsync stopped while this sync was %s; it did not finish, and Kong "
            + "may be partly changed: the next sync completes it";

    public SyncRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(trigger, "trigger");
        operations = operations == null ? List.of() : List.copyOf(operations);
        problems = problems == null ? List.of() : List.copyOf(problems);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public static SyncRecord queued(String id, SyncRequest request, Instant now) {
        return new SyncRecord(id, SyncState.QUEUED, request.trigger(), request.dryRun(), request.ref(),
                request.reason(), 0, null, null, now, null, null, null, null, null, List.of(), null, List.of(), null,
                List.of(), List.of(), request.pullRequest(), null, null, null);
    }

    /** This queued sync, now standing for {@code request} too: it will sync the newer ref. */
    public SyncRecord coalesce(SyncRequest request) {
        return new SyncRecord(id, state, request.trigger(), dryRun, request.ref(), request.reason(), coalesced + 1,
                commit, commitMessage, queuedAt, startedAt, finishedAt, durationMillis, plan, kongMatches, operations,
                error, problems, reports, warnings, nodes, pullRequest, planFingerprint, review, reviewedPlan);
    }

    public SyncRecord running(Instant now) {
        return new SyncRecord(id, SyncState.RUNNING, trigger, dryRun, ref, reason, coalesced, commit, commitMessage,
                queuedAt, now, null, null, plan, kongMatches, operations, error, problems, reports, warnings, nodes,
                pullRequest, planFingerprint, review, reviewedPlan);
    }

    public SyncRecord atCommit(String sha, String message) {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, sha, message, queuedAt, startedAt,
                finishedAt, durationMillis, plan, kongMatches, operations, error, problems, reports, warnings, nodes,
                pullRequest, planFingerprint, review, reviewedPlan);
    }

    /** The same record with the warnings the plan carries and the per-node results. */
    public SyncRecord withWarningsAndNodes(List<String> planWarnings, List<NodeRecord> nodeResults) {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, commit, commitMessage, queuedAt,
                startedAt, finishedAt, durationMillis, plan, kongMatches, operations, error, problems, reports,
                planWarnings, nodeResults, pullRequest, planFingerprint, review, reviewedPlan);
    }

    /** The finished record. {@code error} null means it succeeded. */
    public SyncRecord finished(Instant now, PlanSummary planSummary, Boolean matches, List<OperationRecord> ops,
                               String failure, List<String> fileProblems, StoredReports rendered) {
        Instant begun = startedAt != null ? startedAt : now;
        return new SyncRecord(id, failure == null ? SyncState.SUCCEEDED : SyncState.FAILED, trigger, dryRun, ref,
                reason, coalesced, commit, commitMessage, queuedAt, begun, now,
                Duration.between(begun, now).toMillis(), planSummary, matches, ops, failure, fileProblems, rendered,
                warnings, nodes, pullRequest, planFingerprint, review, reviewedPlan);
    }

    public SyncRecord withoutReports() {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, commit, commitMessage, queuedAt,
                startedAt, finishedAt, durationMillis, plan, kongMatches, operations, error, problems, null, warnings,
                nodes, pullRequest, planFingerprint, review, reviewedPlan);
    }

    /** The pull request at its full head commit, with its routes tree and the fingerprint of the plan shown. */
    public SyncRecord withPlannedPullRequest(PullRequestRecord planned, PlanFingerprint fingerprint) {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, commit, commitMessage, queuedAt,
                startedAt, finishedAt, durationMillis, plan, kongMatches, operations, error, problems, reports,
                warnings, nodes, planned, fingerprint, review, reviewedPlan);
    }

    public SyncRecord withReview(ReviewRecord published) {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, commit, commitMessage, queuedAt,
                startedAt, finishedAt, durationMillis, plan, kongMatches, operations, error, problems, reports,
                warnings, nodes, pullRequest, planFingerprint, published, reviewedPlan);
    }

    public SyncRecord withReviewedPlan(ReviewedPlan compared) {
        return new SyncRecord(id, state, trigger, dryRun, ref, reason, coalesced, commit, commitMessage, queuedAt,
                startedAt, finishedAt, durationMillis, plan, kongMatches, operations, error, problems, reports,
                warnings, nodes, pullRequest, planFingerprint, review, compared);
    }

    /** Left queued or running by a kongsync that stopped: it did not finish. */
    public SyncRecord interrupted(Instant now) {
        return failed(now, INTERRUPTED.formatted(state.label()));
    }

    /** Left queued or running by a replica that lost the sync lock (it stopped, or its session was cut). */
    public SyncRecord interrupted(Instant now, String replica, String takenOverBy) {
        return failed(now, ("kongsync stopped while this sync was %s on replica %s (replica %s took the sync lock "
                + "over); it did not finish, and Kong may be partly changed: the next sync completes it")
                .formatted(state.label(), replica, takenOverBy));
    }

    public SyncRecord failed(Instant now, String failure) {
        return finished(now, plan, kongMatches, operations, failure, problems, reports);
    }
}
