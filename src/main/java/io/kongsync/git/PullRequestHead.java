package io.kongsync.git;

import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * Where git finds a pull request's head.
 *
 * @param ref              the ref that holds it: the provider's pull-request ref in the configured repository
 *                         ({@code refs/pull/12/head}, {@code refs/merge-requests/12/head},
 *                         {@code refs/pull-requests/12/from}), or a branch ({@code refs/heads/feature}) of
 *                         {@code sourceRepository}
 * @param sourceRepository null for the configured repository; else a fork on the same host, named as the host's path
 *                         names it ({@code workspace/slug}), reached with the configured credentials
 * @param commit           the head the event names: a full commit id, or an abbreviation of at least 12 hex digits
 */
public record PullRequestHead(String ref, String sourceRepository, String commit) {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{12,40}|[0-9a-fA-F]{64}");

    public PullRequestHead {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commit, "commit");
        // the ref becomes part of a fetch refspec: nothing in it may change what is fetched or where it goes
        if (!ref.startsWith("refs/") || !Repository.isValidRefName(ref) || ref.contains(":") || ref.contains("*")) {
            throw new IllegalArgumentException("not a ref git can fetch: " + ref);
        }
        if (sourceRepository != null && (!REPOSITORY.matcher(sourceRepository).matches()
                || sourceRepository.contains("..") || sourceRepository.startsWith("."))) {
            throw new IllegalArgumentException("not a repository name (owner/name): " + sourceRepository);
        }
        if (!COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("not a commit id: a pull request's head is planned by its commit id");
        }
    }
}
