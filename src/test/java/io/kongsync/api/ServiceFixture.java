package io.kongsync.api;

import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A sandbox, a routes directory and a data directory for {@link RunningService} tests. */
public final class ServiceFixture implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = "api-token-4f1c9e7b2d";
    /** A consumer key in the files: a secret that must never be shown. */
    public static final String CONSUMER_KEY = "consumer-key-9a8b7c6d5e";

    public static final String ROUTES = """
            _format_version: "3.0"
            services:
              - name: nyan
                host: nyan.ecs.local
                port: 80
                routes:
                  - name: nyan
                    hosts: [nyan.mydomain.com]
                    plugins:
                      - name: rate-limiting
                        config:
                          minute: 600
                          policy: local
            consumers:
              - username: mobile-app
                keyauth_credentials:
                  - key: %s
            """.formatted(CONSUMER_KEY);

    final Sandbox sandbox;
    final AdminClient admin;
    final Path routes;
    final Path dataDir;

    ServiceFixture(Path root) {
        this(root, SandboxOptions.defaults());
    }

    ServiceFixture(Path root, SandboxOptions sandboxOptions) {
        sandbox = Sandbox.start(sandboxOptions);
        admin = new AdminClient(sandbox.url());
        try {
            routes = Files.createDirectories(root.resolve("routes"));
            dataDir = root.resolve("data");
            Files.writeString(routes.resolve("nyan.yaml"), ROUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kongsync.kong.admin-url", sandbox.url().toString());
        settings.put("kongsync.git.path", routes.toString());
        settings.put("kongsync.data-dir", dataDir.toString());
        settings.put("kongsync.api.token", TOKEN);
        return settings;
    }

    void writeRoutes(String text) {
        try {
            Files.writeString(routes.resolve("nyan.yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return (Map<String, Object>) JSON.readValue(body, Object.class);
    }

    /** Polls the sync until {@code done} holds (or 30 s pass) and returns its JSON. */
    static Map<String, Object> await(RunningService service, String location, Predicate<Map<String, Object>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            RunningService.Reply reply = service.get(location, TOKEN);
            if (reply.status() == 200) {
                last = json(reply.body());
                if (done.test(last)) {
                    return last;
                }
            }
            sleep(50);
        }
        throw new AssertionError("gave up waiting for " + location + "; last seen: " + last);
    }

    static Map<String, Object> awaitFinished(RunningService service, String location) {
        return await(service, location, s -> "succeeded".equals(s.get("state")) || "failed".equals(s.get("state")));
    }

    /** Waits for the start-up sync (and anything else running) to end. */
    static RunningService idle(RunningService service) {
        try {
            if (!service.bean(io.kongsync.service.SyncCoordinator.class).awaitIdle(Duration.ofSeconds(30))) {
                throw new AssertionError("the service was still syncing after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return service;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
