package io.kongsync.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The server around the API: concurrent writers, latency, the request log. */
class ServerBehaviourTest {

    @Test
    void concurrentCreatesLeaveAConsistentStore() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            AdminClient kong = new AdminClient(sandbox.url());
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                // every name is written twice: exactly one of each pair may win
                String name = "svc-" + (i / 2);
                tasks.add(() -> kong.post("/services", Map.of("name", name, "host", "h.test")).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(200);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(200);
            var all = kong.get("/services?size=1000").data();
            assertThat(all).hasSize(200);
            assertThat(all).extracting(s -> s.get("name")).doesNotHaveDuplicates();
            assertThat(sandbox.writeCount()).isEqualTo(400);
        }
    }

    @Test
    void latencyDelaysEveryAnswer() {
        Duration latency = Duration.ofMillis(150);
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withLatency(latency))) {
            AdminClient kong = new AdminClient(sandbox.url());
            kong.get("/");
            long start = System.nanoTime();
            kong.get("/status");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(latency);
        }
    }

    @Test
    void requestLogRecordsMethodPathAndStatus() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            AdminClient kong = new AdminClient(sandbox.url());
            kong.get("/services?size=5");
            kong.post("/consumers", Map.of());
            kong.delete("/consumers/nobody");
            assertThat(sandbox.requests()).containsExactly(
                    new SandboxRequest("GET", "/services?size=5", 200),
                    new SandboxRequest("POST", "/consumers", 400),
                    new SandboxRequest("DELETE", "/consumers/nobody", 204));
            assertThat(sandbox.writeCount()).isEqualTo(2);
            sandbox.clearRequests();
            assertThat(sandbox.requests()).isEmpty();
            assertThat(sandbox.url().toString()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void closeUnblocksAwaitTermination() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        Thread waiter = new Thread(sandbox::awaitTermination);
        waiter.start();
        sandbox.close();
        waiter.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
    }
}
