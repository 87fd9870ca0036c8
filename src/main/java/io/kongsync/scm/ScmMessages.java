package io.kongsync.scm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's own words from an error answer, on one short line: GitHub's and GitLab's {@code message} (with
 * GitHub's {@code errors[].message}), GitLab's {@code error}, Bitbucket Cloud's {@code error.message} and
 * {@code error.detail}, Bitbucket Data Center's {@code errors[].message}. Any secret the answer echoes is scrubbed.
 */
final class ScmMessages {

    static final int MAX_LENGTH = 200;
    static final String MASK = "(sensitive)";

    private ScmMessages() {
    }

    static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return ScmHttp.JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    static String of(JsonNode json, byte[] body, HttpHeaders headers, Iterable<String> secrets) {
        List<String> parts = new ArrayList<>();
        if (json.isObject()) {
            add(parts, json.get("message"));
            JsonNode error = json.get("error");
            if (error != null && error.isObject()) {
                add(parts, error.get("message"));
                add(parts, error.get("detail"));
            } else {
                add(parts, error);
            }
            add(parts, json.get("error_description"));
            JsonNode errors = json.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode each : errors) {
                    add(parts, each.isObject() ? each.get("message") : each);
                }
            }
        }
        if (parts.isEmpty() && body != null && body.length > 0 && headers.firstValue("Content-Type")
                .map(type -> type.startsWith("text/plain")).orElse(false)) {
            parts.add(new String(body, StandardCharsets.UTF_8));
        }
        return trim(parts.isEmpty() ? "no error message" : String.join("; ", parts), secrets);
    }

    private static void add(List<String> parts, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        String text = node.isString() ? node.asString() : node.toString();
        if (!text.isBlank() && !parts.contains(text)) {
            parts.add(text);
        }
    }

    /** One line of at most {@link #MAX_LENGTH} characters, control characters as spaces, secrets masked. */
    static String trim(String text, Iterable<String> secrets) {
        String line = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                line = line.replace(secret, MASK);
            }
        }
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX_LENGTH + 1));
        boolean space = false;
        int i = 0;
        for (; i < line.length() && out.length() < MAX_LENGTH; i++) {
            char c = line.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (!blank) {
                out.append(space && out.length() > 0 ? " " : "").append(c);
            }
            space = blank;
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
            i--;
        }
        boolean more = !line.substring(i).isBlank();
        return more ? out + "…" : out.toString();
    }
}
