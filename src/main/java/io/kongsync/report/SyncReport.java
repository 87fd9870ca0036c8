package io.kongsync.report;

import io.kongsync.kong.KongInfo;
import io.kongsync.sync.NodeResult;
import io.kongsync.sync.Outcome;
import io.kongsync.sync.SyncResult;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A sync: the plan it applied, every operation's outcome, and the result. JSON shape in docs/report-json.md.
 * Messages never hold secrets: the Kong client leaves request bodies out of its errors, and secret names are masked.
 */
final class SyncReport {

    private SyncReport() {
    }

    static String result(SyncResult r) {
        if (r.refusal() != null || !r.diagnostics().isEmpty() && r.outcomes().isEmpty()) {
            return "refused";
        }
        return r.succeeded() ? "succeeded" : "failed";
    }

    static String headline(SyncResult r) {
        String result = result(r);
        if (result.equals("refused")) {
            return "Sync refused: nothing was applied. " + (r.refusal() != null ? r.refusal()
                    : r.diagnostics().size() + " problem" + (r.diagnostics().size() == 1 ? "" : "s")
                    + " found checking the files against Kong.");
        }
        String counts = r.count(Outcome.Status.APPLIED) + " applied, " + r.count(Outcome.Status.FAILED) + " failed, "
                + r.count(Outcome.Status.SKIPPED) + " skipped" + nodeCounts(r);
        String timing = " (" + r.millis() + " ms, " + r.requests() + " requests)";
        if (r.succeeded()) {
            return (r.outcomes().isEmpty() ? "Sync succeeded: nothing to do; Kong matches the files"
                    : "Sync succeeded: " + counts + "; Kong matches the files") + timing + ".";
        }
        String pending = r.remaining() == null || r.remaining().isEmpty() ? "" : "; " + r.remaining().changes().size()
                + " change" + (r.remaining().changes().size() == 1 ? "" : "s") + " still pending in Kong";
        if (r.readBackFailure() != null) {
            pending += "; Kong could not be read again to check it matches the files: " + r.readBackFailure();
        }
        return "Sync failed: " + counts + pending + timing + ". Run it again once the cause is fixed.";
    }

    /** {@code ; Kong nodes: 1 succeeded, 1 failed}, or nothing for a sync of one node. */
    private static String nodeCounts(SyncResult r) {
        if (r.nodes().isEmpty()) {
            return "";
        }
        Map<NodeResult.Status, Long> byStatus = new EnumMap<>(NodeResult.Status.class);
        r.nodes().forEach(n -> byStatus.merge(n.status(), 1L, Long::sum));
        StringJoiner counts = new StringJoiner(", ", "; Kong nodes: ", "");
        byStatus.forEach((status, count) -> counts.add(count + " " + status.label()));
        return counts.toString();
    }

    /** {@code succeeded  i-0a1 (http://10.0.1.5:8001), configuration hash 5f2b..., 2 rounds: why}. */
    private static String nodeLine(NodeResult n) {
        return n.node() + (n.configHash() == null ? "" : ", configuration hash " + n.configHash())
                + (n.rounds() > 1 ? ", " + n.rounds() + " rounds" : "")
                + (n.message() == null ? "" : ": " + n.message());
    }

    static String kong(KongInfo kong) {
        return (kong.sandbox() ? "the kongsync sandbox (Kong " : "Kong ") + kong.version()
                + (kong.sandbox() ? ")" : "") + ", " + (kong.dbless() ? "DB-less" : "database") + " mode";
    }

    static String text(SyncResult r, String planText, ReviewComparison review) {
        StringBuilder out = new StringBuilder(planText);
        for (Diagnostic d : r.diagnostics()) {
            out.append(JsonValues.escapeControl(d.format())).append('\n');
        }
        if (!r.outcomes().isEmpty()) {
            out.append("\nApplied to ").append(kong(r.kong())).append(":\n");
            for (Outcome o : r.outcomes()) {
                out.append(String.format("  %-8s %s", o.status().label(),
                        JsonValues.escapeControl(o.operation().describe())));
                if (o.message() != null) {
                    out.append(": ").append(JsonValues.escapeControl(o.message()));
                }
                out.append('\n');
            }
        }
        if (!r.nodes().isEmpty()) {
            out.append("\nKong nodes:\n");
            for (NodeResult n : r.nodes()) {
                out.append(String.format("  %-11s %s", n.status().label(), JsonValues.escapeControl(nodeLine(n))))
                        .append('\n');
            }
        }
        if (review != null) {
            out.append('\n').append(JsonValues.escapeControl(review.headline())).append('\n');
            appendList(out, "  Not in the reviewed plan:", review.notReviewed());
            appendList(out, "  Shown in the review but not needed any more:", review.reviewedButNotApplied());
        }
        return out.append('\n').append(JsonValues.escapeControl(headline(r))).append('\n').toString();
    }

