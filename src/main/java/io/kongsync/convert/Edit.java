package io.kongsync.convert;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Comparator;
import java.util.List;

/** A change to a file's text: {@code replacement} for the characters from {@code start} to {@code end}. */
record Edit(int start, int end, String replacement) {

    /** {@code text} inserted {@code after} code points into {@code node}. */
    static Edit insert(String source, int nodeStart, int after, String text) {
        int at = chars(source, nodeStart + after);
        return new Edit(at, at, text);
    }

    /** {@code node}'s text replaced by {@code text}. */
    static Edit replace(String source, Node node, String text) {
        return new Edit(chars(source, FormatConverter.start(node)), chars(source, FormatConverter.end(node)), text);
    }

    /** The edits applied from the last to the first, so that each one's offsets still hold. */
    static String apply(String source, List<Edit> edits) {
        StringBuilder text = new StringBuilder(source);
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed())
                .forEach(edit -> text.replace(edit.start, edit.end, edit.replacement));
        return text.toString();
    }

    /** The parser counts code points; a string, UTF-16 units. */
    private static int chars(String source, int codePoints) {
        return source.offsetByCodePoints(0, Math.min(codePoints, source.codePointCount(0, source.length())));
    }
}
