package io.kongsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** List pages (kong-admin-api.md 2.3): size, opaque base64 offsets over ids, and the {@code next} link. */
final class Paging {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    private Paging() {
    }

    static int size(Map<String, String> query) {
        String raw = query.get("size");
        if (raw == null) {
            return DEFAULT_SIZE;
        }
        double size;
        try {
            size = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.dao(400, 9, "invalid size", "size must be a number", null);
        }
        if (size != Math.rint(size) || size < 1 || size > MAX_SIZE) {
            throw ApiError.dao(400, 9, "invalid size", "size must be an integer between 1 and 1000", null);
        }
        return (int) size;
    }

    /** The id after which the page starts, or null for the first page. */
    static String after(Map<String, String> query) {
        String token = query.get("offset");
        if (token == null) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalidOffset(token, "bad base64 encoding");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(decoded, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw invalidOffset(token, "bad json encoding");
        }
        if (parsed instanceof List<?> l && l.size() == 1 && l.get(0) instanceof String id) {
            return id;
        }
        throw invalidOffset(token, "bad json encoding");
    }

    static ApiError invalidOffset(String token, String why) {
        return ApiError.dao(400, 7, "invalid offset", "'" + token + "' is not a valid offset: " + why, null);
    }

    static String token(String lastId) {
        return Base64.getEncoder().encodeToString(Json.bytes(List.of(lastId)));
    }

    /**
     * One page of rows in id order. {@code next} is built from {@code basePath}; {@code extra} holds the query
     * parameters re-appended after the offset (tags, size).
     */
    static Map<String, Object> page(Iterable<Map<String, Object>> rows, int size, TagFilter tags, String basePath,
                                    String extra, java.util.function.UnaryOperator<Map<String, Object>> view) {
        List<Object> data = new ArrayList<>(Math.min(size, 128));
        String lastId = null;
        boolean more = false;
        for (Map<String, Object> row : rows) {
            if (tags != null && !tags.matches(row.get("tags"))) {
                continue;
            }
            if (data.size() == size) {
                more = true;
                break;
            }
            data.add(view.apply(row));
            lastId = (String) row.get("id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (more) {
            String token = token(lastId);
            body.put("offset", token);
            body.put("next", basePath + "?offset=" + escape(token) + extra);
        } else {
            body.put("next", null);
        }
        return body;
    }

    /** ngx.escape_uri: everything but unreserved characters percent-encoded. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The rows of ids in order, skipping ids no longer present. */
    static Iterable<Map<String, Object>> rows(Table table, Collection<String> ids) {
        return () -> ids.stream().map(table::get).filter(java.util.Objects::nonNull).iterator();
    }
}
