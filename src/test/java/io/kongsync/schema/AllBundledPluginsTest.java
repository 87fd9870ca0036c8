package io.kongsync.schema;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllBundledPluginsTest {

    static final String FIXTURE = "src/test/resources/plugins/all-bundled-plugins.yaml";

    @Test
    void theFileValidates() {
        CliRun run = CliRun.of("validate", "-s", FIXTURE);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }
}
