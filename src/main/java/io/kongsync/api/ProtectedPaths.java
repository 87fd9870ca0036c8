package io.kongsync.api;

import org.springframework.http.server.PathContainer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Which request paths need the API token. Decided on the path normalised the way a router could read it: each
 * segment percent-decoded with its {@code ;parameters} dropped, empty and {@code .} segments skipped, {@code ..}
 * resolved, case ignored. Everything under {@code /api} needs the token; only a webhook path spelled plainly (its raw
 * form equal to its normalised form) does not, since webhooks carry their own signatures.
 */
final class ProtectedPaths {

    static final String API = "/api";
    static final String WEBHOOKS = "/api/v1/webhooks/";

    private ProtectedPaths() {
    }

    static boolean needsToken(PathContainer path) {
        String normalised = normalise(path);
        String lower = normalised.toLowerCase(Locale.ROOT);
        if (!lower.equals(API) && !lower.startsWith(API + "/") && !lower.startsWith(API + ";")) {
            return false;
        }
        return !(normalised.startsWith(WEBHOOKS) && normalised.equals(path.value()));
    }

    static String normalise(PathContainer path) {
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue;
            }
            String value = segment.valueToMatch();
            if (value.isEmpty() || value.equals(".")) {
                continue;
            }
            if (value.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(value);
        }
        return "/" + String.join("/", segments);
    }
}
