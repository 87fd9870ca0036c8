package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A mistyped or borrowed command, run as a pipeline that syncs runs the jar: Kong's address in the environment, the
 * real main in a child JVM. It must fail at once (exit 1, never 2, which means "changes pending") and name the word
 * and what was probably meant; nothing may start: the API port is never bound and the Kong beside it gets no request.
 */
class UnknownCommandTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static Sandbox kong;

    @TempDir
    Path tmp;

    private int apiPort;

    @BeforeAll
    static void startKong() {
        kong = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopKong() {
        kong.close();
    }

    @BeforeEach
    void freshKongAndPort() throws IOException {
        kong.clearRequests();
        try (ServerSocket free = new ServerSocket(0)) {
            apiPort = free.getLocalPort();
        }
    }

    static Stream<Arguments> unknownWords() {
        return Stream.of(
                arguments("vaildate -s routes",
                        "kongsync: 'vaildate' is not a kongsync command. Did you mean 'validate'?"),
                arguments("VALIDATE", "kongsync: 'VALIDATE' is not a kongsync command. Did you mean 'validate'?"),
                arguments("plan", "kongsync: 'plan' is not a kongsync command. To see the plan, use 'kongsync diff'."),
                arguments("--server.port={port} --kongsync.kong.admin-url={kong} plan",
                        "kongsync: 'plan' is not a kongsync command. To see the plan, use 'kongsync diff'."),
                arguments("apply", "kongsync: 'apply' is not a kongsync command. "
                        + "To make Kong match the files, use 'kongsync sync'."),
                arguments("gateway sync -s routes", "kongsync: 'gateway' is not a kongsync command. "
                        + "For decK's 'gateway sync', use 'kongsync sync'."),
                arguments("gateway diff", "kongsync: 'gateway' is not a kongsync command. "
                        + "For decK's 'gateway diff', use 'kongsync diff'."),
                arguments("convrt --help", "kongsync: 'convrt' is not a kongsync command. Did you mean 'convert'?"),
                arguments("file convert -s kong.yaml", "kongsync: 'file' is not a kongsync command. "
                        + "For decK's 'file convert', use 'kongsync convert'."),
                arguments("version", "kongsync: 'version' is not a kongsync command. "
                        + "For the version, use 'kongsync --version'."),
                arguments("--vesion", "kongsync: unknown option '--vesion'. Did you mean '--version'?"),
                arguments("-s routes", "kongsync: unknown option '-s'."),
                arguments("--server.port={port} validate",
                        "kongsync: '--server.port={port}' before the command 'validate' is not an option of kongsync."),
                arguments("serve stray-word --server.port={port}",
                        "kongsync serve: unexpected argument 'stray-word': serve takes only settings, "
                                + "as --name=value."),
                arguments("serve --server.port", "kongsync serve: unknown option '--server.port'."),
                arguments("sync --dry-run -s routes", "Unknown option: '--dry-run'"));
    }

    @ParameterizedTest(name = "kongsync {0}")
    @MethodSource("unknownWords")
    void failsAtOnceNamingTheWordAndStartsNothing(String command, String message) throws Exception {
        Outcome outcome = run(command);

        assertThat(outcome.apiPortBound()).as(outcome::toString).isFalse();
        assertThat(outcome.kongRequests()).as(outcome::toString).isZero();
        assertThat(outcome.exitCode()).as(outcome::toString).isEqualTo(ExitCodes.ERROR);
        assertThat(outcome.took()).isLessThan(WITHIN);
        assertThat(outcome.err()).contains(message.replace("{port}", String.valueOf(apiPort)));
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void anUnknownCommandListsTheCommands() throws Exception {
        Outcome outcome = run("vaildate");

        assertThat(outcome.exitCode()).as(outcome::toString).isEqualTo(ExitCodes.ERROR);
        assertThat(outcome.err()).contains("Commands:", "See 'kongsync --help'.");
        for (String name : KongsyncMain.commandLine().getSubcommands().keySet()) {
            assertThat(outcome.err()).containsPattern("(?m)^  " + name + " ");
        }
    }

    private Outcome run(String command) throws Exception {
        List<String> arguments = Arrays.stream(command.split(" "))
                .map(word -> word.replace("{port}", String.valueOf(apiPort)).replace("{kong}", kong.url().toString()))
                .toList();
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder builder = MainProcess.builder(arguments)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // What a pipeline that syncs has in its environment; today's typo would start the service with it.
        builder.environment().putAll(Map.of(
                "KONGSYNC_KONG_ADMIN_URL", kong.url().toString(),
                "KONGSYNC_KONG_ADDR", kong.url().toString(),
                "KONGSYNC_DATA_DIR", tmp.resolve("data").toString(),
                "SERVER_PORT", String.valueOf(apiPort),
                "MANAGEMENT_SERVER_PORT", "0"));
        long start = System.nanoTime();
        Process process = builder.start();
        boolean apiPortBound = false;
        // Stops waiting as soon as something started: the service would otherwise run until the deadline.
        while (process.isAlive() && System.nanoTime() - start < WITHIN.toNanos()) {
            apiPortBound = accepts(apiPort);
            if (apiPortBound || !kong.requests().isEmpty()) {
                break;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        boolean exited = !process.isAlive();
        if (!exited) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return new Outcome(exited ? process.exitValue() : null, took, apiPortBound, kong.requests().size(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A run of the child JVM: its exit code ({@code null} when it was still running at the deadline). */
    private record Outcome(Integer exitCode, Duration took, boolean apiPortBound, int kongRequests, String out,
                           String err) {
    }
}
