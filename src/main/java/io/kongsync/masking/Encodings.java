package io.kongsync.masking;

import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** The forms a value takes when a message quotes it: as is, JSON-escaped (also with {@code \/}), URL-encoded. */
final class Encodings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Encodings() {
    }

    static Set<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String json = jsonEscaped(value);
        forms.add(json);
        // Kong's JSON encoder (lua-cjson) also escapes the slash
        forms.add(json.replace("/", "\\/"));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        return forms;
    }

    private static String jsonEscaped(String value) {
        String quoted = JSON.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
    }
}
