package io.kongsync.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script, {@code src/main/dist/bin/kongsync}, in a distribution laid out as {@code package} lays it out,
 * with a stand-in java that records what it was given: the arguments reach kongsync unchanged, the exit code comes
 * back, commands get the short-run flags and the archive, the service the JVM's defaults.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {

    private static final Path LAUNCHER = Path.of("src/main/dist/bin/kongsync");
    private static final List<String> SHORT_RUN_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    @TempDir
    Path tmp;

    private Path app;
    private Path jar;
    private Path javaHome;
    private Path calls;

    @BeforeEach
    void distribution() throws IOException {
        app = Files.createDirectories(tmp.resolve("kongsync")).toRealPath();
        Path bin = Files.createDirectories(app.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("kongsync"));
        executable(bin.resolve("kongsync"));
        jar = Files.writeString(app.resolve("kongsync.jar"), "");
        Files.createDirectories(app.resolve("lib"));
        javaHome = Files.createDirectories(tmp.resolve("jdk"));
        calls = tmp.resolve("calls");
        // One line per argument, a line "--" after each call; with FAKE_JAVA_DUMPS, -Xshare:dump and
        // -XX:ArchiveClassesAtExit write the archive they are asked for.
        Path java = Files.writeString(Files.createDirectories(javaHome.resolve("bin")).resolve("java"), """
                #!/bin/sh
                dump=false
                for argument in "$@"; do
                  printf '%s\\n' "$argument" >> "$FAKE_JAVA_CALLS"
                  [ "$argument" = -Xshare:dump ] && dump=true
                done
                echo -- >> "$FAKE_JAVA_CALLS"
                if [ -n "$FAKE_JAVA_DUMPS" ]; then
                  for argument in "$@"; do
                    case $argument in
                      -XX:SharedArchiveFile=*) [ "$dump" = true ] && echo archive > "${argument#*=}" ;;
                      -XX:ArchiveClassesAtExit=*) echo archive > "${argument#*=}" ;;
                    esac
                  done
                fi
                exit "${FAKE_JAVA_EXIT:-0}"
                """);
        executable(java);
    }

    @Test
    void argumentsReachKongsyncUnchanged() throws Exception {
        String[] arguments = {"validate", "-s", "dir with spaces/*.yaml", "", "it's \"quoted\"", "$HOME", "a\\b",
                "--ownership-tag=x y", "*"};

        Run run = launch(Map.of(), arguments);

        assertThat(run.exitCode).isZero();
        List<String> call = run.onlyCall();
        assertThat(call.subList(call.size() - arguments.length - 2, call.size()))
                .containsExactlyElementsOf(concat(List.of("-jar", jar.toString()), List.of(arguments)));
    }

    @ParameterizedTest(name = "exit {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void theExitCodeIsKongsyncs(int code) throws Exception {
        Run run = launch(Map.of("FAKE_JAVA_EXIT", String.valueOf(code)), "diff", "--detailed-exitcode");

        assertThat(run.exitCode).isEqualTo(code);
    }

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"validate", "diff", "sync", "dump", "help", "--help", "-h", "--version", "-V", "convert"})
    void commandsStartWithTheShortRunFlags(String command) throws Exception {
        List<String> call = launch(Map.of(), command, "--x").onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of("-jar", jar.toString(), command,
                "--x")));
    }

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"", "serve", "serve --server.port=9090", "--server.port=9090", "--kongsync.git.uri=x",
            "--debug", "--trace"})
    void theServiceRunsWithTheJvmsDefaults(String arguments) throws Exception {
        Files.writeString(app.resolve("kongsync.jsa"), "archive");
        String[] words = arguments.isEmpty() ? new String[0] : arguments.split(" ");

        List<String> call = launch(Map.of(), words).onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(List.of("-jar", jar.toString()), List.of(words)));
    }

    @Test
    void theSandboxRunsWithC1AloneAndNoArchive() throws Exception {
        Files.writeString(app.resolve("kongsync.jsa"), "archive");

        List<String> call = launch(Map.of("JAVA_OPTS", "-Xmx256m"), "sandbox", "--port", "8001").onlyCall();

        assertThat(call).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString(), "sandbox",
                "--port", "8001");
    }

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"validate", "--help", "--version", "help"})
    void offlineCommandsUseTheArchive(String command) throws Exception {
        Path archive = Files.writeString(app.resolve("kongsync.jsa"), "archive");
        Files.writeString(app.resolve("kongsync-kong.jsa"), "archive");

        List<String> call = launch(Map.of(), command).onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of("-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds*=off", "-jar", jar.toString(), command)));
    }

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"sync", "diff", "dump"})
    void commandsThatTalkToKongAlsoUseItsLayer(String command) throws Exception {
        Path archive = Files.writeString(app.resolve("kongsync.jsa"), "archive");
        Path kong = Files.writeString(app.resolve("kongsync-kong.jsa"), "archive");

        List<String> call = launch(Map.of(), command).onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of("-XX:SharedArchiveFile=" + archive
                + ":" + kong, "-Xlog:cds*=off", "-jar", jar.toString(), command)));
    }

    @Test
    void theLayerAloneIsNotUsed() throws Exception {
        Files.writeString(app.resolve("kongsync-kong.jsa"), "archive");

        List<String> call = launch(Map.of(), "sync").onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of("-jar", jar.toString(), "sync")));
    }

    @Test
    void withoutTheLayerCommandsThatTalkToKongUseTheArchive() throws Exception {
        Path archive = Files.writeString(app.resolve("kongsync.jsa"), "archive");

        List<String> call = launch(Map.of(), "sync").onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of("-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds*=off", "-jar", jar.toString(), "sync")));
    }

    @Test
    void kongsyncCdsOffLeavesTheArchiveAside() throws Exception {
        Files.writeString(app.resolve("kongsync.jsa"), "archive");

        List<String> call = launch(Map.of("KONGSYNC_CDS", "off"), "validate").onlyCall();

        assertThat(call).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS,
                List.of("-jar", jar.toString(), "validate")));
    }

    @Test
    void theUsersOptionsComeAfterTheLaunchersOneWordEachUnglobbed() throws Exception {
        Path archive = Files.writeString(app.resolve("kongsync.jsa"), "archive");
        Files.writeString(tmp.resolve("a-b"), "a file the pattern a*b would match");
        Map<String, String> options = Map.of("JAVA_OPTS", " -Xmx64m  -Dx=a*b ", "KONGSYNC_JAVA_OPTS", "-Dy=2");

        List<String> command = launch(options, "validate").onlyCall();
        List<String> service = launch(options, "serve").calls().get(1);

        assertThat(command).containsExactlyElementsOf(concat(SHORT_RUN_FLAGS, List.of(
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off", "-Xmx64m", "-Dx=a*b", "-Dy=2", "-jar",
                jar.toString(), "validate")));
        assertThat(service).containsExactly("-Xmx64m", "-Dx=a*b", "-Dy=2", "-jar", jar.toString(), "serve");
    }

    @Test
    void aSymlinkToTheLauncherFindsTheDistribution() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("usr/local/bin"));
        Files.createSymbolicLink(elsewhere.resolve("kongsync"), elsewhere.relativize(app.resolve("bin/kongsync")));
        Path second = Files.createSymbolicLink(tmp.resolve("kongsync-link"), elsewhere.resolve("kongsync"));

        Run run = launch(second, Map.of(), "validate");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.onlyCall()).containsSequence("-jar", jar.toString());
    }

    @Test
    void aRelativeCallFindsTheDistributionWhateverCdpathSays() throws Exception {
        Run run = launch(Path.of("kongsync/bin/kongsync"), Map.of("CDPATH", tmp.toString()), "validate");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.onlyCall()).containsSequence("-jar", jar.toString());
    }

    @Test
    void aJavaHomeWithoutJavaIsAClearError() throws Exception {
        Run run = launch(app.resolve("bin/kongsync"), Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()),
                "validate");

        assertThat(run.exitCode).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err).contains("JAVA_HOME is " + tmp.resolve("nowhere"), "not an executable");
        assertThat(calls).doesNotExist();
    }

    @Test
    void anUnknownKongsyncCdsIsAClearError() throws Exception {
        Run run = launch(Map.of("KONGSYNC_CDS", "yes"), "validate");

        assertThat(run.exitCode).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err).contains("KONGSYNC_CDS must be auto, off or train, was 'yes'");
        assertThat(calls).doesNotExist();
    }

    @Test
    void trainingDumpsTheClassesOfTheOfflineRunThenLayersThoseOfTheRunAgainstTheSandbox() throws Exception {
        Path archive = app.resolve("kongsync.jsa");
        Path kong = app.resolve("kongsync-kong.jsa");
        Path classes = app.resolve("kongsync.classlist");

        Run run = launch(Map.of("KONGSYNC_CDS", "train", "FAKE_JAVA_DUMPS", "yes", "JAVA_OPTS", "-Xmx64m"), "routes");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.calls()).containsExactly(
                concat(SHORT_RUN_FLAGS, List.of("-XX:DumpLoadedClassList=" + classes, "-Xmx64m", "-cp", jar.toString(),
                        "io.kongsync.cli.StartupTraining", "routes")),
                List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + archive,
                        "-Xmx64m", "-cp", jar.toString()),
                concat(SHORT_RUN_FLAGS, List.of("-XX:SharedArchiveFile=" + archive, "-XX:ArchiveClassesAtExit=" + kong,
                        "-Xlog:cds*=off", "-Xmx64m", "-cp", jar.toString(), "io.kongsync.cli.StartupTraining", "routes",
                        "--against-kong")));
        assertThat(archive).exists();
        assertThat(kong).exists();
        assertThat(app).isDirectoryNotContaining("glob:**.{classlist,log}");
    }

    @Test
    void trainingThatWritesNoArchiveFails() throws Exception {
        Run run = launch(Map.of("KONGSYNC_CDS", "train"), "routes");

        assertThat(run.exitCode).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err).contains("the training run wrote no class-data archive");
        assertThat(app.resolve("kongsync.jsa")).doesNotExist();
    }

    @Test
    void aFailedTrainingRunStopsBeforeTheDump() throws Exception {
        Run run = launch(Map.of("KONGSYNC_CDS", "train", "FAKE_JAVA_EXIT", "1"), "routes");

        assertThat(run.exitCode).isEqualTo(ExitCodes.ERROR);
        assertThat(run.calls()).hasSize(1);
    }

    private Run launch(Map<String, String> environment, String... arguments) throws Exception {
        return launch(app.resolve("bin/kongsync"), environment, arguments);
    }

    private Run launch(Path launcher, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KONGSYNC_") || name.equals("JAVA_OPTS"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("FAKE_JAVA_CALLS", calls.toString());
        env.putAll(environment);
        Path err = tmp.resolve("err");
        Process process = builder.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8), calls);
    }

    private record Run(int exitCode, String err, Path callsFile) {

        List<List<String>> calls() throws IOException {
            List<List<String>> calls = new ArrayList<>();
            List<String> call = new ArrayList<>();
            for (String line : Files.readAllLines(callsFile, StandardCharsets.UTF_8)) {
                if (line.equals("--")) {
                    calls.add(call);
                    call = new ArrayList<>();
                } else {
                    call.add(line);
                }
            }
            return calls;
        }

        List<String> onlyCall() throws IOException {
            List<List<String>> calls = calls();
            assertThat(calls).as(err).hasSize(1);
            return calls.get(0);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
