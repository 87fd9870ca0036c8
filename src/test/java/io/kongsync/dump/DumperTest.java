package io.kongsync.dump;

import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.Planner;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DumperTest {

    private static final Path ECHO = Path.of("src/test/resources/echo/kong-echo.json");
    private static final StateLoader.Options LOAD = StateLoader.Options.defaults();
    private static final DumpOptions MANAGED = new DumpOptions("managed-by:kongsync", Set.of(), false);

    @TempDir
    Path tmp;

    @Test
    void kongsEchoDumpsToAFileThatPlansNoChange() throws IOException {
        StateLoader.Loaded current = StateLoader.loadCurrent(ECHO, LOAD);
        assertThat(current.diagnostics()).isEmpty();

        Dump dump = Dumper.dump(current.state(), MANAGED);
        System.out.println(dump.yaml());
        System.out.println(dump.warnings());

        StateLoader.Loaded desired = load(dump.yaml());
        assertThat(desired.diagnostics()).isEmpty();
        Plan plan = Planner.plan(desired.state(), current.state());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    private StateLoader.Loaded load(String yaml) throws IOException {
        Path file = tmp.resolve("dump.yaml");
        Files.writeString(file, yaml);
        return StateLoader.loadDesired(List.of(file), LOAD);
    }
}
