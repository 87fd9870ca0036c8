package io.kongsync.report;

import io.kongsync.plan.Action;


/** A Terraform-like plan: {@code + service nyan}, indented fields, {@code ! } conflicts, then the Plan line. */
final class TextReport {

    private TextReport() {
    }

    static String render(ReportView view) {
        StringBuilder out = new StringBuilder();
        if (view.changes().isEmpty() && view.conflicts().isEmpty()) {
            out.append("No changes. Kong matches the files.\n");
        }
        for (ReportView.ChangeView change : view.changes()) {
            out.append(symbol(change.action())).append(' ').append(describe(change.subject())).append('\n');
            for (ReportView.FieldView field : change.fields()) {
                out.append("    ").append(JsonValues.escapeControl(field.path())).append(": ");
                if (change.action() == Action.UPDATE) {
                    out.append(JsonValues.compact(field.oldValue())).append(" -> ");
                }
                out.append(JsonValues.compact(field.newValue())).append('\n');
            }
        }
        if (!view.changes().isEmpty() && !view.conflicts().isEmpty()) {
            out.append('\n');
        }
        for (ReportView.ConflictView conflict : view.conflicts()) {
            out.append("! ").append(JsonValues.escapeControl(conflict.message())).append('\n');
        }
        if (!view.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            for (String warning : view.warnings()) {
                out.append("  ").append(JsonValues.escapeControl(warning)).append('\n');
            }
        }
        var summary = view.summary();
        out.append("\nPlan: ").append(summary.create()).append(" to create, ")
                .append(summary.update()).append(" to update, ")
                .append(summary.delete()).append(" to delete.\n");
        return out.toString();
    }

    private static char symbol(Action action) {
        switch (action) {
            case CREATE:
                return '+';
            case UPDATE:
                return '~';
            default:
                return '-';
        }
    }

    /** {@code plugin rate-limiting (service nyan)}. */
    static String describe(ReportView.Subject subject) {
        return subject.describe(label -> label, JsonValues::escapeControl);
    }
}
