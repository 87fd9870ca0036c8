package io.kongsync.schema.live;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The hand-written schema documents in {@code src/test/resources/kong-schemas}, decoded as a client would. */
final class LiveSchemaJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveSchemaJson() {
    }

    static Map<String, Object> load(String file) {
        try (InputStream in = LiveSchemaJson.class.getResourceAsStream("/kong-schemas/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }
}
