package io.kongsync.sandbox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the sandbox: PUTs of services, routes and plugins at 16 concurrent requests, then every page read
 * back. Excluded from the suite (surefire skips *Benchmark); run with
 * {@code ./mvnw -o test -Dtest=SandboxBenchmark}. Prints figures; asserts only that the work was done right.
 */
class SandboxBenchmark {

    private static final int SERVICES = Integer.getInteger("bench.services", 20_000);
    private static final int CONCURRENCY = 16;

    @Test
    void putsAndPagedReads() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = sandbox.url();
            List<HttpRequest> puts = new ArrayList<>();
            for (int i = 0; i < SERVICES; i++) {
                puts.add(put(base, "/services/svc-" + i, "{\"host\":\"h" + i + ".test\",\"tags\":[\"bench\"]}"));
                puts.add(put(base, "/services/svc-" + i + "/routes/route-" + i, "{\"paths\":[\"/p" + i + "\"]}"));
                puts.add(put(base, "/plugins/rl-" + i, "{\"name\":\"rate-limiting\",\"service\":{\"name\":\"svc-" + i
                        + "\"},\"config\":{\"minute\":" + (i + 1) + "}}"));
            }
            long t0 = System.nanoTime();
            List<Integer> statuses = run(http, puts);
            long t1 = System.nanoTime();
            assertThat(statuses).allMatch(s -> s == 200);
            System.out.printf("%d PUTs in %d ms (%.0f/s)%n", puts.size(), (t1 - t0) / 1_000_000,
                    puts.size() / ((t1 - t0) / 1e9));

            int read = 0;
            String next = "/services?size=1000";
            long t2 = System.nanoTime();
            while (next != null) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(next)).build(),
                        HttpResponse.BodyHandlers.ofString());
                var json = AdminClient.JSON.readTree(page.body());
                read += json.get("data").size();
                next = json.get("next").isNull() ? null : json.get("next").asString();
            }
            long t3 = System.nanoTime();
            assertThat(read).isEqualTo(SERVICES);
            System.out.printf("read %d services in pages of 1000 in %d ms%n", read, (t3 - t2) / 1_000_000);
        }
    }

    private static HttpRequest put(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends in order of dependency: each service's route and plugin after the service itself. */
    private static List<Integer> run(HttpClient http, List<HttpRequest> requests) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            Semaphore permits = new Semaphore(CONCURRENCY);
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = phase; i < requests.size(); i += 3) {
                permits.acquire();
                futures.add(http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode).whenComplete((s, e) -> permits.release()));
            }
            for (CompletableFuture<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        return statuses;
    }
}
