package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher with this JVM on a distribution laid out as {@code package} lays it out (kongsync.jar from the compiled
 * classes, with a Class-Path to lib/, which holds the class path's jars): the training runs write the archives, and
 * commands then start from them without a word about it on their output, as they do when they no longer fit.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherArchiveTest {

    private static final Path ROUTES = Path.of("routes").toAbsolutePath();

    @TempDir
    static Path tmp;

    private static Path app;

    @BeforeAll
    static void trainedDistribution() throws Exception {
        app = Files.createDirectories(tmp.resolve("kongsync")).toRealPath();
        Path bin = Files.createDirectories(app.resolve("bin"));
        Files.copy(Path.of("src/main/dist/bin/kongsync"), bin.resolve("kongsync"));
        Files.setPosixFilePermissions(bin.resolve("kongsync"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> libraries = linkLibraries(Files.createDirectories(app.resolve("lib")));
        jar(Path.of(KongsyncMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                app.resolve("kongsync.jar"), libraries);

        Run training = launch(Map.of("KONGSYNC_CDS", "train"), ROUTES.toString());

        assertThat(training.exitCode).as(training.err).isZero();
        assertThat(app.resolve("kongsync.jsa")).isNotEmptyFile();
        assertThat(app.resolve("kongsync-kong.jsa")).isNotEmptyFile();
        assertThat(app).isDirectoryNotContaining("glob:**.{classlist,log}");
    }

    /** The links go first, so that cleaning up the temporary directory has no link to warn about. */
    @AfterAll
    static void unlinkLibraries() throws IOException {
        try (Stream<Path> links = Files.list(app.resolve("lib"))) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void validateStartsFromTheArchiveAndSaysNothingAboutIt() throws Exception {
        Path classes = tmp.resolve("classes.log");

        Run run = launch(Map.of("KONGSYNC_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "validate", "-s",
                ROUTES.toString());

        assertThat(run.err).isEmpty();
        assertThat(run.exitCode).isZero();
        assertThat(run.out).matches("4 files valid: \\d+ entities.\\n");
        assertThat(Files.readAllLines(classes)).anyMatch(line ->
                line.contains(" io.kongsync.cli.KongsyncMain source: shared objects file"));
    }

    @Test
    void syncStartsFromBothArchives() throws Exception {
        Path classes = tmp.resolve("sync-classes.log");
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withPort(0))) {

            Run run = launch(Map.of("KONGSYNC_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "sync", "-s",
                    ROUTES.toString(), "--kong-addr", kong.url().toString());

            assertThat(run.err).isEmpty();
            assertThat(run.exitCode).isZero();
            assertThat(run.out).contains("Sync succeeded", "Kong matches the files");
        }
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains(" io.kongsync.cli.KongsyncMain source: shared objects file"));
        assertThat(loaded).anyMatch(line ->
                line.contains(" io.kongsync.sync.Syncer source: shared objects file (top)"));
    }

    @Test
    void anInvalidFileFailsAsWithTheJar() throws Exception {
        Run run = launch(Map.of(), "validate", "-s", Path.of("src/test/resources/invalid/unknown-field.yaml")
                .toAbsolutePath().toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err).contains("unknown-field.yaml:5:5: services[0].retry: unknown field");
        assertThat(run.out).isEmpty();
    }

    @Test
    void anArchiveThatNoLongerFitsIsIgnoredWithoutAWord() throws Exception {
        Path jar = app.resolve("kongsync.jar");
        FileTime built = Files.getLastModifiedTime(jar);
        Path classes = tmp.resolve("stale-classes.log");
        try {
            Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 3_600_000));

            Run run = launch(Map.of("KONGSYNC_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "validate", "-s",
                    ROUTES.toString());

            assertThat(run.err).isEmpty();
            assertThat(run.exitCode).isZero();
            assertThat(run.out).matches("4 files valid: \\d+ entities.\\n");
            assertThat(Files.readAllLines(classes)).noneMatch(line ->
                    line.contains(" io.kongsync.cli.KongsyncMain source: shared objects file"));
        } finally {
            Files.setLastModifiedTime(jar, built);
        }
    }

    /** lib/: a link to each jar of this test's class path (the application's and the tests' libraries). */
    private static List<String> linkLibraries(Path lib) throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                String name = names.size() + "-" + path.getFileName();
                Files.createSymbolicLink(lib.resolve(name), path.toAbsolutePath());
                names.add("lib/" + name);
            }
        }
        return names;
    }

    /** The compiled classes as kongsync.jar, as the extracted jar is: the main class, and lib/ on its Class-Path. */
    private static void jar(Path classes, Path jar, List<String> classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, KongsyncMain.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    private static Run launch(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(app.resolve("bin/kongsync").toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KONGSYNC_") || name.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        process.destroyForcibly();
        assertThat(exited).as(Files.readString(err)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
