package io.kongsync.git;

/** Where the route files come from: a git repository, or a plain directory. */
public interface RouteSource {

    /**
     * Brings the source up to date (a fetch, for git) and returns the files at {@code ref} (null = the configured
     * branch's head). Blocking.
     */
    Snapshot checkout(String ref);

    SourceInfo info();

    /** True when some file under the routes path differs between the two commits (null {@code from}: true). */
    boolean routesChanged(String fromCommit, String toCommit);
}
