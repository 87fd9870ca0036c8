package io.kongsync.bench;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kongsync.bench.BenchmarkRun.PARALLELISM;
import static io.kongsync.bench.BenchmarkRun.progress;
import static io.kongsync.bench.BenchmarkRun.requireSuccess;
import static io.kongsync.bench.BenchmarkRun.seconds;

/**
 * The CLI in a pipeline: {@code kongsync sync} of 10,000 entities (2,000 services with 2 routes and a rate-limiting
 * plugin, 1,000 consumers with a key) into an empty sandbox that waits 5 ms per request, then the same sync as a
 * no-op, then an offline {@code diff} against a dump of the synced sandbox. Every kongsync run is a cold process.
 */
final class CliSyncScenarios {

    private static final int SERVICES = Integer.getInteger("bench.10k.services", 2_000);
    private static final int CONSUMERS = Integer.getInteger("bench.10k.consumers", 1_000);
    private static final int PLUGINS = Integer.getInteger("bench.10k.plugins", 1);
    private static final int LATENCY_MS = Integer.getInteger("bench.10k.latencyMs", 5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Artefact kongsync;
    private final Path work;
    private final Verdicts verdicts;

    CliSyncScenarios(Artefact kongsync, Path work, Verdicts verdicts) {
        this.kongsync = kongsync;
        this.work = work;
        this.verdicts = verdicts;
    }

    void run() {
        String size;
        Path routes = work.resolve("routes");
        try {
            size = String.format("%,d entities", LargeConfig.write(routes, SERVICES, CONSUMERS, PLUGINS));
        } catch (IOException e) {
            throw new IllegalStateException("could not write the configuration", e);
        }
        BenchmarkRun.OUT.printf("10k: %s (%d services, %d consumers), sandbox --latency-ms %d in its own JVM, "
                + "sync --parallelism %d%n", size, SERVICES, CONSUMERS, LATENCY_MS, PARALLELISM);
        String initialScenario = size + ", CLI sync from empty (JVM start excluded)";
        String initialTarget = "within 1.5 x floor (requests x " + LATENCY_MS + " ms / " + PARALLELISM + ")";
        String cpuScenario = "kongsync's CPU per request in that sync (whole process / requests)";
        String noOpScenario = "same, no-op sync (process wall, JVM start included)";
        String diffScenario = "same, offline diff against a matching current file (process wall)";
        try (SandboxProcess sandbox = SandboxProcess.start(kongsync.sandbox(), LATENCY_MS, Proc.freePort())) {
            String kong = sandbox.url().toString();
            try {
                long sandboxCpu = Proc.cpuMillis(sandbox.pid());
                Artefact.CliRun initial = sync(routes, kong);
                sandboxCpu = Proc.cpuMillis(sandbox.pid()) - sandboxCpu;
                Map<String, Object> report = report();
                long millis = ((Number) report.get("millis")).longValue();
                long requests = ((Number) report.get("requests")).longValue();
                double floor = requests * (double) LATENCY_MS / PARALLELISM;
                double cpuPerRequest = initial.cpuMillis() / (double) requests;
                progress("initial sync: reported %d ms, %d requests, floor %.0f ms; process %d ms wall, %d ms CPU; "
                        + "the sandbox %d ms CPU (%.2f ms per request)", millis, requests, floor,
                        initial.wallMillis(), initial.cpuMillis(), sandboxCpu, sandboxCpu / (double) requests);
                verdicts.judge(initialScenario, String.format("%s = %.2f x floor %s (%,d requests; process %s wall)",
                        seconds(millis), millis / floor, seconds(Math.round(floor)), requests,
                        seconds(initial.wallMillis())), initialTarget, millis <= 1.5 * floor);
                verdicts.judge(cpuScenario, String.format("%.2f ms (%s CPU / %,d requests; the sandbox's: %.2f ms)",
                        cpuPerRequest, seconds(initial.cpuMillis()), requests, sandboxCpu / (double) requests),
                        "under 0.3 ms", cpuPerRequest < 0.3);
            } catch (Exception e) {
                verdicts.failed(initialScenario, initialTarget, e);
                verdicts.failed(cpuScenario, "under 0.3 ms", e);
            }
            try {
                Artefact.CliRun noOp = sync(routes, kong);
                Map<String, Object> report = report();
                progress("no-op sync: reported %s ms, %s requests; process %d ms wall, %d ms CPU", report.get("millis"),
                        report.get("requests"), noOp.wallMillis(), noOp.cpuMillis());
                verdicts.judge(noOpScenario, seconds(noOp.wallMillis()) + " (sync reported " + report.get("millis")
                        + " ms; CPU " + seconds(noOp.cpuMillis()) + ")", "under 3 s", noOp.wallMillis() < 3_000);
            } catch (Exception e) {
                verdicts.failed(noOpScenario, "under 3 s", e);
            }
            try {
                Path current = work.resolve("current.yaml");
                Artefact.CliRun dump = kongsync.run(work, List.of("dump", "--kong-addr", kong, "-o",
                        current.toString()));
                requireSuccess("dump", dump);
                progress("dump of the synced sandbox (the current file): %d ms wall", dump.wallMillis());
                Artefact.CliRun diff = kongsync.run(work, List.of("diff", "-s", routes.toString(), "--current",
                        current.toString(), "--detailed-exitcode"));
                requireSuccess("diff (exit 2 would mean the current file does not match)", diff);
                progress("offline diff: %d ms wall, %d ms CPU", diff.wallMillis(), diff.cpuMillis());
                verdicts.judge(diffScenario, seconds(diff.wallMillis()) + " (CPU " + seconds(diff.cpuMillis()) + ")",
                        "under 3 s", diff.wallMillis() < 3_000);
            } catch (Exception e) {
                verdicts.failed(diffScenario, "under 3 s", e);
            }
        } catch (IOException e) {
            verdicts.failed(initialScenario, initialTarget, e);
        }
    }

    private Artefact.CliRun sync(Path routes, String kong) throws IOException, InterruptedException {
        Path report = work.resolve("sync-report.json");
        Artefact.CliRun run = kongsync.run(work, List.of("sync", "-s", routes.toString(), "--kong-addr", kong,
                "--parallelism", String.valueOf(PARALLELISM), "-o", "json", "--output-file", report.toString()));
        requireSuccess("sync", run);
        return run;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> report() throws IOException {
        return JSON.readValue(Files.readString(work.resolve("sync-report.json")), Map.class);
    }
}
