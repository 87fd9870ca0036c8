package io.kongsync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Admin API request: method, decoded path segments, first value of each query parameter, body bytes. The
 * JSON body parsed by {@link #checkJson()} is kept for the one read of it that follows, so a write parses it once.
 */
final class Request {

    private static final Object NOT_PARSED = new Object();

    private final String method;
    private final String rawPath;
    private final List<String> segments;
    private final Map<String, String> query;
    private final String contentType;
    private final byte[] body;
    private Object parsedJson = NOT_PARSED;

    Request(String method, String rawPath, List<String> segments, Map<String, String> query, String contentType,
            byte[] body) {
        this.method = method;
        this.rawPath = rawPath;
        this.segments = segments;
        this.query = query;
        this.contentType = contentType;
        this.body = body;
    }

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

    String method() {
        return method;
    }

    String rawPath() {
        return rawPath;
    }

    List<String> segments() {
        return segments;
    }

    Map<String, String> query() {
        return query;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    /** Parses the body as JSON: {@link ApiError#badJson()} when it is not. */
    void checkJson() {
        parsedJson = Json.parse(body);
    }

    /** The body parsed as JSON, a tree of its own for each caller (callers change the maps they get). */
    Object json() {
        Object parsed = parsedJson;
        if (parsed == NOT_PARSED) {
            return Json.parse(body);
        }
        parsedJson = NOT_PARSED;
        return parsed;
    }

    String segment(int i) {
        return segments.get(i);
    }

    int depth() {
        return segments.size();
    }

    /** A form body: its values are strings until typed by a schema ({@link FormArgs#typed}). */
    boolean isForm() {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    /** The body's arguments typed by {@code type}'s schema (forms); JSON is taken as it is. */
    Map<String, Object> args(EntityType type) {
        Map<String, Object> args = jsonObject();
        return isForm() ? FormArgs.typed(type, args) : args;
    }

    boolean hasBody() {
        return body.length > 0;
    }

    /**
     * The body's arguments: a form's fields ({@link FormArgs}, untyped), or the JSON object. A request without a body
     * and without a JSON content type has none; a JSON content type with no body is 400 (Kong cannot parse it).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject() {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return FormArgs.urlencoded(new String(body, StandardCharsets.UTF_8));
        }
        if (type.startsWith("multipart/form-data")) {
            return FormArgs.multipart(body, contentType);
        }
        if (!hasBody() && !type.contains("application/json")) {
            return new LinkedHashMap<>();
        }
        Object parsed = json();
        if (!(parsed instanceof Map<?, ?>)) {
            throw ApiError.badJson();
        }
        return (Map<String, Object>) parsed;
    }
}
