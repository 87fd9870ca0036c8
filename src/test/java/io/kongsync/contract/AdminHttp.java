package io.kongsync.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Raw HTTP against a Kong Admin API, with the JDK client: the contract is about HTTP, so it does not go through kongsync's
 * own client. Bodies are JSON strings; responses are parsed leniently (an empty or non-JSON body becomes a missing node).
 */
final class AdminHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, JsonNode body, HttpHeaders headers, String text) {
        /** {@code body.path(field)}, for short assertions. */
        JsonNode at(String field) {
            return body.path(field);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminHttp(URI base) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
