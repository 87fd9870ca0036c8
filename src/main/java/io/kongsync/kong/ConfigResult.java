package io.kongsync.kong;

import java.util.Map;

/**
 * The answer to a DB-less {@code POST /config}.
 *
 * @param status    201 when loaded, 304 when Kong already runs this configuration
 * @param unchanged the status was 304
 * @param body      the flattened entities Kong loaded (keyed by entity name, then id); empty for 304
 */
public record ConfigResult(int status, boolean unchanged, Map<String, Object> body) {

    public ConfigResult {
        body = body == null ? Map.of() : body;
    }
}
