package io.kongsync.report;

import io.kongsync.plan.Plan;
import io.kongsync.sync.SyncResult;
import io.kongsync.validate.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Renders a {@link Plan} as text, JSON or markdown. Sensitive values and secret names print as {@code (sensitive)}
 * in every format.
 */
public final class Reports {

    private Reports() {
    }

    public static String render(Plan plan, ReportFormat format) {
        return render(plan, List.of(), format);
    }

    /**
     * A plan with warnings that do not block it (e.g. {@code io.kongsync.aws.UpstreamCheck}'s), shown in every
     * format: a Warnings block in text and markdown, the {@code warnings} array in JSON.
     */
    public static String render(Plan plan, List<Diagnostic> warnings, ReportFormat format) {
        return render(plan, warnings, format, SourceLinks.NONE);
    }

    /** With each change's file and line linked to the git host's page at the planned commit (markdown, JSON). */
    public static String render(Plan plan, List<Diagnostic> warnings, ReportFormat format, SourceLinks links) {
        ReportView view = ReportView.of(plan, warnings, links);
        switch (format) {
            case JSON:
                return JsonReport.render(view);
            case MARKDOWN:
                return MarkdownReport.render(view, links.rendersHtml());
            default:
                return TextReport.render(view);
        }
    }

    /** A sync's report: its plan, then every operation's outcome and the result. */
    public static String render(SyncResult result, ReportFormat format) {
        return render(result, List.of(), format);
    }

    /** A sync's report with the plan's warnings. */
    public static String render(SyncResult result, List<Diagnostic> warnings, ReportFormat format) {
        return render(result, warnings, format, SourceLinks.NONE);
    }

    public static String render(SyncResult result, List<Diagnostic> warnings, ReportFormat format,
                                SourceLinks links) {
        return render(result, warnings, format, links, null);
    }

    /**
     * @param review how the sync's plan compares with the plan shown on the pull request it applies; null when it
     *               applies no reviewed pull request
     */
    public static String render(SyncResult result, List<Diagnostic> warnings, ReportFormat format,
                                SourceLinks links, ReviewComparison review) {
        ReportView view = ReportView.of(result.plan(), warnings, links);
        switch (format) {
            case JSON:
                return JsonValues.MAPPER.writeValueAsString(SyncReport.json(result, JsonReport.tree(view), review))
                        + "\n";
            case MARKDOWN:
                return SyncReport.markdown(result, MarkdownReport.render(view, links.rendersHtml()), review);
            default:
                return SyncReport.text(result, TextReport.render(view), review);
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
