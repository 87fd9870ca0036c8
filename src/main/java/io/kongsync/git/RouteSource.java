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
}
