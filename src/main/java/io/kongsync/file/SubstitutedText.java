package io.kongsync.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file's text after its templates were replaced, and the way back: a position in the new text (what the YAML
 * parser reports) becomes the position in the file as written. Outside a replaced value, positions shift back by
 * what the replacements before them added (so lines stay right even when a value held line breaks); inside one, they
 * become the template's own position.
 */
final class SubstitutedText {

    /**
     * One replaced template: where its value is in the new text, where the template was in the original; not
     * {@code resolved} when it was replaced by a placeholder.
     */
    record Span(int start, int end, int originalStart, int originalEnd, int template, boolean resolved) {
    }

    private final String original;
    private final String text;
    private final List<Span> spans;
    private int[] originalLines;
    private int[] lines;

    SubstitutedText(String original, String text, List<Span> spans) {
        this.original = original;
        this.text = text;
        this.spans = List.copyOf(spans);
    }

    static SubstitutedText unchanged(String text) {
        return new SubstitutedText(text, text, List.of());
    }

    String text() {
        return text;
    }

    List<Span> spans() {
        return spans;
    }

    boolean changed() {
        return !spans.isEmpty();
    }

    /** The 1-based line and column in the original of a 0-based line and column (in code points) of the new text. */
    int[] original(int line, int column) {
        if (!changed()) {
            return new int[] {line + 1, column + 1};
        }
        int offset = offset(line, column);
        int originalOffset = offset;
        int last = lastStartingAtOrBefore(offset);
        if (last >= 0) {
            Span span = spans.get(last);
            originalOffset = offset < span.end() ? span.originalStart() : offset - span.end() + span.originalEnd();
        }
        return lineAndColumn(original, originalLines(), originalOffset);
    }

    /** The index of the last span that starts at or before {@code offset}, or -1. */
    private int lastStartingAtOrBefore(int offset) {
        int low = 0;
        int high = spans.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (spans.get(mid).start() <= offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The spans that touch the range {@code [start, end]} of the new text, in order. */
    List<Span> touching(int start, int end) {
        int low = 0;
        int high = spans.size() - 1;
        int first = spans.size();
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (spans.get(mid).end() >= start) {
                first = mid;
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        int to = first;
        while (to < spans.size() && spans.get(to).start() <= end) {
            to++;
        }
        return spans.subList(first, to);
    }

    /** The char offset in the new text of a 0-based line and column (in code points). */
    int offset(int line, int column) {
        int[] starts = lines();
        int lineStart = starts[Math.min(Math.max(line, 0), starts.length - 1)];
        int offset = lineStart;
        for (int i = 0; i < column && offset < text.length(); i++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return offset;
    }

    private int[] lines() {
        if (lines == null) {
            lines = lineStarts(text);
        }
        return lines;
    }

    private int[] originalLines() {
        if (originalLines == null) {
            originalLines = lineStarts(original);
        }
        return originalLines;
    }

    /** Offsets where lines start; a line ends at \n, \r\n or a lone \r, as YAML reads them. */
    static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-based line and column (in code points) of a char offset. */
    static int[] lineAndColumn(String s, int[] lineStarts, int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        int start = lineStarts[Math.max(line, 0)];
        return new int[] {line + 1, s.codePointCount(start, Math.min(Math.max(offset, start), s.length())) + 1};
    }
}
