package io.kongsync.e2e;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw Admin API calls, as an operator's script or a colleague clicking in Kong Manager would make them. */
final class AdminHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    AdminHttp(URI base) {
        this.base = base;
    }

    int post(String path, Object body) {
        return send("POST", path, body).statusCode();
    }

    int patch(String path, Object body) {
        return send("PATCH", path, body).statusCode();
    }

    int put(String path, Object body) {
        return send("PUT", path, body).statusCode();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        return response.statusCode() == 200 ? JSON.readValue(response.body(), Map.class) : null;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "size=1000";
        while (next != null) {
            Map<String, Object> page = get(next);
            all.addAll((List<Map<String, Object>>) page.get("data"));
            next = (String) page.get("next");
        }
        return all;
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