    private static void appendList(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append(title).append('\n');
            lines.forEach(line -> out.append("    ").append(JsonValues.escapeControl(line)).append('\n'));
        }
    }

    static String markdown(SyncResult r, String planMarkdown, ReviewComparison review) {
        StringBuilder out = new StringBuilder(planMarkdown.replaceFirst("^## kongsync plan", "## kongsync sync"));
        out.append("\n**").append(MarkdownReport.html(headline(r))).append("**\n");
        if (review != null) {
            out.append("\n").append(MarkdownReport.plain(review.headline())).append("\n");
            markdownList(out, "Not in the reviewed plan:", review.notReviewed());
            markdownList(out, "Shown in the review but not needed any more:", review.reviewedButNotApplied());
        }
        if (!r.diagnostics().isEmpty()) {
            out.append("\n<ul>\n");
            r.diagnostics().forEach(d -> out.append("<li>").append(MarkdownReport.html(d.format())).append("</li>\n"));
            out.append("</ul>\n");
        }
        if (!r.outcomes().isEmpty()) {
            out.append("\n| Result | Operation | Error |\n|---|---|---|\n");
            for (Outcome o : r.outcomes()) {
                out.append("| ").append(o.status().label()).append(" | ")
                        .append(cell(o.operation().describe())).append(" | ")
                        .append(o.message() == null ? "" : cell(o.message())).append(" |\n");
            }
        }
        if (!r.nodes().isEmpty()) {
            out.append("\n| Kong node | Admin API | Result | Rounds | Configuration hash | Error |\n"
                    + "|---|---|---|---:|---|---|\n");
            for (NodeResult n : r.nodes()) {
                out.append("| ").append(cell(n.node().instanceId())).append(" | ")
                        .append(cell(n.node().adminUrl().toString())).append(" | ")
                        .append(n.status().label()).append(" | ")
                        .append(n.rounds()).append(" | ")
                        .append(n.configHash() == null ? "" : cell(n.configHash())).append(" | ")
                        .append(n.message() == null ? "" : cell(n.message())).append(" |\n");
            }
        }
        return out.toString();
    }

    private static void markdownList(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("\n").append(title).append("\n\n");
            lines.forEach(line -> out.append("- ").append(MarkdownReport.plain(line)).append('\n'));
        }
    }

    private static String cell(String text) {
        return MarkdownReport.html(text).replace("|", "&#124;").replace("\n", " ");
    }

    static Map<String, Object> json(SyncResult r, Map<String, Object> plan, ReviewComparison review) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", result(r));
        root.put("message", headline(r));
        Map<String, Object> kong = new LinkedHashMap<>();
        kong.put("version", r.kong().version());
        kong.put("mode", r.kong().dbless() ? "dbless" : "database");
        kong.put("sandbox", r.kong().sandbox());
        root.put("kong", kong);
        root.put("plan", plan);
        List<Object> operations = new ArrayList<>();
        for (Outcome o : r.outcomes()) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("operation", o.operation().describe());
            op.put("action", o.operation().change().action().label());
            op.put("kind", o.operation().change().key().kind().label());
            op.put("status", o.status().label());
            op.put("attempts", o.attempts());
            op.put("millis", o.millis());
            op.put("error", o.message());
            operations.add(op);
        }
        root.put("operations", operations);
        List<Object> nodes = new ArrayList<>();
        for (NodeResult n : r.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("instance_id", n.node().instanceId());
            node.put("admin_url", n.node().adminUrl().toString());
            node.put("result", n.status().label());
            node.put("rounds", n.rounds());
            node.put("config_hash", n.configHash());
            node.put("error", n.message());
            nodes.add(node);
        }
        root.put("nodes", nodes);
        root.put("problems", r.diagnostics().stream().map(Diagnostic::format).toList());
        root.put("pending", r.remaining() == null ? null : r.remaining().changes().size());
        root.put("read_back_error", r.readBackFailure());
        root.put("requests", r.requests());
        root.put("millis", r.millis());
        Map<String, Object> reviewed = null;
        if (review != null) {
            reviewed = new LinkedHashMap<>();
            reviewed.put("pull_request", review.pullRequest());
            reviewed.put("reviewed_commit", review.reviewedCommit());
            reviewed.put("matches", review.matches());
            reviewed.put("not_reviewed", review.notReviewed());
            reviewed.put("reviewed_but_not_applied", review.reviewedButNotApplied());
        }
        root.put("reviewed_plan", reviewed);
        return root;
    }
}
