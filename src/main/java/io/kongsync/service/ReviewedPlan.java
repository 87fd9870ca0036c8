package io.kongsync.service;

import io.kongsync.scm.ScmApi;

import java.util.List;

/**
 * How a sync's plan compares with the plan last shown on the pull request it applies.
 *
 * @param api                   the pull request's provider API
 * @param repository            its base repository
 * @param number                its number
 * @param reviewedAt            the id of the pull request's dry run whose plan was shown
 * @param reviewedCommit        the head commit that dry run planned
 * @param matchedBy             how the synced commit was tied to it: {@code head} (it is the planned head),
 *                              {@code parent} (a merge commit of it) or {@code routes} (the same route files: a squash
 *                              or rebase merge)
 * @param matches               true when the sync planned exactly the reviewed changes
 * @param notReviewed           changes of the sync the review did not show (Kong changed, or another merge came first)
 * @param reviewedButNotApplied changes the review showed that the sync did not need
 */
public record ReviewedPlan(ScmApi api, String repository, long number, String reviewedAt, String reviewedCommit,
                           String matchedBy, boolean matches, List<String> notReviewed,
                           List<String> reviewedButNotApplied) {

    public ReviewedPlan {
        notReviewed = notReviewed == null ? List.of() : List.copyOf(notReviewed);
        reviewedButNotApplied = reviewedButNotApplied == null ? List.of() : List.copyOf(reviewedButNotApplied);
    }
}
