package io.kongsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kongsync.bench.BenchmarkRun.PARALLELISM;
import static io.kongsync.bench.BenchmarkRun.progress;
import static io.kongsync.bench.BenchmarkRun.seconds;

/**
 * The running service: 65,000 entities (10,000 services with 2 routes and 2 plugins, 7,500 consumers with a key) into
 * a sandbox that waits 2 ms per request, warm. {@code kongsync serve} ({@code -Xmx1g}, or {@code bench.65k.heap})
 * syncs once on start (cold), then empties the sandbox by syncing an empty directory in place of the files, then
 * syncs the files again through its API: that sync is the one measured (its record's {@code durationMillis}), with
 * both JVMs warm (restarting the sandbox instead would charge the sandbox's own JIT to kongsync on a shared machine).
 * Then a no-op. Resident memory is read after the measured sync.
 */
final class ServiceSyncScenarios {

    private static final int SERVICES = Integer.getInteger("bench.65k.services", 10_000);
    private static final int CONSUMERS = Integer.getInteger("bench.65k.consumers", 7_500);
    private static final int PLUGINS = Integer.getInteger("bench.65k.plugins", 2);
    private static final int LATENCY_MS = Integer.getInteger("bench.65k.latencyMs", 2);
    private static final String HEAP = System.getProperty("bench.65k.heap", "1g");
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final long GIB = 1L << 30;

    private final Artefact kongsync;
    private final Path work;
    private final Verdicts verdicts;

    ServiceSyncScenarios(Artefact kongsync, Path work, Verdicts verdicts) {
        this.kongsync = kongsync;
        this.work = work;
        this.verdicts = verdicts;
    }

    void run() {
        String syncScenario = "entities from the running service (warm), sandbox at " + LATENCY_MS + " ms";
        String syncTarget = "within 1.25 x floor (requests x " + LATENCY_MS + " ms / " + PARALLELISM + ")";
        String noOpScenario = "same, no-op sync from the service";
        String memoryScenario = "resident memory of the service (-Xmx" + HEAP + ") after that sync";
        SandboxProcess sandbox = null;
        ServiceProcess service = null;
        boolean judged = false;
        try {
            Path routes = work.resolve("routes");
            int entities = LargeConfig.write(routes, SERVICES, CONSUMERS, PLUGINS);
            syncScenario = String.format("%,d ", entities) + syncScenario;
            BenchmarkRun.OUT.printf("65k: %,d entities (%d services, %d consumers), sandbox --latency-ms %d in its "
                    + "own JVM, service -Xmx%s with kongsync.kong.parallelism=%d%n", entities, SERVICES, CONSUMERS,
                    LATENCY_MS, HEAP, PARALLELISM);
            sandbox = SandboxProcess.start(kongsync.sandbox(), LATENCY_MS, Proc.freePort());
            Path log = work.resolve("service.log");
            service = ServiceProcess.start(List.of(Artefact.java(), "-Xmx" + HEAP), kongsync.jar(), routes,
                    work.resolve("data"), sandbox.url(), PARALLELISM, log);
            Map<String, Object> cold = succeeded(service.awaitFinished(null, LIMIT), log);
            progress("start-up sync (cold JVM): %s ms", cold.get("durationMillis"));
            Path aside = work.resolve("routes-aside");
            Files.move(routes, aside);
            Files.createDirectories(routes);
            Map<String, Object> emptied = succeeded(service.awaitFinished(service.requestSync(), LIMIT), log);
            progress("sync of an empty directory (deletes everything): %s ms", emptied.get("durationMillis"));
            Files.delete(routes);
            Files.move(aside, routes);

            long serviceCpu = Proc.cpuMillis(service.pid());
            long sandboxCpu = Proc.cpuMillis(sandbox.pid());
            String id = service.requestSync();
            Map<String, Object> warm = succeeded(service.awaitFinished(id, LIMIT), log);
            serviceCpu = Proc.cpuMillis(service.pid()) - serviceCpu;
            sandboxCpu = Proc.cpuMillis(sandbox.pid()) - sandboxCpu;
            long rss = Proc.memory(service.pid(), "VmRSS");
            long peak = Proc.memory(service.pid(), "VmHWM");

            if (((Number) warm.get("operationCount")).intValue() != entities) {
                throw new IOException("the measured sync applied " + warm.get("operationCount") + " operations, not "
                        + entities + ": the sandbox was not empty");
            }
            Map<String, Object> report = service.report(id);
            long duration = ((Number) warm.get("durationMillis")).longValue();
            long requests = ((Number) report.get("requests")).longValue();
            double floor = requests * (double) LATENCY_MS / PARALLELISM;
            progress("warm sync: %d ms (the sync's own %s ms), %d requests, floor %.0f ms; the service %d ms CPU "
                    + "(%.2f ms per request), the sandbox %d ms CPU (%.2f ms per request)", duration,
                    report.get("millis"), requests, floor, serviceCpu, serviceCpu / (double) requests, sandboxCpu,
                    sandboxCpu / (double) requests);
            verdicts.judge(syncScenario, String.format("%s = %.2f x floor %s (%,d requests; kongsync CPU %.2f ms "
                            + "per request; cold start-up sync %s)", seconds(duration), duration / floor,
                    seconds(Math.round(floor)), requests, serviceCpu / (double) requests,
                    seconds(((Number) cold.get("durationMillis")).longValue())), syncTarget,
                    duration <= 1.25 * floor);
            verdicts.judge(memoryScenario, String.format("%d MiB VmRSS (peak VmHWM %d MiB)", rss >> 20, peak >> 20),
                    "under 1 GiB", rss >= 0 && rss < GIB);
            judged = true;

            try {
                Map<String, Object> noOp = succeeded(service.awaitFinished(service.requestSync(), LIMIT), log);
                long noOpMillis = ((Number) noOp.get("durationMillis")).longValue();
                verdicts.judge(noOpScenario, seconds(noOpMillis), "under 3 s", noOpMillis < 3_000);
            } catch (Exception e) {
                verdicts.failed(noOpScenario, "under 3 s", e);
            }
        } catch (Exception e) {
            if (!judged) {
                verdicts.failed(syncScenario, syncTarget, e);
                verdicts.failed(memoryScenario, "under 1 GiB", e);
                verdicts.failed(noOpScenario, "under 3 s", e);
            }
        } finally {
            stop(service);
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static Map<String, Object> succeeded(Map<String, Object> sync, Path log) throws IOException {
        if (!"succeeded".equals(sync.get("state"))) {
            throw new IOException("sync " + sync.get("id") + " " + sync.get("state") + ": " + sync.get("error")
                    + " (service log: " + log + ")");
        }
        return sync;
    }

    private static void stop(ServiceProcess service) {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
