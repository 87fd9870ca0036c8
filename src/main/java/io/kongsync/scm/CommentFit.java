package io.kongsync.scm;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts kongsync's markdown report to a provider's comment limit. Lengths are counted in UTF-16 code units
 * ({@link String#length()}): exactly what Bitbucket Data Center (Java) counts, and never fewer than the Unicode
 * characters GitHub, GitLab and Bitbucket Cloud count, so a body that fits here fits there.
 * <p>
 * The report is a head (heading, paragraph, the summary table), one {@code <details>} block per change, then a tail
 * (conflicts, warnings, problems). Whole change blocks go from the end until the rest fits, never part of one and
 * never inside a code fence, and a line says how many changes were left out and where to read them. Only when the
 * head and tail alone are too long are lines cut from the end (the summary table stays), open code fences and HTML
 * lists closed again; only a limit smaller than the summary table itself cuts inside a line.
 */
public final class CommentFit {

    /**
     * @param markdown       the comment, at most the limit long
     * @param changesLeftOut how many change blocks were cut
     * @param cut            whether anything was cut
     */
    public record Fitted(String markdown, int changesLeftOut, boolean cut) {
    }

    private static final String SUMMARY_HEADER = "| Create | Update | Delete |";

    private CommentFit() {
    }

    /**
     * @param markdown   kongsync's report
     * @param limit      the longest body allowed, in UTF-16 code units
     * @param fullReport where the whole report can be read; null when there is no such address
     */
    public static Fitted fit(String markdown, int limit, URI fullReport) {
        if (markdown.length() <= limit) {
            return new Fitted(markdown, 0, false);
        }
        if (limit <= 0) {
            return new Fitted("", 0, true);
        }
        Parsed parsed = Parsed.of(markdown);
        int total = parsed.blocks.size();
        if (total > 0) {
            int fixed = parsed.head.length() + parsed.tail.length();
            int[] prefix = new int[total + 1];
            for (int i = 0; i < total; i++) {
                prefix[i + 1] = prefix[i] + parsed.blocks.get(i).length();
            }
            for (int kept = total - 1; kept >= 0; kept--) {
                String note = changesNote(total - kept, total, fullReport);
                if (fixed + prefix[kept] + note.length() <= limit) {
                    String body = parsed.head + String.join("", parsed.blocks.subList(0, kept)) + note + parsed.tail;
                    return new Fitted(body, total - kept, true);
                }
            }
        }
        String note = total == 0 ? "" : changesNote(total, total, fullReport);
        return new Fitted(cutLines(parsed.head + note + parsed.tail, limit, fullReport), total, true);
    }

    private static String changesNote(int leftOut, int total, URI fullReport) {
        String what = leftOut + " of " + total + (total == 1 ? " change is" : " changes are")
                + " left out to fit the comment limit";
        return "\n_" + what + (fullReport == null ? "; run `kongsync diff` to see them._\n"
                : ": see the [full report](" + link(fullReport) + ")._\n");
    }

    private static String linesNote(int lines, URI fullReport) {
        String what = "The last " + lines + (lines == 1 ? " line of this report is" : " lines of this report are")
                + " left out to fit the comment limit";
        return "\n_" + what + (fullReport == null ? "; run `kongsync diff` to see them._\n"
                : ": see the [full report](" + link(fullReport) + ")._\n");
    }

    /** A link destination that no parenthesis or space in the address can end early. */
    static String link(URI uri) {
        return uri.toASCIIString().replace("(", "%28").replace(")", "%29").replace(" ", "%20");
    }

    /**
     * Whole lines from the end, never into the summary table; a code fence or HTML list left open is closed again.
     * Falls back to cutting inside a line only when the limit is smaller than what comes up to the table's end.
     */
    private static String cutLines(String text, int limit, URI fullReport) {
        List<String> lines = Parsed.lines(text);
        int keepAtLeast = summaryEnd(lines);
        int[] prefix = new int[lines.size() + 1];
        String[] closers = new String[lines.size() + 1];
        Scan scan = new Scan();
        closers[0] = "";
        for (int i = 0; i < lines.size(); i++) {
            prefix[i + 1] = prefix[i] + lines.get(i).length();
            scan.line(lines.get(i));
            closers[i + 1] = scan.closers();
        }
        for (int kept = lines.size() - 1; kept >= keepAtLeast; kept--) {
            String note = linesNote(lines.size() - kept, fullReport);
            if (prefix[kept] + closers[kept].length() + note.length() <= limit) {
                return String.join("", lines.subList(0, kept)) + closers[kept] + note;
            }
        }
        String note = linesNote(lines.size(), fullReport);
        if (note.length() >= limit) {
            return truncate(text, limit);
        }
        return truncate(text, limit - note.length() - 1) + "\n" + note;
    }

    /** The number of lines up to and including the summary table; 1 when there is none. */
    private static int summaryEnd(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(SUMMARY_HEADER)) {
                int end = i + 1;
                while (end < lines.size() && lines.get(end).startsWith("|")) {
                    end++;
                }
                return end;
            }
        }
        return Math.min(1, lines.size());
    }

    /** At most {@code length} code units, not splitting a surrogate pair. */
    private static String truncate(String text, int length) {
        if (length <= 0) {
            return "";
        }
        if (text.length() <= length) {
            return text;
        }
        int end = length;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The report split into head, change blocks (each with the blank lines before it) and tail. */
    private record Parsed(String head, List<String> blocks, String tail) {

        static Parsed of(String markdown) {
            List<String> lines = lines(markdown);
            StringBuilder head = new StringBuilder();
            List<String> blocks = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            StringBuilder block = null;
            int depth = 0;
            Scan scan = new Scan();
            for (String line : lines) {
                boolean code = scan.inFence();
                scan.line(line);
                String trimmed = line.strip();
                if (block == null) {
                    if (!code && depth == 0 && trimmed.startsWith("<details")) {
                        block = new StringBuilder(pending);
                        pending.setLength(0);
                    } else {
                        (blocks.isEmpty() ? head : pending).append(line);
                        continue;
                    }
                }
                block.append(line);
                if (!code && !scan.inFence()) {
                    depth += count(trimmed, "<details") - count(trimmed, "</details>");
                }
                if (depth <= 0) {
                    blocks.add(block.toString());
                    block = null;
                    depth = 0;
                }
            }
            if (block != null) {
                blocks.add(block.toString());
            }
            return new Parsed(head.toString(), blocks, pending.toString());
        }

        /** Lines with their line breaks, so joining them gives the text back. */
        static List<String> lines(String text) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines.add(text.substring(start, i + 1));
                    start = i + 1;
                }
            }
            if (start < text.length()) {
                lines.add(text.substring(start));
            }
            return lines;
        }

        private static int count(String text, String tag) {
            int n = 0;
            for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length())) {
                n++;
            }
            return n;
        }
    }

    /** Follows CommonMark code fences and, outside them, the HTML lists and details blocks left open, line by line. */
    private static final class Scan {

        private static final Pattern TAG = Pattern.compile("<(/?)(ul|ol|details)\\b[^>]*>");

        private String fence;
        private boolean lastEndedLine = true;
        private final Deque<String> open = new ArrayDeque<>();

        boolean inFence() {
            return fence != null;
        }

        void line(String line) {
            String content = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            String marker = fenceMarker(content);
            if (fence == null) {
                if (marker != null) {
                    fence = marker;
                } else {
                    Matcher tag = TAG.matcher(content);
                    while (tag.find()) {
                        if (tag.group(1).isEmpty()) {
                            open.push(tag.group(2));
                        } else if (tag.group(2).equals(open.peek())) {
                            open.pop();
                        }
                    }
                }
            } else if (marker != null && marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()
                    && content.strip().length() == marker.length()) {
                fence = null;
            }
            lastEndedLine = line.endsWith("\n");
        }

        /** What closes the code fence, then the lists and details blocks left open, innermost first. */
        String closers() {
            StringBuilder out = new StringBuilder();
            if (!lastEndedLine) {
                out.append('\n');
            }
            if (fence != null) {
                out.append(fence).append('\n');
            }
            for (String tag : open) {
                out.append(tag.equals("details") ? "\n</details>\n" : "</" + tag + ">\n");
            }
            return out.toString();
        }

        /** The run of 3+ backticks or tildes opening the line (after up to 3 spaces), or null. */
        private static String fenceMarker(String line) {
            int i = 0;
            while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= line.length() || line.charAt(i) != '`' && line.charAt(i) != '~') {
                return null;
            }
            char c = line.charAt(i);
            int start = i;
            while (i < line.length() && line.charAt(i) == c) {
                i++;
            }
            if (i - start < 3 || c == '`' && line.indexOf('`', i) >= 0) {
                return null;
            }
            return line.substring(start, i);
        }
    }
}
