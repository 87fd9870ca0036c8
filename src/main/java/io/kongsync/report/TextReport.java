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
        var groups = view.changesByService();
        for (int g = 0; g < groups.size(); g++) {
            String service = groups.get(g).getKey();
            String indent = service == null ? "" : "  ";
            if (g > 0) {
                out.append('\n');
            }
            if (service != null) {
                out.append("service ").append(JsonValues.escapeControl(service)).append(":\n");
            }
            for (ReportView.ChangeView change : groups.get(g).getValue()) {
                out.append(indent).append(symbol(change.action())).append(' ').append(describe(change.subject()))
                        .append(where(change.source())).append('\n');
                for (ReportView.FieldView field : change.fields()) {
                    out.append(indent).append("    ").append(JsonValues.escapeControl(field.path())).append(": ");
                    if (change.action() == Action.UPDATE) {
                        out.append(JsonValues.compact(field.oldValue())).append(" -> ");
                    }
                    out.append(JsonValues.compact(field.newValue())).append('\n');
                }
            }
        }
        if (!view.changes().isEmpty() && !view.conflicts().isEmpty()) {
            out.append('\n');
        }
        for (ReportView.ConflictView conflict : view.conflicts()) {
            out.append("! ").append(JsonValues.escapeControl(conflict.message())).append(where(conflict.source()))
                    .append('\n');
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

    /** {@code   # routes/nyan.yaml:12:7}: where the entity is declared, after the line it explains. */
    private static String where(ReportView.Source source) {
        return source == null ? "" : "  # " + JsonValues.escapeControl(source.position());
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
