package io.kongsync.api;

import io.kongsync.scm.ScmApi;
import io.kongsync.service.PullRequestRecord;
import io.kongsync.service.ReviewedPlan;
import io.kongsync.service.StoredReports;
import io.kongsync.service.SyncRecord;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A sync record as the API shows it: the record, its JSON report as a tree, and links. */
final class SyncView {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SyncView() {
    }

    /** @param reports the record's reports (kept apart from it by the history); null when it has none yet */
    static Map<String, Object> full(SyncRecord r, StoredReports reports) {
        Map<String, Object> view = brief(r);
        view.put("operations", r.operations());
        view.put("problems", r.problems());
        view.put("report", reports == null ? null : JSON.readValue(reports.json(), Object.class));
        view.put("reviewedPlan", reviewedPlan(r.reviewedPlan()));
        return view;
    }

    /** Without operations and report: for the history list. */
    static Map<String, Object> brief(SyncRecord r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("state", r.state().label());
        view.put("trigger", r.trigger().label());
        view.put("dryRun", r.dryRun());
        view.put("ref", r.ref());
        view.put("reason", r.reason());
        view.put("coalesced", r.coalesced());
        view.put("commit", r.commit());
        view.put("commitMessage", r.commitMessage());
        view.put("queuedAt", r.queuedAt());
        view.put("startedAt", r.startedAt());
        view.put("finishedAt", r.finishedAt());
        view.put("durationMillis", r.durationMillis());
        view.put("plan", r.plan());
        view.put("kongMatches", r.kongMatches());
        view.put("error", r.error());
        view.put("operationCount", r.operations().size());
        view.put("warnings", r.warnings());
        view.put("nodes", r.nodes());
        view.put("pullRequest", pullRequest(r.pullRequest()));
        view.put("review", r.review());
        view.put("links", Map.of("self", SyncsController.location(r.id())));
        return view;
    }

    /** {@code github}, {@code gitlab}, {@code bitbucket-cloud}, {@code bitbucket-data-center}. */
    static String provider(ScmApi api) {
        return api.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> pullRequest(PullRequestRecord pr) {
        if (pr == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", provider(pr.api()));
        view.put("repository", pr.repository());
        view.put("number", pr.number());
        view.put("headCommit", pr.headCommit());
        view.put("baseCommit", pr.baseCommit());
        view.put("mergeBase", pr.mergeBase());
        view.put("repositoryUrl", pr.repositoryUrl());
        view.put("headRef", pr.headRef());
        view.put("sourceRepository", pr.sourceRepository());
        return view;
    }

    private static Map<String, Object> reviewedPlan(ReviewedPlan plan) {
        if (plan == null) {
            return null;
        }
        Map<String, Object> pullRequest = new LinkedHashMap<>();
        pullRequest.put("provider", provider(plan.api()));
        pullRequest.put("repository", plan.repository());
        pullRequest.put("number", plan.number());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pullRequest", pullRequest);
        view.put("reviewedAt", plan.reviewedAt());
        view.put("reviewedCommit", plan.reviewedCommit());
        view.put("matchedBy", plan.matchedBy());
        view.put("matches", plan.matches());
        view.put("notReviewed", plan.notReviewed());
        view.put("reviewedButNotApplied", plan.reviewedButNotApplied());
        return view;
    }
}
