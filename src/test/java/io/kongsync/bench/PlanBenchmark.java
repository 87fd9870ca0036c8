package io.kongsync.bench;

import io.kongsync.model.Entity;
import io.kongsync.model.State;
import io.kongsync.model.Values;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load+validate and plan figures for a large configuration. Not part of the test suite (surefire excludes
 * *Benchmark); run it with the command in the README:
 * {@code ./mvnw test -Dtest=PlanBenchmark -DargLine=-Xmx1g}
 * It prints figures; it asserts only that the work was done right, never how long it took.
 */
class PlanBenchmark {

    private static final int SERVICES = Integer.getInteger("bench.services", 10_000);
    private static final int CONSUMERS = Integer.getInteger("bench.consumers", 5_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    /** The figures before Kong's own schemas replaced the hand-written catalogue: no slower than these. */
    private static final long LOAD_TARGET_MS = 2_600;
    private static final long PLAN_TARGET_MS = 82;

    @Test
    void loadValidateAndPlan(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        int expected = LargeConfig.write(dir, SERVICES, CONSUMERS);
        System.out.printf("generated %d services, %d consumers (%d entities) in %d ms%n",
                SERVICES, CONSUMERS, expected, ms(t0));

        List<Long> loads = new ArrayList<>();
        StateLoader.Loaded loaded = null;
        for (int round = 0; round < ROUNDS; round++) {
            loaded = null; // let the previous round's state go before loading again
            long start = System.nanoTime();
            loaded = StateLoader.loadDesired(List.of(dir), StateLoader.Options.defaults());
            loads.add(ms(start));
        }
        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.state().size()).isEqualTo(expected);
        State desired = loaded.state();

        State identical = copyOf(desired, 0);
        State tenPercent = copyOf(desired, 10);
        PlanOptions options = new PlanOptions("managed-by:kongsync", loaded.selectTags());
        List<Long> identicalPlans = new ArrayList<>();
        List<Long> changedPlans = new ArrayList<>();
        Plan noChange = null;
        Plan someChange = null;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            noChange = Planner.plan(desired, identical, options);
            identicalPlans.add(ms(start));
            start = System.nanoTime();
            someChange = Planner.plan(desired, tenPercent, options);
            changedPlans.add(ms(start));
        }
        assertThat(noChange.isEmpty()).isTrue();
        assertThat(someChange.summary().update()).isEqualTo((desired.size() + 9) / 10);

        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("entities: %d in %d files%n", desired.size(), loaded.files());
        System.out.printf("load+validate: %s ms (first run is a cold JVM); median of the last half %d ms%n",
                loads, warmMedian(loads));
        System.out.printf("plan, identical current: %s ms; median of the last half %d ms%n",
                identicalPlans, warmMedian(identicalPlans));
        System.out.printf("plan, 10%% of entities differ (%d updates): %s ms; median of the last half %d ms%n",
                someChange.summary().update(), changedPlans, warmMedian(changedPlans));
        System.out.printf("heap: peak %d MiB, retained after GC %d MiB, max %d MiB%n",
                peakHeap() >> 20, retained >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("target load+validate (warm) <= %d ms: %s%n", LOAD_TARGET_MS,
                warmMedian(loads) <= LOAD_TARGET_MS ? "MET" : "MISSED");
        System.out.printf("target plan, identical current (warm) <= %d ms: %s%n", PLAN_TARGET_MS,
                warmMedian(identicalPlans) <= PLAN_TARGET_MS ? "MET" : "MISSED");
    }

    /** A deep copy of every entity, as a second read of Kong would give; every {@code n}-th one changed. */
    @SuppressWarnings("unchecked")
    private static State copyOf(State state, int n) {
        List<Entity> out = new ArrayList<>(state.size());
        int i = 0;
        for (Entity e : state.entities().values()) {
            Map<String, Object> fields = (Map<String, Object>) Values.deepCopy(e.fields());
            if (n > 0 && i % n == 0) {
                List<Object> tags = new ArrayList<>((List<Object>) fields.get("tags"));
                tags.add("changed-in-kong");
                fields = new LinkedHashMap<>(fields);
                fields.put("tags", tags);
            }
            out.add(new Entity(e.key(), e.id(), fields, e.origin(), e.sensitivePaths()));
            i++;
        }
        return State.of(out);
    }

    private static long warmMedian(List<Long> runs) {
        List<Long> warm = new ArrayList<>(runs.subList(runs.size() / 2, runs.size()));
        warm.sort(null);
        return warm.get(warm.size() / 2);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
