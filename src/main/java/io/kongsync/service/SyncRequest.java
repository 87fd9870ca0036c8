package io.kongsync.service;

import java.util.Objects;

/**
 * A request for a sync or a dry run.
 *
 * @param ref         the commit, branch or tag to sync; null for the configured branch's head; checked by
 *                    {@link RefNames#checked}
 * @param reason      what asked for it, for people reading the history (e.g. "GitHub push to main at 1a2b3c4")
 * @param pullRequest for a dry run of a pull request's head ({@link Trigger#PULL_REQUEST}); null otherwise
 */
public record SyncRequest(Trigger trigger, boolean dryRun, String ref, String reason, PullRequestRecord pullRequest) {

    public SyncRequest {
        Objects.requireNonNull(trigger, "trigger");
        ref = RefNames.checked(ref);
        if (pullRequest != null && !dryRun) {
            throw new IllegalArgumentException("a pull request is only ever planned, never synced");
        }
    }

    public SyncRequest(Trigger trigger, boolean dryRun, String ref, String reason) {
        this(trigger, dryRun, ref, reason, null);
    }

    /** A dry run of the pull request's head commit. */
    public static SyncRequest pullRequest(PullRequestRecord pullRequest, String reason) {
        return new SyncRequest(Trigger.PULL_REQUEST, true, pullRequest.headCommit(), reason, pullRequest);
    }
}
