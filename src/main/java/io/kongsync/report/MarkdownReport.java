package io.kongsync.report;

import io.kongsync.plan.Action;

import java.util.ArrayList;
import java.util.List;

/**
 * A pull-request comment: a heading, a summary table, one {@code <details>} block per change with a {@code diff}
 * fence, then the conflicts. Names and values come from users' files, so everything inside HTML is escaped and each
 * fence is longer than any backtick run it encloses. Bitbucket shows HTML as text, so for it ({@code html} false) the
 * same report is written in Markdown alone: a bold line per change instead of a collapsible block.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(ReportView view) {
        return render(view, true);
    }

    static String render(ReportView view, boolean html) {
        StringBuilder out = new StringBuilder("## kongsync plan\n\n");
        if (view.changes().isEmpty() && view.conflicts().isEmpty()) {
            out.append("No changes. Kong matches the files.\n\n");
        }
        out.append("| Create | Update | Delete |\n")
                .append("|-------:|-------:|-------:|\n")
                .append("| ").append(view.summary().create())
                .append(" | ").append(view.summary().update())
                .append(" | ").append(view.summary().delete()).append(" |\n");
        var groups = view.changesByService();
        boolean headings = groups.stream().anyMatch(group -> group.getKey() != null);
        for (var group : groups) {
            if (headings) {
                out.append(group.getKey() == null ? "\n### Other changes\n"
                        : "\n### Service " + (html ? "<code>" + html(group.getKey()) + "</code>"
                        : codeSpan(group.getKey())) + "\n");
            }
            for (ReportView.ChangeView change : group.getValue()) {
                if (html) {
                    out.append("\n<details><summary>").append(icon(change.action())).append(' ')
                            .append(describe(change.subject())).append(where(change.source()))
                            .append("</summary>\n\n");
                } else {
                    out.append("\n**").append(icon(change.action())).append("** ")
                            .append(change.subject().describe(MarkdownReport::plain, MarkdownReport::codeSpan))
                            .append(plainWhere(change.source())).append("\n\n");
                }
                if (change.fields().isEmpty()) {
                    out.append(change.action() == Action.DELETE
                            ? "Not in the files any more: kongsync will delete it.\n"
                            : "No field changes.\n");
                } else {
                    fence(out, diffLines(change));
                }
                if (html) {
                    out.append("\n</details>\n");
                }
            }
        }
        if (!view.conflicts().isEmpty()) {
            out.append("\n### ⚠️ Conflicts\n\n").append(html ? "<ul>\n" : "");
            for (ReportView.ConflictView conflict : view.conflicts()) {
                out.append(html ? "<li>" + html(conflict.message()) + where(conflict.source()) + "</li>\n"
                        : "- " + plain(conflict.message()) + plainWhere(conflict.source()) + "\n");
            }
            out.append(html ? "</ul>\n" : "");
        }
        if (!view.warnings().isEmpty()) {
            out.append("\n### Warnings\n\n").append(html ? "<ul>\n" : "");
            for (String warning : view.warnings()) {
                out.append(html ? "<li>" + html(warning) + "</li>\n" : "- " + plain(warning) + "\n");
            }
            out.append(html ? "</ul>\n" : "");
        }
        return out.toString();
    }

    /** {@code  · routes/nyan.yaml:12}, linked to that line at the planned commit when the repository is known. */
    private static String where(ReportView.Source source) {
        if (source == null) {
            return "";
        }
        String position = "<code>" + html(source.position()) + "</code>";
        return source.url() == null ? " · " + position
                : " · <a href=\"" + html(source.url()) + "\">" + position + "</a>";
    }

    /** Markdown alone: {@code  · [routes/nyan.yaml:12:7](link)}, or the position as code. */
    private static String plainWhere(ReportView.Source source) {
        if (source == null) {
            return "";
        }
        return source.url() == null ? " · " + codeSpan(source.position())
                : " · [" + plain(source.position()) + "](" + source.url().replace(")", "%29") + ")";
    }

    /** A code span no backtick in the text can close; control characters escaped so it stays on one line. */
    static String codeSpan(String text) {
        String line = JsonValues.escapeControl(text);
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String ticks = "`".repeat(longestRun + 1);
        String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
        return ticks + pad + line + pad + ticks;
    }

    /** Text with every character Markdown gives a meaning backslash-escaped, on one line. */
    static String plain(String text) {
        String line = JsonValues.escapeControl(text);
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ("\\`*_{}[]()<>#+-.!|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String icon(Action action) {
        switch (action) {
            case CREATE:
                return "➕";
            case UPDATE:
                return "✏️";
            default:
                return "➖";
        }
    }

    /** {@code plugin <code>rate-limiting</code> (service <code>nyan</code>)}, HTML-escaped. */
    private static String describe(ReportView.Subject subject) {
        return subject.describe(MarkdownReport::html, name -> "<code>" + html(name) + "</code>");
    }

    private static List<String> diffLines(ReportView.ChangeView change) {
        List<String> lines = new ArrayList<>();
        for (ReportView.FieldView field : change.fields()) {
            String path = JsonValues.escapeControl(field.path());
            if (change.action() == Action.UPDATE) {
                lines.add("- " + path + ": " + JsonValues.compact(field.oldValue()));
            }
            lines.add("+ " + path + ": " + JsonValues.compact(field.newValue()));
        }
        return lines;
    }

    /** A {@code diff} fence longer than the longest backtick run inside, so no value can close it early. */
    private static void fence(StringBuilder out, List<String> lines) {
        int longestRun = 0;
        for (String line : lines) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longestRun = Math.max(longestRun, run);
            }
        }
        String fence = "`".repeat(Math.max(3, longestRun + 1));
        out.append(fence).append("diff\n");
        for (String line : lines) {
            out.append(line).append('\n');
        }
        out.append(fence).append('\n');
    }

    /** HTML-escaped, with line breaks as entities so a name cannot end the HTML block and start markdown. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
