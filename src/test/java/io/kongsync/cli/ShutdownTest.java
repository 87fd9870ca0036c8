package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.testsupport.ChildOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a sync runs longer than the stop's wait: the service waits once ({@code kongsync.shutdown-wait},
 * 20 s) and is gone well within the 30 s ECS leaves between SIGTERM and SIGKILL. Runs the real main in a child JVM.
 */
class ShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermDuringALongSyncEndsTheServiceWithinThirtySeconds() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("nyan.yaml"), "_format_version: \"3.0\"\nservices:\n  - name: nyan\n"
                + "    host: nyan.ecs.local\n");
        // every Admin API answer takes 10 s: the start-up sync outlasts any wait
        try (Sandbox slow = Sandbox.start(SandboxOptions.defaults().withLatency(Duration.ofSeconds(10)))) {
            Process process = MainProcess.builder(List.of("serve", "--server.port=0", "--management.server.port=0",
                            "--kongsync.kong.admin-url=" + slow.url(), "--kongsync.git.path=" + routes,
                            "--kongsync.data-dir=" + dir.resolve("data"), "--kongsync.drift.interval=0s",
                            "--logging.level.io.kongsync=INFO"))
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = ChildOutput.lines(process);
            try {
                StringBuilder log = new StringBuilder();
                boolean syncing = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!syncing && System.nanoTime() < deadline) {
                    String line = lines.poll(1, TimeUnit.SECONDS);
                    if (line != null) {
                        log.append(line).append('\n');
                        syncing = line.contains("sync") && line.contains("started (trigger start");
                    }
                }
                assertThat(syncing).as(log::toString).isTrue();

                long signalled = System.nanoTime();
                process.destroy();
                boolean ended = process.waitFor(60, TimeUnit.SECONDS);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);

                assertThat(ended).isTrue();
                assertThat(seconds).as("seconds from SIGTERM to exit").isLessThan(30);
                lines.drainTo(new java.util.ArrayList<>());
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
