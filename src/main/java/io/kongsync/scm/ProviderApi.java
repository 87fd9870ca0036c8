package io.kongsync.scm;

import java.net.URI;
import java.util.Optional;

/** One provider's REST API as kongsync's reviews use it. Every method is one or a few blocking calls. */
interface ProviderApi {

    /** The status a review sets on the head commit. */
    enum CommitState { PENDING, SUCCESS, FAILURE }

    /**
     * kongsync's comment found on the pull request.
     *
     * @param id      the provider's comment id
     * @param version Bitbucket Data Center's optimistic-locking version; 0 elsewhere
     */
    record OwnComment(String id, long version) {
    }

    /** The provider's name in problem lines, e.g. "GitHub". */
    String name();

    /** The longest comment body the provider takes, in UTF-16 code units ({@link CommentFit}). */
    int commentLimit();

    /** The first line of kongsync's comment: invisible where the provider renders markdown. */
    String marker();

    /** The first comment on the pull request whose first line is a kongsync marker, through every page. */
    Optional<OwnComment> findComment(PullRequest pullRequest) throws ScmCallFailed;

    void createComment(PullRequest pullRequest, String body) throws ScmCallFailed;

    void editComment(PullRequest pullRequest, OwnComment comment, String body) throws ScmCallFailed;

    /** Sets {@link PullRequestReviews#STATUS_NAME} on the head commit; {@code target} may be null. */
    void setStatus(PullRequest pullRequest, CommitState state, String description, URI target) throws ScmCallFailed;
}
