package io.kongsync.webhook;

import io.kongsync.scm.ScmApi;

/**
 * A verified pull-request (GitHub, Bitbucket) or merge-request (GitLab) event.
 *
 * @param plan           true when the event asks for a plan (opened, reopened, new commits, a new target branch)
 * @param api            the provider API that answers for the pull request
 * @param repository     the base repository as that API names it ({@code owner/name}, {@code group/project},
 *                       {@code workspace/slug}, {@code PROJECT/slug})
 * @param number         the pull request's number (GitLab: the merge request's iid)
 * @param targetBranch   the branch it merges into
 * @param headCommit     its head commit as the payload gives it: a full commit id, except Bitbucket Cloud, which sends
 *                       12 hex digits ({@link #hasCommitId()} checks either)
 * @param baseCommit     the full commit id of the target branch's head, when the payload names one; else null
 * @param repositoryUrl  the base repository's web address; null when the payload has none
 * @param headRef        where git finds the head: the provider's pull-request ref in the base repository
 *                       ({@code refs/pull/12/head}), or for Bitbucket Cloud the source branch
 *                       ({@code refs/heads/feature}) in {@code sourceRepository}
 * @param sourceRepository Bitbucket Cloud: the repository the source branch lives in, when it is a fork
 *                       ({@code workspace/slug}); null otherwise
 * @param description    for logs and answers, e.g. "GitHub pull request platform/routes#12 at 1a2b3c4 (opened)"
 * @param ignoredBecause why nothing is planned; null when {@code plan}
 */
public record PullRequestEvent(boolean plan, ScmApi api, String repository, long number, String targetBranch,
                               String headCommit, String baseCommit, String repositoryUrl, String headRef,
                               String sourceRepository, String description, String ignoredBecause) {

    static PullRequestEvent ignored(ScmApi api, String what, String reason) {
        return new PullRequestEvent(false, api, null, 0, null, null, null, null, null, null, what, reason);
    }

    /**
     * True when the head is a commit id, never a name: 40 or 64 hex digits, or for Bitbucket Cloud (whose pull-request
     * payloads abbreviate every commit) at least 12.
     */
    public boolean hasCommitId() {
        if (Refs.isCommitId(headCommit)) {
            return true;
        }
        return api == ScmApi.BITBUCKET_CLOUD && headCommit != null
                && headCommit.matches("[0-9a-fA-F]{" + Refs.BITBUCKET_CLOUD_ABBREVIATION + ",40}");
    }
}
