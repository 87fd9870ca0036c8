package io.kongsync.bench;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syncs the large configuration into the sandbox with a delay per request, first into an empty Kong, then again as
 * a no-op. Not part of the test suite (surefire excludes *Benchmark); run it with the command in the README:
 * {@code ./mvnw test -Dtest=SyncBenchmark -DargLine=-Xmx1g}
 * The sandbox runs in a JVM of its own ({@code kongsync sandbox --latency-ms 2}), so the memory figure is kongsync's
 * alone, as it would be against a real Kong.
 * It prints the time against the floor (requests x delay / parallelism), the request count and peak memory; it
 * asserts only that the sync did its work, never how long it took.
 */
class SyncBenchmark {

    private static final int SERVICES = Integer.getInteger("bench.services", 10_000);
    private static final int CONSUMERS = Integer.getInteger("bench.consumers", 7_500);
    private static final int PARALLELISM = Integer.getInteger("bench.parallelism", 16);
    private static final int DELAY_MS = Integer.getInteger("bench.delayMs", 2);

    @Test
    void syncFromEmptyThenNoOp(@TempDir Path dir) throws IOException {
        int entities = LargeConfig.write(dir, SERVICES, CONSUMERS);
        StateLoader.Loaded files = StateLoader.loadDesired(List.of(dir), StateLoader.Options.defaults());
        assertThat(files.diagnostics()).isEmpty();
        System.out.printf("%d entities, sandbox delay %d ms per request, parallelism %d%n", entities, DELAY_MS,
                PARALLELISM);

        try (SandboxProcess sandbox = SandboxProcess.start(DELAY_MS);
             KongClient kong = KongClient.create(KongSettings.of(sandbox.url())
                     .withMaxConnections(PARALLELISM * 2))) {
            Syncer syncer = new Syncer(kong, SyncOptions.defaults().withParallelism(PARALLELISM));

            SyncResult initial = syncer.sync(files.state(), files.selectTags()).block();
            assertThat(initial.succeeded()).as(String.valueOf(initial.refusal())).isTrue();
            assertThat(initial.outcomes()).hasSize(entities);
            report("initial sync", initial);

            SyncResult noOp = syncer.sync(files.state(), files.selectTags()).block();
            assertThat(noOp.succeeded()).isTrue();
            assertThat(noOp.outcomes()).isEmpty();
            report("no-op sync (read + plan)", noOp);
            System.out.printf("memory: kongsync peak resident %s (heap max %d MiB); the sandbox, in its own JVM: %s%n",
                    peakResident(ProcessHandle.current().pid()), Runtime.getRuntime().maxMemory() >> 20,
                    peakResident(sandbox.pid()));
        }
    }

    private static void report(String what, SyncResult result) {
        double floorMs = result.requests() * (double) DELAY_MS / PARALLELISM;
        System.out.printf("%s: %d ms, %d requests, floor %.0f ms, %.2f x the floor%n", what, result.millis(),
                result.requests(), floorMs, result.millis() / floorMs);
    }

    /** A process's peak resident set (VmHWM), from Linux's /proc. */
    private static String peakResident(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
    }
}
