package io.kongsync.kong;

import java.util.Map;

/**
 * The parsed body of a Kong error answer.
 *
 * @param status  HTTP status
 * @param code    Kong's DAO error code ({@code 2} schema violation, {@code 5} unique violation ...); null for plain errors
 * @param name    Kong's error name, e.g. {@code schema violation}; null for plain errors
 * @param message Kong's message; for a body that is not JSON, the HTTP reason phrase
 * @param fields  Kong's details: {@code fields}, or {@code options} for code 11; empty when none. Values of
 *                secret-bearing fields (credential keys, passwords, secrets) are masked.
 */
public record KongError(int status, Integer code, String name, String message, Map<String, Object> fields) {

    public KongError {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** One line: {@code 400 schema violation (host: required field missing)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(status);
        boolean messageRepeatsName = name != null && message != null && message.startsWith(name);
        if (name != null && !messageRepeatsName) {
            sb.append(' ').append(name);
            if (message != null) {
                sb.append(':');
            }
        }
        if (message != null) {
            sb.append(' ').append(message);
        }
        return sb.toString();
    }
}
