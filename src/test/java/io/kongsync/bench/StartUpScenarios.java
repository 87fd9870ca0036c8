package io.kongsync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.kongsync.bench.BenchmarkRun.median;
import static io.kongsync.bench.BenchmarkRun.progress;
import static io.kongsync.bench.BenchmarkRun.requireSuccess;
import static io.kongsync.bench.BenchmarkRun.seconds;

/** A cold CLI's start: {@code kongsync --help} and {@code kongsync validate -s routes}, JVM start included. */
final class StartUpScenarios {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    private final Artefact kongsync;
    private final Path basedir;
    private final Verdicts verdicts;

    StartUpScenarios(Artefact kongsync, Path basedir, Verdicts verdicts) {
        this.kongsync = kongsync;
        this.basedir = basedir;
        this.verdicts = verdicts;
    }

    void run() {
        BenchmarkRun.OUT.println("cli: cold starts, median of " + RUNS + " runs, wall around the process");
        measure("`kongsync --help`", List.of("--help"), 300, "under 0.3 s wall");
        measure("`kongsync validate -s routes` (shipped files)", List.of("validate", "-s", "routes"), 1_000,
                "under 1 s wall");
    }

    private void measure(String scenario, List<String> args, long targetMillis, String target) {
        try {
            List<Long> walls = new ArrayList<>();
            List<Long> cpus = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                Artefact.CliRun run = kongsync.run(basedir, args);
                requireSuccess(scenario, run);
                walls.add(run.wallMillis());
                cpus.add(run.cpuMillis());
            }
            progress("%s: wall %s ms, CPU %s ms", scenario, walls, cpus);
            long wall = median(walls);
            verdicts.judge(scenario, seconds(wall) + " wall (CPU " + seconds(median(cpus)) + ")", target,
                    wall < targetMillis);
        } catch (Exception e) {
            verdicts.failed(scenario, target, e);
        }
    }
}
