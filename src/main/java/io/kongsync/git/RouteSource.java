package io.kongsync.git;

/**
 * Where the route files come from: a git repository or a plain directory. The idea of Spring Cloud Config's
 * EnvironmentRepository, cut down to what a sync needs.
 */
public interface RouteSource {

    /**
     * Brings the source up to date (a fetch, for git) and returns the files at {@code ref}.
     *
     * @param ref null for the configured branch's head; else a branch name, a tag, or a full or abbreviated
     *            commit id. Blocking: callers run it off the event loop.
     * @throws SourceException with a clear message that never contains a credential
     */
    Snapshot checkout(String ref);

    /** Where the files come from, for status pages: credentials stripped from the URI. */
    SourceInfo info();

    /**
     * True when some file under the routes path differs between the two commits (a null {@code fromCommit} is
     * always true). For directory sources: always true.
     *
     * @throws SourceException when {@code toCommit} is not known
     */
    boolean routesChanged(String fromCommit, String toCommit);

    /**
     * Fetches a pull request's head (with the configured branch, so {@link #mergeBase} sees its newest commit).
     * Blocking.
     *
     * @return the full commit id of the head the event named
     * @throws SourceException when it cannot be fetched or the named commit is not there; a source without commits
     *                         always throws
     */
    default String fetchPullRequest(PullRequestHead head) {
        throw new SourceException("pull requests are planned only when the routes come from git (kongsync.git.uri)");
    }

    /**
     * The newest commit that both {@code commit} and the configured branch's head (as last fetched) descend from: where
     * a pull request branched off. Null when they share none, or for a source without commits.
     */
    default String mergeBase(String commit) {
        return null;
    }

    /** The commit's parents and routes tree; empty for a source without commits or a commit that is not known. */
    default java.util.Optional<CommitRoutes> commitRoutes(String commit) {
        return java.util.Optional.empty();
    }
}
