package io.kongsync.report;

import tools.jackson.databind.json.JsonMapper;

/** Compact JSON for values shown in the text and markdown reports. */
final class JsonValues {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonValues() {
    }

    /** {@code "nyan"}, {@code 80}, {@code ["/a"]}; a masked value prints bare as {@code (sensitive)}. */
    static String compact(Object value) {
        if (value == Masked.VALUE) {
            return value.toString();
        }
        return MAPPER.writeValueAsString(value);
    }

    /** Control characters in user-written text (names, config keys) escaped, so text cannot forge report lines. */
    static String escapeControl(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append("\\u");
                for (int shift = 12; shift >= 0; shift -= 4) {
                    out.append(Character.forDigit((c >> shift) & 0xf, 16));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
