package io.kongsync.validate;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes a value tree as JSON the way the checked-in schema is formatted: 2-space indentation, trailing newline. */
final class JsonText {

    private JsonText() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Map<?, ?> map) {
            writeEntries(map.entrySet().iterator(), map.isEmpty(), '{', '}', out, indent, true);
        } else if (value instanceof List<?> list) {
            writeEntries(list.iterator(), list.isEmpty(), '[', ']', out, indent, false);
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            out.append(d.longValue());
        } else {
            out.append(value);
        }
    }

    private static void writeEntries(Iterator<?> items, boolean empty, char open, char close, StringBuilder out,
                                     String indent, boolean keyed) {
        out.append(open);
        if (empty) {
            out.append(close);
            return;
        }
        String inner = indent + "  ";
        while (items.hasNext()) {
            Object item = items.next();
            out.append('\n').append(inner);
            if (keyed) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, inner);
            } else {
                write(item, out, inner);
            }
            if (items.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append(indent).append(close);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
