package io.kongsync.schema;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The normal form Kong 3.1+ requires of prefix route paths (kong/tools/uri.lua): percent-escapes of unreserved
 * characters decoded, other escapes in upper case, dot segments removed.
 */
final class PathNormalizer {

    private PathNormalizer() {
    }

    static String normalize(String path) {
        return removeDotSegments(normalizeEscapes(path));
    }

    private static String normalizeEscapes(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()
                    && Character.digit(path.charAt(i + 1), 16) >= 0 && Character.digit(path.charAt(i + 2), 16) >= 0) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~');
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
