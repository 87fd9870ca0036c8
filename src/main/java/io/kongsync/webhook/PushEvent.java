package io.kongsync.webhook;

import java.util.Set;

/**
 * What a verified webhook says happened.
 *
 * @param branch       the branch pushed to (e.g. {@code main}); null when not a branch push
 * @param commit       the branch's new head (full sha); null on a branch deletion and for non-push events
 * @param changedFiles repository-relative paths changed by the pushed commits; null when the payload does not
 *                     list them or the list is known to be incomplete (truncated, forced or new branch)
 * @param description  for logs and responses, e.g. "GitHub push to main at 1a2b3c4"
 */
public record PushEvent(Kind kind, String branch, String commit, Set<String> changedFiles, String description) {

    public enum Kind { PING, PUSH, BRANCH_DELETED, OTHER }

    public PushEvent {
        changedFiles = changedFiles == null ? null : Set.copyOf(changedFiles);
    }

    static PushEvent ping(Provider provider) {
        return new PushEvent(Kind.PING, null, null, null, provider.displayName() + " ping");
    }

    static PushEvent other(String description) {
        return new PushEvent(Kind.OTHER, null, null, null, description);
    }

    static PushEvent push(Provider provider, String branch, String commit, Set<String> changedFiles) {
        return new PushEvent(Kind.PUSH, branch, commit, changedFiles,
                provider.displayName() + " push to " + branch + " at " + abbreviate(commit));
    }

    static PushEvent branchDeleted(Provider provider, String branch) {
        return new PushEvent(Kind.BRANCH_DELETED, branch, null, null,
                provider.displayName() + " deletion of branch " + branch);
    }

    static String abbreviate(String commit) {
        return commit == null || commit.length() <= 7 ? String.valueOf(commit) : commit.substring(0, 7);
    }

    /** True when the pushed head is a full commit id (40 or 64 hex digits), not a branch name or HEAD~1. */
    public boolean hasFullCommitId() {
        return Refs.isCommitId(commit);
    }
}
