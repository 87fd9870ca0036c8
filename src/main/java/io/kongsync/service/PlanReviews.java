package io.kongsync.service;

import io.kongsync.scm.PullRequest;
import io.kongsync.scm.Review;
import io.kongsync.scm.ScmApi;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a pull request's finished dry run says on the pull request: the verdict, the status line and the comment.
 * Everything shown comes from the record, whose reports and problems are masked already.
 */
final class PlanReviews {

    private static final Pattern SAFE_URL = Pattern.compile("https?://[^\\s()<>\\[\\]\"'`]+");
    private static final int MAX_DESCRIPTION_ERROR = 100;

    private PlanReviews() {
    }

    /**
     * @param markdown  the dry run's Markdown report
     * @param publicUrl kongsync's address as reviewers reach it; null for no link to the full report
     */
    static Review of(SyncRecord done, String markdown, URI publicUrl) {
        boolean success = done.state() == SyncState.SUCCEEDED && (done.plan() == null || done.plan().conflicts() == 0);
        StringBuilder comment = new StringBuilder(headline(done)).append("\n\n");
        comment.append(markdown == null ? "" : markdown.strip()).append('\n');
        if (done.plan() != null && !done.problems().isEmpty()) {
            // a plan's report lists its changes; the problems Kong found in the files are only in the record
            comment.append("\n### Problems in the files\n\n");
            done.problems().forEach(p -> comment.append("- ").append(code(p)).append('\n'));
        }
        return new Review(success ? Review.Verdict.SUCCESS : Review.Verdict.FAILURE, description(done),
                comment.toString(), fullReport(publicUrl, done.id()));
    }

    /** A review for a plan kongsync did not make (busy): the status only says why. */
    static Review refused(PullRequest pullRequest, String why) {
        return new Review(Review.Verdict.FAILURE, why, "kongsync did not plan commit " + commitLink(pullRequest)
                + ": " + escape(why) + ".\n", null);
    }

    static String description(SyncRecord done) {
        PlanSummary plan = done.plan();
        if (plan != null && plan.conflicts() > 0) {
            return count(plan.conflicts(), "conflict");
        }
        if (done.state() == SyncState.SUCCEEDED) {
            return plan == null ? "nothing to plan" : plan.create() + " to create, " + plan.update() + " to update, "
                    + plan.delete() + " to delete";
        }
        if (!done.problems().isEmpty()) {
            return plan == null ? count(done.problems().size(), "problem") + " in the files"
                    : "Kong rejects " + count(done.problems().size(), "plugin configuration");
        }
        String error = done.error() == null ? "unknown error" : done.error();
        if (plan != null && error.startsWith("Refusing to delete")) {
            return "mass delete refused: " + plan.delete() + " to delete";
        }
        return (plan != null ? "refused: " : "could not plan: ") + cut(error);
    }

    private static String headline(SyncRecord done) {
        PullRequestRecord pr = done.pullRequest();
        PullRequest pullRequest = pr.pullRequest();
        String commit = done.commit() != null ? done.commit() : pr.headCommit();
        PullRequest planned = new PullRequest(pullRequest.api(), pullRequest.repository(), pullRequest.number(),
                commit, pullRequest.baseCommit(), pullRequest.repositoryUrl());
        return "kongsync planned commit " + commitLink(planned) + " of " + pullRequestLink(planned) + ".";
    }

    private static String commitLink(PullRequest pr) {
        String sha = pr.headCommit();
        String shown = "`" + sha.substring(0, Math.min(7, sha.length())) + "`";
        String base = safeUrl(pr.repositoryUrl());
        if (base == null || !sha.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return shown;
        }
        String path = switch (pr.api()) {
            case GITHUB -> "/commit/";
            case GITLAB -> "/-/commit/";
            case BITBUCKET_CLOUD, BITBUCKET_DATA_CENTER -> "/commits/";
        };
        return "[" + shown + "](" + base + path + sha + ")";
    }

    private static String pullRequestLink(PullRequest pr) {
        String shown = escape(pr.describe());
        String base = safeUrl(pr.repositoryUrl());
        if (base == null) {
            return shown;
        }
        String path = pr.api() == ScmApi.GITHUB ? "/pull/" : pr.api() == ScmApi.GITLAB ? "/-/merge_requests/"
                : "/pull-requests/";
        return "[" + shown + "](" + base + path + pr.number() + ")";
    }

    private static URI fullReport(URI publicUrl, String id) {
        if (publicUrl == null) {
            return null;
        }
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/syncs/" + id + "?format=markdown");
    }

    /** A web address from the payload, used in a link only when nothing in it can break out of the Markdown. */
    private static String safeUrl(String url) {
        return url != null && SAFE_URL.matcher(url).matches() ? url.replaceAll("/+$", "") : null;
    }

    /** Inline code that no backtick in the text can close early. */
    private static String code(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        int longest = 0;
        int run = 0;
        for (char c : oneLine.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + oneLine + " " + fence;
    }

    /** Markdown and HTML have no power over the text. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!' -> out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String cut(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= MAX_DESCRIPTION_ERROR ? oneLine
                : oneLine.substring(0, MAX_DESCRIPTION_ERROR - 1) + "…";
    }
}
