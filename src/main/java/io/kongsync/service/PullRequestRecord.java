package io.kongsync.service;

import io.kongsync.git.PullRequestHead;
import io.kongsync.scm.PullRequest;
import io.kongsync.scm.ScmApi;

import java.util.Objects;

/**
 * The pull request a dry run planned, as the history keeps it.
 *
 * @param api              the provider API that answers for it
 * @param repository       the base repository as that API names it
 * @param number           its number (GitLab: the merge request's iid)
 * @param headCommit       the commit planned: full id once fetched (Bitbucket Cloud's events abbreviate it)
 * @param baseCommit       the target branch's head as the event named it; null when the event names none
 * @param mergeBase        where the head branched from the configured branch, as kongsync found it; null when unknown
 * @param repositoryUrl    the base repository's web address; null when unknown
 * @param headRef          the ref the head was fetched from ({@code refs/pull/12/head}, a fork's branch...)
 * @param sourceRepository the fork it was fetched from (Bitbucket Cloud); null for the configured repository
 * @param routesTree       the git object id of the routes path at the head, once planned; null before, or when absent
 */
public record PullRequestRecord(ScmApi api, String repository, long number, String headCommit, String baseCommit,
                                String mergeBase, String repositoryUrl, String headRef, String sourceRepository,
                                String routesTree) {

    public PullRequestRecord {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(headCommit, "headCommit");
    }

    /** As the provider API knows it. */
    public PullRequest pullRequest() {
        return new PullRequest(api, repository, number, headCommit, baseCommit, repositoryUrl);
    }

    public PullRequestHead head() {
        return new PullRequestHead(headRef, sourceRepository, headCommit);
    }

    /** Identifies the pull request whatever its head: {@code GITHUB platform/routes#12}. */
    public String key() {
        return api + " " + repository + "#" + number;
    }

    public PullRequestRecord atHead(String fullHead, String routes) {
        return new PullRequestRecord(api, repository, number, fullHead, baseCommit, mergeBase, repositoryUrl, headRef,
                sourceRepository, routes);
    }

    public String describe() {
        return pullRequest().describe();
    }
}
