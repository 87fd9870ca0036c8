package io.kongsync.server;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kongsync serve} started in-process on free ports, for tests: real HTTP through {@link #call}. Settings are
 * {@code kongsync.*} and Spring properties; {@link #start} adds free ports and the in-process sandbox on a free port.
 */
public final class RunningService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningService start(Map<String, String> settings) {
        return start(settings, List.of());
    }

    /**
     * As {@link #start(Map)}, with {@code beans} registered before the context starts: fakes of third-party clients,
     * which the configuration uses instead of making its own.
     */
    public static RunningService start(Map<String, String> settings, List<Object> beans) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("kongsync.kong.sandbox-port", "0");
        all.put("kongsync.drift.interval", "0s");
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        org.springframework.boot.SpringApplication app = KongsyncApplication.application();
        app.addInitializers(context -> beans.forEach(bean -> context.getBeanFactory()
                .registerSingleton(bean.getClass().getName(), bean)));
        return new RunningService(app.run(args.toArray(String[]::new)));
    }

    public URI url() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public record Reply(int status, String body, HttpResponse<String> response) {

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** @param token sent as {@code Authorization: Bearer token} unless null */
    public Reply call(String method, String path, String token, String jsonBody) {
        return send(url().resolve(path), method, token, jsonBody, Map.of());
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Reply getManagement(String path) {
        return send(managementUrl().resolve(path), "GET", null, null, Map.of());
    }

    public Reply send(URI uri, String method, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
