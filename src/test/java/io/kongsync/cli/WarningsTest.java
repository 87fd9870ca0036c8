package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kong 3.9.1 takes but was probably not meant is a warning, as decK makes it: the files validate, sync and
 * re-plan empty; only {@code --strict} turns the warnings into a failure.
 */
class WarningsTest {

    private static final String DIR = "src/test/resources/warnings/";
    private static final String KONG_TAKES = DIR + "kong-takes-these.yaml";
    private static final String IDENTICAL = DIR + "identical-routes.yaml";

    private Sandbox kong;

    @BeforeEach
    void start() {
        kong = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        kong.close();
    }

    @Test
    void validateAcceptsWhatKongTakesAndWarnsWithTheLocation() {
        CliRun run = CliRun.of("validate", "-s", KONG_TAKES, "-s", IDENTICAL);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err().lines()).containsExactly(
                "warning: " + IDENTICAL + ":9:9: services[0].routes[1]: route 'second' has the same matching "
                        + "criteria as route 'first' (" + IDENTICAL + ":6:9); Kong takes both, but only one of them "
                        + "will ever match",
                "warning: " + IDENTICAL + ":17:9: services[1].routes[1]: route 'kittens' has the same matching "
                        + "criteria as route 'cats' (" + IDENTICAL + ":15:9); Kong takes both, but only one of them "
                        + "will ever match",
                "warning: " + KONG_TAKES + ":8:17: services[0].routes[0].paths[0]: '/users/\\d+' looks like a regex "
                        + "but has no '~': Kong 3 matches it as a plain prefix; write '~/users/\\d+' if a regex is "
                        + "meant",
                "warning: " + KONG_TAKES + ":12:5: upstreams[0].hash_on: with hash_on 'none' Kong stores algorithm "
                        + "'round-robin', not 'consistent-hashing'; leave hash_on out or set what to hash on");
        assertThat(run.out()).startsWith("2 files valid");
    }

    @Test
    void strictTurnsTheWarningsIntoAFailure() {
        CliRun run = CliRun.of("validate", "-s", KONG_TAKES, "--strict");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("2 warnings and --strict: the files are not valid.");
    }

    @Test
    void theFilesSyncAndRePlanEmptyWithTheWarningsInTheReport() {
        CliRun sync = CliRun.of("sync", "-s", KONG_TAKES, "-s", IDENTICAL, "--kong-addr", kong.url().toString());
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("looks like a regex but has no '~'", "only one of them will ever match");

        CliRun diff = CliRun.of("diff", "-s", KONG_TAKES, "-s", IDENTICAL, "--kong-addr", kong.url().toString(),
                "--detailed-exitcode", "-o", "json");
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).contains("\"warnings\"", "with hash_on 'none' Kong stores algorithm 'round-robin'");
    }
}
