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

    public static void write(Plan plan, ReportFormat format, Writer out) {
        try {
            out.write(render(plan, format));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
