package io.kongsync.report;

import java.util.List;

/**
 * How a sync's plan compares with the plan shown on the pull request it applies, for the sync's report.
 *
 * @param pullRequest           {@code GitHub pull request acme/routes#12}
 * @param reviewedCommit        the head commit whose plan was shown
 * @param matches               the sync planned exactly the reviewed changes
 * @param notReviewed           the sync's changes the review did not show, e.g. {@code update service nyan}
 * @param reviewedButNotApplied changes the review showed that the sync did not need
 */
public record ReviewComparison(String pullRequest, String reviewedCommit, boolean matches, List<String> notReviewed,
                               List<String> reviewedButNotApplied) {

    public ReviewComparison {
        notReviewed = List.copyOf(notReviewed);
        reviewedButNotApplied = List.copyOf(reviewedButNotApplied);
    }

    String headline() {
        return "Reviewed plan: " + pullRequest + ", planned at " + abbreviated(reviewedCommit) + ": "
                + (matches ? "this sync applied exactly the plan shown there."
                : "this sync's plan differs from the plan shown there (Kong or the files changed since).");
    }

    private static String abbreviated(String commit) {
        return commit == null ? "an unknown commit" : commit.substring(0, Math.min(7, commit.length()));
    }
}
