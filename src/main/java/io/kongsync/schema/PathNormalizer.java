package io.kongsync.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The normal form Kong 3.1+ requires of prefix route paths (kong/tools/uri.lua): every percent-escape decoded but
 * those of RFC 3986's reserved characters (which are kept, in upper case), dot segments removed.
 */
final class PathNormalizer {

    private static final String RESERVED = "!*'();:@&=+$,/?%#[]";

    private PathNormalizer() {
    }

    static String normalize(String path) {
        return removeDotSegments(normalizeEscapes(path));
    }

    /** Works on bytes, as Kong does: decoded escapes of a UTF-8 sequence become its character again. */
    private static String normalizeEscapes(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()
                    && Character.digit(path.charAt(i + 1), 16) >= 0 && Character.digit(path.charAt(i + 2), 16) >= 0) {
                int decoded = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (RESERVED.indexOf(decoded) < 0) {
                    out.write(decoded);
                } else {
                    out.writeBytes(("%" + path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT))
                            .getBytes(StandardCharsets.US_ASCII));
                }
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                out.writeBytes(path.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** RFC 3986 section 5.2.4 on an absolute path. */
    private static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        String[] segments = path.substring(1).split("/", -1);
        Deque<String> out = new ArrayDeque<>();
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (seg.equals(".")) {
                trailingSlash = last;
            } else if (seg.equals("..")) {
                out.pollLast();
                trailingSlash = last;
            } else {
                out.addLast(seg);
                trailingSlash = false;
            }
        }
        String joined = "/" + String.join("/", out);
        return trailingSlash && !joined.endsWith("/") ? joined + "/" : joined;
    }
}
