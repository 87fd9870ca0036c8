package io.kongsync.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the README's run command does on a fresh clone: sync routes/ into the sandbox. */
class DefaultCommandTest {

    @Test
    void withoutACommandRoutesAreSyncedIntoTheSandbox() {
        CliRun run = CliRun.of("--exit-after-sync");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("runs the kongsync sandbox (an in-memory stand-in for the Kong 3.9 Admin API, "
                + "not a gateway)");
        assertThat(run.out()).contains("+ service nyan").contains("Applied to the kongsync sandbox (Kong 3.9.1), "
                + "database mode:").contains("Sync succeeded:").contains("Kong matches the files");
    }
}
