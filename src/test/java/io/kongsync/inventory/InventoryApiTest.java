package io.kongsync.inventory;

import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import io.kongsync.service.SyncCoordinator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code GET /api/v1/inventory} over real HTTP: the repository's shipped {@code routes/} committed to a git repository
 * and synced into a sandbox, then a service, a route and a consumer's key made in the sandbox by hand.
 */
class InventoryApiTest {

    static final String TOKEN = "inventory-token-3b9d";
    static final String HAND_MADE_KEY = "hand-made-key-6c2f8a1d";
    static final Path SHIPPED = Path.of("routes");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;
    static TestRepo repo;
    static String commit;
    static Map<String, List<String>> fileLines = new TreeMap<>();
    static Sandbox sandbox;
    static AdminClient kong;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        repo = TestRepo.create(root.resolve("repo"));
        List<String> files = new ArrayList<>();
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            for (Path file : shipped.sorted().toList()) {
                String text = Files.readString(file);
                String name = "routes/" + file.getFileName();
                files.add(name);
                files.add(text);
                fileLines.put(name, text.lines().toList());
            }
        }
        assertThat(fileLines).hasSize(4);
        commit = repo.commit("the shipped routes", files.toArray(String[]::new));
        sandbox = Sandbox.start(SandboxOptions.defaults());
        kong = new AdminClient(sandbox.url());
        service = RunningService.start(Map.of(
                "kongsync.git.uri", repo.uri(),
                "kongsync.kong.admin-url", sandbox.url().toString(),
                "kongsync.data-dir", root.resolve("data").toString(),
                "kongsync.api.token", TOKEN,
                "kongsync.drift.interval", "5m"));
        assertThat(service.bean(SyncCoordinator.class).awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(json(service.get("/api/v1/plan", TOKEN).body())).as("the start-up sync applied the files")
                .containsEntry("summary", Map.of("create", 0, "update", 0, "delete", 0));

        assertThat(kong.post("/services", Map.of("name", "legacy", "host", "legacy.internal")).status()).isEqualTo(201);
        assertThat(kong.post("/services/legacy/routes", Map.of("name", "legacy", "paths", List.of("/legacy")))
                .status()).isEqualTo(201);
        // the files say keys are provisioned out of band, without kongsync's tag
        assertThat(kong.post("/consumers/mobile-app/key-auth", Map.of("key", HAND_MADE_KEY)).status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void everyShippedEntityIsInSyncWithItsFileLineAndCommitAndTheHandMadeOnesAreOnlyInKong() {
        RunningService.Reply reply = service.get("/api/v1/inventory", TOKEN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.body()).doesNotContain(HAND_MADE_KEY);
        Map<String, Object> inventory = json(reply.body());

        assertThat(inventory).containsEntry("commit", commit).containsEntry("ownership_tag", "managed-by:kongsync")
                .containsEntry("kong", Map.of("version", "3.9.1", "mode", "database", "sandbox", true));
        assertThat(inventory.get("summary")).isEqualTo(Map.of("in_sync", 26, "differs", 0, "only_in_kong", 3,
                "only_in_files", 0, "total", 29));

        List<Map<String, Object>> managed = new ArrayList<>();
        everyItem(inventory, item -> {
            if (Boolean.TRUE.equals(item.get("managed"))) {
                managed.add(item);
            }
        });
        assertThat(managed).hasSize(26);
        for (Map<String, Object> item : managed) {
            String what = item.get("kind") + " " + item.get("name") + " " + item.get("scope");
            assertThat(item.get("status")).as(what).isEqualTo("in_sync");
            Map<String, Object> source = map(item.get("source"));
            assertThat(source).as(what).isNotNull().containsEntry("commit", commit).containsEntry("url", null);
            List<String> lines = fileLines.get((String) source.get("file"));
            assertThat(lines).as(what + " in a shipped file: " + source).isNotNull();
            int line = (Integer) source.get("line");
            assertThat(lines.get(line - 1)).as(what + " at " + source).contains((String) item.get("name"));
            assertThat(source.get("path")).as(what).isNotNull();
        }

        List<Map<String, Object>> services = list(inventory.get("services"));
        assertThat(services).extracting(s -> s.get("name")).containsExactly("legacy", "nyan", "orders-api", "payments");

        Map<String, Object> legacy = services.get(0);
        assertThat(legacy).containsEntry("status", "only_in_kong").containsEntry("managed", false)
                .containsEntry("source", null).containsEntry("change", null).containsEntry("host", "legacy.internal");
        assertThat(list(legacy.get("routes"))).singleElement().satisfies(route -> assertThat(route)
                .containsEntry("name", "legacy").containsEntry("status", "only_in_kong")
                .containsEntry("managed", false).containsEntry("paths", List.of("/legacy")));

        Map<String, Object> orders = services.get(2);
        assertThat(orders).containsEntry("host", "orders.ecs.local").containsEntry("port", 8080)
                .containsEntry("path", "/v1").containsEntry("protocol", "http");
        assertThat(map(orders.get("source"))).containsEntry("file", "routes/orders-api.yaml").containsEntry("line", 7)
                .containsEntry("column", 5).containsEntry("path", "services[0]");
        assertThat(list(orders.get("plugins"))).extracting(p -> p.get("name"))
                .containsExactly("acl", "key-auth", "rate-limiting");
        List<Map<String, Object>> routes = list(orders.get("routes"));
        assertThat(routes).extracting(r -> r.get("name")).containsExactly("orders-read", "orders-write");
        assertThat(routes.get(0)).containsEntry("hosts", List.of("api.mydomain.com"))
                .containsEntry("paths", List.of("/orders")).containsEntry("methods", List.of("GET", "HEAD"))
                .containsEntry("service", "orders-api");
        assertThat(map(routes.get(0).get("source"))).containsEntry("line", 12);
        assertThat(list(routes.get(1).get("plugins"))).extracting(p -> p.get("name"))
                .containsExactly("acl", "request-size-limiting");

        List<Map<String, Object>> consumers = list(inventory.get("consumers"));
        assertThat(consumers).extracting(c -> c.get("name")).containsExactly("mobile-app", "warehouse-sync");
        Map<String, Object> mobile = consumers.get(0);
        assertThat(mobile).containsEntry("custom_id", "mobile-app-ios")
                .containsEntry("credential_counts", Map.of("acl", 1, "keyauth_credential", 1));
        assertThat(list(mobile.get("credentials"))).anySatisfy(credential -> assertThat(credential)
                .containsEntry("kind", "keyauth_credential").containsEntry("name", "(sensitive)")
                .containsEntry("status", "only_in_kong").containsEntry("managed", false));
        assertThat(list(mobile.get("plugins"))).extracting(p -> p.get("name")).containsExactly("rate-limiting");

        assertThat(list(inventory.get("upstreams"))).singleElement().satisfies(upstream ->
                assertThat(list(upstream.get("targets"))).extracting(t -> t.get("name"), t -> t.get("weight"))
                        .containsExactly(tuple("payments-blue.ecs.local:8080", 90),
                                tuple("payments-green.ecs.local:8080", 10)));
        assertThat(list(inventory.get("plugins"))).extracting(p -> p.get("name"))
                .containsExactly("correlation-id", "prometheus");
        assertThat(list(inventory.get("routes"))).isEmpty();
    }

    @Test
    void aRouteChangedInKongDiffersAndPointsAtItsChangeInThePlan() {
        kong.patch("/routes/nyan", Map.of("hosts", List.of("changed.example.com")));
        try {
            Map<String, Object> inventory = json(service.get("/api/v1/inventory", TOKEN).body());
            Map<String, Object> route = list(list(inventory.get("services")).get(1).get("routes")).get(0);
            assertThat(route).containsEntry("name", "nyan").containsEntry("status", "differs")
                    .containsEntry("managed", true).containsEntry("hosts", List.of("changed.example.com"))
                    .containsEntry("anchor", "route:nyan");
            Map<String, Object> change = map(route.get("change"));
            assertThat(change).containsEntry("action", "update");

            List<Map<String, Object>> planned = list(json(service.get("/api/v1/plan", TOKEN).body()).get("changes"));
            assertThat(planned.get((Integer) change.get("index"))).containsEntry("kind", "route")
                    .containsEntry("name", "nyan").containsEntry("action", "update");
        } finally {
            kong.patch("/routes/nyan", Map.of("hosts", List.of("nyan.mydomain.com")));
        }
    }

    @Test
    void itNeedsTheTokenAndRefusesABadRefOrInvalidFilesLikeThePlan() throws Exception {
        RunningService.Reply anonymous = service.get("/api/v1/inventory", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");

        assertThat(service.get("/api/v1/inventory?ref=-bad..ref", TOKEN).status()).isEqualTo(400);

        repo.newBranch("broken");
        repo.commit("a port that is no number", "routes/broken.yaml", """
                _format_version: "3.0"
                services:
                  - name: broken
                    host: broken.internal
                    port: many
                """);
        repo.switchTo("main");
        RunningService.Reply invalid = service.get("/api/v1/inventory?ref=broken", TOKEN);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(invalid.body()).contains("routes/broken.yaml:5");
    }

    private static void everyItem(Map<String, Object> inventory, Consumer<Map<String, Object>> action) {
        for (String group : List.of("services", "routes", "consumers", "upstreams", "certificates", "ca_certificates",
                "plugins", "other")) {
            list(inventory.get(group)).forEach(item -> visit(item, action));
        }
    }

    private static void visit(Map<String, Object> item, Consumer<Map<String, Object>> action) {
        action.accept(item);
        for (String children : List.of("routes", "plugins", "credentials", "targets")) {
            if (item.get(children) instanceof List<?>) {
                list(item.get(children)).forEach(child -> visit(child, action));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return (Map<String, Object>) JSON.readValue(body, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
