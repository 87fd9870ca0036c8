package io.kongsync.sandbox;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A plain JDK HTTP client for the sandbox's Admin API in tests. */
public final class AdminClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    public AdminClient(URI base) {
        this.base = base;
    }

    public record Answer(int status, String text, Map<String, List<String>> headers) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) JSON.readValue(text, Object.class);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> data() {
            return (List<Map<String, Object>>) json().get("data");
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body, null);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    public Answer patch(String path, Object body) {
        return send("PATCH", path, body, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    Answer raw(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType);
    }

    private Answer send(String method, String path, Object body, String contentType) {
        String text = body == null ? null : body instanceof String s && contentType != null ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            req.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        try {
            HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(res.statusCode(), res.body(), res.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
