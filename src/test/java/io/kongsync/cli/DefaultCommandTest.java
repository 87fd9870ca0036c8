package io.kongsync.cli;

import io.kongsync.sandbox.AdminClient;
import io.kongsync.testsupport.ChildOutput;
import io.kongsync.testsupport.Interfaces;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command on a fresh clone: the jar's main with no command (or the word {@code serve}) serves, starts
 * the sandbox in-process, syncs routes/ into it, and (with no API token) listens on loopback only. Runs the real main
 * in a child JVM.
 */
class DefaultCommandTest {

    private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");
    private static final Pattern SANDBOX = Pattern.compile("running the kongsync sandbox at (http://\\S+),");

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "kongsync {0}--name=value...")
    @ValueSource(strings = {"", "serve "})
    void withoutACommandOrWithServeTheServiceSyncsRoutesIntoTheSandboxAndListensOnLoopbackOnly(String command)
            throws Exception {
        List<String> arguments = new ArrayList<>(command.isBlank() ? List.of() : List.of(command.strip()));
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--kongsync.kong.sandbox-port=0",
                "--kongsync.data-dir=" + dataDir,
                // the test class path carries logback-test.xml (WARN); the lines this test waits for are INFO
                "--logging.level.io.kongsync=INFO", "--logging.level.org.springframework.boot.reactor.netty=INFO"));
        Process process = MainProcess.builder(arguments).redirectErrorStream(true).start();
        BlockingQueue<String> lines = ChildOutput.lines(process);
        try {
            StringBuilder log = new StringBuilder();
            String apiPort = null;
            String sandbox = null;
            boolean synced = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!synced && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(process.isAlive()).as(log::toString).isTrue();
                    continue;
                }
                log.append(line).append('\n');
                Matcher port = PORT.matcher(line);
                if (apiPort == null && port.find()) {
                    apiPort = port.group(1);
                }
                Matcher sandboxUrl = SANDBOX.matcher(line);
                if (sandboxUrl.find()) {
                    sandbox = sandboxUrl.group(1);
                }
                assertThat(line).as(log::toString).doesNotContain(" failed");
                synced = line.contains("SyncCoordinator") && line.contains("succeeded");
            }
            assertThat(synced).as(log::toString).isTrue();
            assertThat(log).contains("kongsync.api.token is not set: the API listens on 127.0.0.1 only");

            AdminClient api = new AdminClient(URI.create("http://127.0.0.1:" + apiPort));
            Map<String, Object> status = api.get("/api/v1/status").json();
            @SuppressWarnings("unchecked")
            Map<String, Object> gateway = (Map<String, Object>) status.get("gateway");
            @SuppressWarnings("unchecked")
            Map<String, Object> lastSync = (Map<String, Object>) status.get("lastSync");
            assertThat(gateway).containsEntry("sandbox", true);
            assertThat(lastSync).containsEntry("state", "succeeded")
                    .containsEntry("trigger", "start").containsEntry("kongMatches", true);
            List<Map<String, Object>> services = new AdminClient(URI.create(sandbox)).get("/services").data();
            assertThat(services).extracting(s -> s.get("name")).contains("nyan");

            InetAddress outside = Interfaces.nonLoopbackAddress();
            int port = Integer.parseInt(apiPort);
            if (outside != null) {
                try (Socket socket = new Socket()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                            new InetSocketAddress(outside, port), 2000))
                            .isInstanceOf(IOException.class);
                }
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }
}
