package io.kongsync.cli;

import io.kongsync.bench.SandboxProcess;
import io.kongsync.sandbox.AdminClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Kong goes away in the middle of a sync: the report still says what was applied and what was not. */
class KongLostMidSyncTest {

    @TempDir
    Path dir;

    @Test
    void theReportListsEveryOperationsOutcomeWhenKongDiesAfterSomeWrites() throws Exception {
        StringBuilder consumers = new StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
        for (int i = 0; i < 12; i++) {
            consumers.append("  - username: user-").append(i).append('\n');
        }
        Path file = dir.resolve("consumers.yaml");
        Files.writeString(file, consumers);
        try (SandboxProcess sandbox = SandboxProcess.start(150)) {
            AdminClient admin = new AdminClient(sandbox.url());
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("sync", "-s",
                    file.toString(), "--kong-addr", sandbox.url().toString(), "--parallelism", "4", "-o", "json"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (admin.get("/consumers").data().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sandbox.kill();
            CliRun done = run.get(90, TimeUnit.SECONDS);

            assertThat(done.exitCode()).isEqualTo(ExitCodes.ERROR);
            JsonNode report = JsonMapper.builder().build().readTree(done.out());
            assertThat(report.get("result").asString()).isEqualTo("failed");
            assertThat(report.get("operations").size()).isEqualTo(12);
            long applied = report.get("operations").valueStream()
                    .filter(op -> op.get("status").asString().equals("applied")).count();
            long failed = report.get("operations").valueStream()
                    .filter(op -> op.get("status").asString().equals("failed")).count();
            assertThat(applied).isGreaterThanOrEqualTo(1);
            assertThat(failed).isGreaterThanOrEqualTo(1);
            assertThat(applied + failed).isEqualTo(12);
            assertThat(report.get("read_back_error").isNull()).isFalse();
            assertThat(report.get("message").asString()).contains("could not be read again");
        }
    }
}
