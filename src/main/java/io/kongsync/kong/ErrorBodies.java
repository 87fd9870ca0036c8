package io.kongsync.kong;

import io.kongsync.masking.MaskingPolicy;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an error answer into a {@link KongError}, whatever its body (Kong's JSON, or HTML from a proxy), masking the
 * values of secret fields that Kong echoes: a unique violation on a key-auth credential says {@code UNIQUE violation
 * detected on '{key="the-key"}'} and repeats the key in {@code fields}. This layer knows field names only; the
 * callers that know the desired state mask its values with {@link MaskingPolicy} on top.
 */
final class ErrorBodies {

    static final String MASK = MaskingPolicy.MASK;

    /** Fields whose values are secrets in the credential entities and certificates. */
    private static final Set<String> SECRET_FIELDS = Set.of("key", "password", "secret", "client_secret", "key_alt");
    private static final Pattern SECRET_IN_MESSAGE =
            Pattern.compile("\\b(key|password|secret|client_secret|key_alt)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')");
    /** Codes whose {@code fields} carry submitted values rather than messages: primary key, unique, not found. */
    private static final Set<Integer> VALUE_CODES = Set.of(3, 5, 6);

    private ErrorBodies() {
    }

    record Parsed(KongError error, List<Map<String, Object>> flattenedErrors) {
    }

    static Parsed parse(JsonMapper json, int status, byte[] body) {
        Map<String, Object> map = readObject(json, body);
        if (map == null) {
            return new Parsed(new KongError(status, null, null, reason(status) + " (answer is not Kong JSON)", Map.of()),
                    List.of());
        }
        Integer code = map.get("code") instanceof Number n ? n.intValue() : null;
        String name = map.get("name") instanceof String s ? s : null;
        String message = map.get("message") instanceof String s ? maskMessage(s) : reason(status);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (map.get("fields") instanceof Map<?, ?> f) {
            f.forEach((k, v) -> fields.put(String.valueOf(k), v));
        } else if (map.get("options") instanceof Map<?, ?> o) {
            o.forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
        if (code != null && VALUE_CODES.contains(code)) {
            fields.replaceAll((k, v) -> SECRET_FIELDS.contains(k) && v != null ? MASK : v);
        }
        return new Parsed(new KongError(status, code, name, message, fields), flattened(map.get("flattened_errors")));
    }

    static String maskMessage(String message) {
        return SECRET_IN_MESSAGE.matcher(message).replaceAll(m -> m.group(1) + "=\"" + MASK + "\"");
    }

    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> flattened(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readObject(JsonMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Object value = json.readValue(body, Object.class);
            return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
