package io.kongsync.report;

import io.kongsync.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders a {@link Plan} as text, JSON or markdown. Sensitive values and secret names print as {@code (sensitive)}
 * in every format.
 */
public final class Reports {

    private Reports() {
    }

    public static String render(Plan plan, ReportFormat format) {
        ReportView view = ReportView.of(plan);
        switch (format) {
            case JSON:
                return JsonReport.render(view);
            case MARKDOWN:
                return MarkdownReport.render(view);
            default:
                return TextReport.render(view);
        }
    }

    /** A sync's report: its plan, then every operation's outcome and the result. */
    public static String render(io.kongsync.sync.SyncResult result, ReportFormat format) {
        ReportView view = ReportView.of(result.plan());
        switch (format) {
            case JSON:
                return JsonValues.MAPPER.writeValueAsString(SyncReport.json(result, JsonReport.tree(view))) + "\n";
            case MARKDOWN:
                return SyncReport.markdown(result, MarkdownReport.render(view));
            default:
                return SyncReport.text(result, TextReport.render(view));
        }
    }

    public static void write(Plan plan, ReportFormat format, Writer out) {
        try {
            out.write(render(plan, format));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
