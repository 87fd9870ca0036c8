package io.kongsync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Admin API request: method, decoded path segments, first value of each query parameter, body bytes. */
record Request(String method, String rawPath, List<String> segments, Map<String, String> query, String contentType,
               byte[] body) {

    static Request parse(String method, String uri, String contentType, byte[] body) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(decode(s));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.putIfAbsent(key, value);
            }
        }
        return new Request(method, path, List.copyOf(segments), query, contentType, body == null ? new byte[0] : body);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    String segment(int i) {
        return segments.get(i);
    }

    int depth() {
        return segments.size();
    }

    boolean hasBody() {
        return body.length > 0;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject() {
        if (!hasBody()) {
            return new LinkedHashMap<>();
        }
        Object parsed = Json.parse(body);
        if (!(parsed instanceof Map<?, ?>)) {
            throw ApiError.badJson();
        }
        return (Map<String, Object>) parsed;
    }
}
