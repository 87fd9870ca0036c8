package io.kongsync.bench;

import io.kongsync.testsupport.ChildOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of dry runs against {@code kongsync serve} on a large configuration with a bounded heap: the service must
 * answer every request (accepted, queued or 429), keep its health endpoint answering, never run out of memory, and
 * stop within 35 s of SIGTERM in the middle of a second burst. Not part of the suite (surefire excludes *Benchmark):
 * {@code ./mvnw test -Dtest=DryRunFloodBenchmark}. The service runs in a child JVM with {@code -Xmx1g}, the sandbox
 * in another.
 */
class DryRunFloodBenchmark {

    private static final int SERVICES = Integer.getInteger("bench.services", 1_400);
    private static final int CONSUMERS = Integer.getInteger("bench.consumers", 500);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
    private static final String HEAP = System.getProperty("bench.heap", "1g");
    private static final String TOKEN = "bench-token-0c4f";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBurstOfDryRunsIsAnsweredWithoutExhaustingMemory(@TempDir Path dir) throws Exception {
        int entities = LargeConfig.write(dir.resolve("routes"), SERVICES, CONSUMERS);
        int api = freePort();
        int management = freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(0)) {
            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    "io.kongsync.cli.KongsyncMain", "serve", "--server.port=" + api,
                    "--management.server.port=" + management, "--kongsync.kong.admin-url=" + sandbox.url(),
                    "--kongsync.git.path=" + dir.resolve("routes"), "--kongsync.data-dir=" + dir.resolve("data"),
                    "--kongsync.api.token=" + TOKEN, "--kongsync.drift.interval=0s",
                    "--logging.level.io.kongsync=INFO")
                    .redirectErrorStream(true).start();
            java.util.Collection<String> output = ChildOutput.lines(service);
            try {
                URI base = URI.create("http://127.0.0.1:" + api);
                URI health = URI.create("http://127.0.0.1:" + management + "/actuator/health");
                long t0 = System.nanoTime();
                awaitStatus(base, s -> s.contains("\"lastSync\":{") && s.contains("\"state\":\"succeeded\""),
                        Duration.ofMinutes(5));
                System.out.printf("%d entities; start-up sync done in %d s; service heap -Xmx%s%n", entities,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), HEAP);

                HealthProbe probe = HealthProbe.start(health);
                Map<Integer, Integer> first = burst(base);
                long burstStart = System.nanoTime();
                awaitStatus(base, s -> s.contains("\"dryRunsInFlight\":0"), Duration.ofMinutes(10));
                long drained = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - burstStart);
                probe.stop();

                Map<Integer, Integer> second = burstAsync(base);
                long signalled = System.nanoTime();
                service.destroy();
                boolean ended = service.waitFor(120, TimeUnit.SECONDS);
                double stopSeconds = (System.nanoTime() - signalled) / 1e9;
                boolean oom = output.stream().anyMatch(l -> l.contains("OutOfMemoryError"));

                int answered = first.values().stream().mapToInt(Integer::intValue).sum();
                boolean allAnswered = answered == REQUESTS && first.keySet().stream()
                        .allMatch(status -> status == 202 || status == 429);
                System.out.printf("burst of %d dry runs: answers by status %s; the accepted ones finished in %d s%n",
                        REQUESTS, first, drained);
                System.out.printf("health during the burst: %d probes, slowest %d ms, %d unanswered within 1 s%n",
                        probe.count.get(), probe.slowestMillis.get(), probe.late.get());
                System.out.printf("second burst %s, then SIGTERM: the process ended after %.1f s%n", second,
                        stopSeconds);
                verdict("every request answered (202 or 429)", allAnswered);
                verdict("health answered within 1 s throughout", probe.late.get() == 0 && probe.count.get() > 0);
                verdict("no OutOfMemoryError", !oom);
                verdict("SIGTERM ends the process within 35 s", ended && stopSeconds < 35);
                assertThat(answered).isEqualTo(REQUESTS);
            } finally {
                service.destroyForcibly();
            }
        }
    }

    private static void verdict(String target, boolean met) {
        System.out.printf("%-45s %s%n", target, met ? "MET" : "MISSED");
    }

    /** Sends {@link #REQUESTS} dry runs at once and waits for every answer; status -> count. */
    private static Map<Integer, Integer> burst(URI base) {
        List<CompletableFuture<Integer>> answers = send(base);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (CompletableFuture<Integer> answer : answers) {
            byStatus.merge(answer.join(), 1, Integer::sum);
        }
        return byStatus;
    }

    /** Sends the dry runs and returns without waiting for their answers (they race the SIGTERM). */
    private static Map<Integer, Integer> burstAsync(URI base) throws InterruptedException {
        send(base);
        Thread.sleep(200);
        return Map.of(-1, REQUESTS);
    }

    private static List<CompletableFuture<Integer>> send(URI base) {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/syncs"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\":true}")).build();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode).exceptionally(e -> -1));
        }
        return answers;
    }

    private static void awaitStatus(URI base, java.util.function.Predicate<String> done, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/status"))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && done.test(reply.body())) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up waiting for the service's status");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Asks for health every 250 ms, each with a 1 s limit, until stopped. */
    private static final class HealthProbe {
        final AtomicLong count = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread thread;

        static HealthProbe start(URI health) {
            HealthProbe probe = new HealthProbe();
            probe.thread = new Thread(() -> {
                while (probe.running.get()) {
                    long t = System.nanoTime();
                    try {
                        HttpResponse<Void> reply = HTTP.send(HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                        if (reply.statusCode() != 200) {
                            probe.late.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        probe.late.incrementAndGet();
                    }
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                    probe.slowestMillis.accumulateAndGet(millis, Math::max);
                    probe.count.incrementAndGet();
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-probe");
            probe.thread.setDaemon(true);
            probe.thread.start();
            return probe;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
