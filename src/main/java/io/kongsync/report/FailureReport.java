package io.kongsync.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a sync or dry run that failed before it had a plan (the source could not be read, the files are
 * invalid, Kong could not be reached): the reason and the problems located in the files, in the three formats.
 * Its JSON has the keys a sync report's failure has: {@code result}, {@code message}, {@code problems}.
 */
public final class FailureReport {

    private FailureReport() {
    }

    /** @param what "Sync" or "Dry run" */
    public static String render(String what, String error, List<String> problems, ReportFormat format) {
        String headline = what + " failed: " + error;
        switch (format) {
            case JSON:
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("result", "failed");
                root.put("message", headline);
                root.put("problems", problems);
                return JsonValues.MAPPER.writeValueAsString(root) + "\n";
            case MARKDOWN:
                StringBuilder md = new StringBuilder("## kongsync ").append(what.toLowerCase(java.util.Locale.ROOT))
                        .append("\n\n**").append(MarkdownReport.html(headline)).append("**\n");
                if (!problems.isEmpty()) {
                    md.append("\n<ul>\n");
                    problems.forEach(p -> md.append("<li>").append(MarkdownReport.html(p)).append("</li>\n"));
                    md.append("</ul>\n");
                }
                return md.toString();
            default:
                StringBuilder text = new StringBuilder();
                problems.forEach(p -> text.append(JsonValues.escapeControl(p)).append('\n'));
                return text.append(text.isEmpty() ? "" : "\n").append(JsonValues.escapeControl(headline))
                        .append('\n').toString();
        }
    }
}
