package io.kongsync.scm;

import java.util.Objects;

/**
 * A pull request (GitHub, Bitbucket) or merge request (GitLab) as kongsync reviews it.
 *
 * @param api           which provider API answers for it
 * @param repository    the base repository as that API names it: {@code owner/name} (GitHub), the project's path
 *                      {@code group/project} (GitLab), {@code workspace/slug} (Bitbucket Cloud),
 *                      {@code PROJECT/slug} (Bitbucket Data Center)
 * @param number        the pull request's number (GitLab: the merge request's iid)
 * @param headCommit    the full commit id of its head, the commit kongsync plans
 * @param baseCommit    the full commit id of the base branch's head, when the event names it; else null
 * @param repositoryUrl the base repository's web address, for links to files; null when unknown
 */
public record PullRequest(ScmApi api, String repository, long number, String headCommit, String baseCommit,
                          String repositoryUrl) {

    public PullRequest {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(headCommit, "headCommit");
    }

    /** {@code GitHub pull request acme/routes#12}, for logs and records. */
    public String describe() {
        return api.displayName() + (api == ScmApi.GITLAB ? " merge request " + repository + "!" : " pull request "
                + repository + "#") + number;
    }
}
