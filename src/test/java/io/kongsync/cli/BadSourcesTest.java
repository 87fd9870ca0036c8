package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sources that must stop validate, diff and sync with a clear message, and never a stack trace. */
class BadSourcesTest {

    static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void aFileJustOverTheDefaultLimitIsRefusedFromItsSize() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(10L * 1024 * 1024 + 1); // sparse: nothing is written, and nothing may be parsed
        }

        CliRun run = CliRun.of("validate", "-s", big.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo(big + ": the file is 10.1 MB, larger than the limit of 10 MB\n"
                + "1 problem found; nothing was applied.\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "diff", "sync"})
    void aDirectoryWithoutRouteFilesIsAnError(String command) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("README.md"), "# routes\n");

        assertRefusedUnlessAllowed(command, routes, "holds no route files (.yaml, .yml or .json)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "diff", "sync"})
    void aDirectoryHoldingOnlyADanglingSymlinkIsAnError(String command) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.createSymbolicLink(routes.resolve("a.yaml"), dir.resolve("gone.yaml"));

        assertRefusedUnlessAllowed(command, routes,
                "holds no route files (.yaml, .yml or .json); 1 that is not a regular file was left out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "diff", "sync"})
    void aDirectoryHoldingOnlyAFifoIsAnError(String command) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        mkfifo(routes.resolve("a.yaml"));

        assertRefusedUnlessAllowed(command, routes,
                "holds no route files (.yaml, .yml or .json); 1 that is not a regular file was left out");
    }

    @Test
    void aFifoGivenDirectlyIsNotReadNorWaitedFor() throws Exception {
        Path fifo = dir.resolve("a.yaml");
        mkfifo(fifo);

        assertRefusedUnlessAllowed("validate", fifo, "is not a regular file (a pipe, device or socket)");
    }

    @Test
    void aDanglingSymlinkGivenDirectlyIsMissingEvenWhenEmptySourcesAreAllowed() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("a.yaml"), dir.resolve("gone.yaml"));

        CliRun run = CliRun.of("validate", "--allow-empty", "-s", link.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith(link + ": no such file or directory (a symbolic link to a missing file)\n");
    }

    private void assertRefusedUnlessAllowed(String command, Path source, String why) throws IOException {
        CliRun refused = run(command, source, false);
        CliRun allowed = run(command, source, true);

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).startsWith(source + ": " + why + "; an empty source is refused unless empty sources are allowed")
                .endsWith("1 problem found; nothing was applied.\n")
                .doesNotContain("Exception");
        assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        if (command.equals("validate")) {
            assertThat(allowed.out()).isEqualTo("0 files valid: 0 entities.\n");
        }
    }

    private CliRun run(String command, Path source, boolean allowEmpty) throws IOException {
        List<String> args = new ArrayList<>(List.of(command, "-s", source.toString()));
        if (allowEmpty) {
            args.add("--allow-empty");
        }
        switch (command) {
            case "diff" -> args.addAll(List.of("--current", Files.writeString(dir.resolve("kong.yaml"),
                    "_format_version: \"3.0\"\n").toString()));
            case "sync" -> args.addAll(List.of("--kong-addr", sandbox.url().toString()));
            default -> {
            }
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    }
}
