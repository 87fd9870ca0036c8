package io.kongsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built kongsync, run as users run it: the launcher {@code target/kongsync/bin/kongsync} when the packaging made
 * one, {@code java -jar target/kongsync.jar} otherwise; the sandbox too. The service always runs from the jar with the
 * heap its scenario names.
 */
final class Artefact {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Path jar;
    private final List<String> cli;
    private final String description;

    private Artefact(Path jar, List<String> cli, String description) {
        this.jar = jar;
        this.cli = cli;
        this.description = description;
    }

    static Artefact find(Path basedir) {
        Path jar = basedir.resolve("target/kongsync.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -DskipTests)");
        }
        Path launcher = basedir.resolve("target/kongsync/bin/kongsync");
        if (Files.isExecutable(launcher)) {
            return new Artefact(jar, List.of(launcher.toString()), "the launcher " + basedir.relativize(launcher));
        }
        return new Artefact(jar, List.of(java(), "-jar", jar.toString()),
                "java -jar " + basedir.relativize(jar) + " (no launcher at " + basedir.relativize(launcher) + ")");
    }

    String description() {
        Duration age = Duration.between(lastModified(jar), Instant.now());
        return description + "; jar built " + age.toMinutes() + " min ago";
    }

    /** The command that starts {@code kongsync sandbox} as users start it (the launcher gives it C1 alone). */
    List<String> sandbox() {
        return cli.size() == 1 ? cli : List.of(java(), "-Xmx1g", "-jar", jar.toString());
    }

    Path jar() {
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One CLI run: the wall time around the process, and its CPU (every process it started included). */
    record CliRun(int exit, long wallMillis, long cpuMillis, String stdout, String stderr) {

        String failure() {
            String err = stderr.isBlank() ? stdout : stderr;
            String tail = err.length() > 800 ? err.substring(err.length() - 800) : err;
            return "exit " + exit + ": " + tail.strip();
        }
    }

    /**
     * Runs the CLI in {@code workDir} under a shell that reports the CPU of the children it waited for, so the
     * figure is kongsync's own whatever the launcher forks. The shell adds a few ms to the wall time.
     */
    CliRun run(Path workDir, List<String> args) throws IOException, InterruptedException {
        Path cpu = Files.createTempFile("bench-cpu", ".txt");
        Path out = Files.createTempFile("bench-out", ".txt");
        Path err = Files.createTempFile("bench-err", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("bash", "-c",
                    "\"$@\"; rc=$?; read -r stat < /proc/$$/stat; printf '%s\\n' \"$stat\" > \"$BENCH_CPU_FILE\"; "
                            + "exit $rc", "kongsync"));
            command.addAll(cli);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("BENCH_CPU_FILE", cpu.toString());
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("kongsync " + String.join(" ", args) + " did not end within " + LIMIT);
            }
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String stat = Files.readString(cpu).strip();
            return new CliRun(process.exitValue(), wall, stat.isEmpty() ? -1 : Proc.childrenCpuMillis(stat),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(cpu);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
