package io.kongsync.scm;

/**
 * Reports kongsync's plan back on a pull request: one comment kongsync owns, edited in place on every new commit,
 * and the commit status {@code kongsync/plan} on the head commit. Blocking; callers run it off the event loop.
 */
public interface PullRequestReviews {

    String STATUS_NAME = "kongsync/plan";

    /** Sets {@code kongsync/plan} to pending on the head commit while the plan runs. */
    Delivery pending(PullRequest pullRequest);

    /** Creates kongsync's comment, or edits the one it made before, then sets the final status. */
    Delivery publish(PullRequest pullRequest, Review review);
}
