package io.kongsync.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Admin API answer before it goes on the wire: status, a JSON-able body (null: no body) and any headers beyond
 * the ones every answer carries.
 */
record Response(int status, Object body, Map<String, String> headers) {

    Response {
        headers = Map.copyOf(headers);
    }

    static Response of(int status, Object body) {
        return new Response(status, body, Map.of());
    }

    /** A body that is not JSON: HTML text, with its content type. */
    static Response html(int status, String html) {
        return new Response(status, html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/html"));
    }

    static Response noContent() {
        return of(204, null);
    }

    /** Kong's answer to OPTIONS on a route: 204 listing the route's methods, sorted, HEAD and OPTIONS included. */
    static Response allowing(Set<String> methods) {
        String allow = String.join(", ", new TreeSet<>(methods));
        return new Response(204, null, Map.of("Allow", allow, "Access-Control-Allow-Methods", allow,
                "Access-Control-Allow-Headers", "Content-Type"));
    }
}
