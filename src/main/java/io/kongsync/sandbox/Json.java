package io.kongsync.sandbox;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out for the sandbox; one shared, thread-safe mapper. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The parsed body, or {@link ApiError#badJson()} when it is not JSON. */
    static Object parse(byte[] body) {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw ApiError.badJson();
        }
    }

    static Object parse(String text) {
        return MAPPER.readValue(text, Object.class);
    }

    static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    static String text(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
