package io.kongsync.api;

import io.kongsync.service.StoredReports;
import io.kongsync.service.SyncRecord;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
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
        view.put("links", Map.of("self", SyncsController.location(r.id())));
        return view;
    }
}
