package io.kongsync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue 15's targets, each measured on the built artefact and judged MET or MISSED. Build the jar first; then
 * {@code ./mvnw -q test-compile exec:java@bench} (or {@code ./mvnw -q package -DskipTests exec:java@bench} for both).
 * Not part of {@code ./mvnw verify}. Scenario groups, all by default, a subset with {@code -Dbench.only=cli,10k}:
 * <ul>
 * <li>{@code cli}: {@code kongsync --help} and {@code validate -s routes} (the shipped files), median of 5 runs</li>
 * <li>{@code 10k}: CLI sync of 10,000 entities into a sandbox with 5 ms per request, then a no-op sync, then an
 *     offline diff against a dump of what was synced; with kongsync's CPU per request</li>
 * <li>{@code 65k}: the service syncs 65,000 entities into a sandbox with 2 ms per request, warm; then a no-op;
 *     its resident memory</li>
 * </ul>
 * Sizes and delays: {@code bench.runs}, {@code bench.parallelism}, {@code bench.10k.services|consumers|plugins|
 * latencyMs}, {@code bench.65k.services|consumers|plugins|latencyMs}. The sandbox always runs in a JVM of its own, so
 * its CPU and memory are not kongsync's. Work files go to {@code target/bench-work}.
 */
public final class BenchmarkRun {

    static final PrintStream OUT = System.out;
    static final int PARALLELISM = Integer.getInteger("bench.parallelism", 16);
    private static final List<String> GROUPS = List.of("cli", "10k", "65k");

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws IOException {
        Path basedir = Path.of(System.getProperty("bench.basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Set<String> only = Arrays.stream(System.getProperty("bench.only", String.join(",", GROUPS)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (!GROUPS.containsAll(only)) {
            throw new IllegalArgumentException("bench.only takes a comma-separated subset of " + GROUPS + ", not "
                    + only);
        }
        Artefact kongsync = Artefact.find(basedir);
        Path work = basedir.resolve("target/bench-work");
        deleteTree(work);
        Files.createDirectories(work);

        OUT.printf("kongsync benchmarks: %s; %d CPUs; load average %s; Java %s; kongsync run as %s%n",
                String.join(",", only), Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getProperty("java.version"), kongsync.description());
        long start = System.nanoTime();
        Verdicts verdicts = new Verdicts(OUT);
        if (only.contains("cli")) {
            new StartUpScenarios(kongsync, basedir, verdicts).run();
        }
        if (only.contains("10k")) {
            new CliSyncScenarios(kongsync, work.resolve("10k"), verdicts).run();
        }
        if (only.contains("65k")) {
            new ServiceSyncScenarios(kongsync, work.resolve("65k"), verdicts).run();
        }
        OUT.println();
        verdicts.printTable();
        OUT.printf("total %.0f s; load average %s (other work on the machine makes walls longer than CPU); work files "
                + "(generated configurations, the service's log) in %s%n", (System.nanoTime() - start) / 1e9,
                loadAverage(), work);
        OUT.flush();
    }

    static String seconds(long millis) {
        return String.format("%.2f s", millis / 1000.0);
    }

    static void progress(String format, Object... args) {
        OUT.printf("  " + format + "%n", args);
        OUT.flush();
    }

    static void requireSuccess(String what, Artefact.CliRun run) throws IOException {
        if (run.exit() != 0) {
            throw new IOException(what + " failed, " + run.failure());
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The 1, 5 and 15 minute load averages: a busy machine is why a run's walls can be long. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
