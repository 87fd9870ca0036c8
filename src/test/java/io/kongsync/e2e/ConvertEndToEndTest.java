package io.kongsync.e2e;

import io.kongsync.cli.CliRun;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's done-when: a 1.1 file with regex paths (the README's example) converts, then validates and syncs into
 * the sandbox, and re-plans empty; unconverted, validate, diff and sync refuse it and name 'kongsync convert'.
 */
class ConvertEndToEndTest {

    private static final Path EXAMPLE = Path.of("docs/examples/kong-2x.yaml");

    @TempDir
    Path dir;

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
    void aOneDotOneFileConvertsThenValidatesSyncsAndReplansEmpty() throws IOException {
        Path converted = dir.resolve("kong-3x.yaml");

        CliRun convert = CliRun.of("convert", "-s", EXAMPLE.toString(), "--from", "1.1", "--to", "3.0",
                "-o", converted.toString());
        CliRun validate = CliRun.of("validate", "-s", converted.toString());
        CliRun sync = CliRun.of("sync", "-s", converted.toString(), "--kong-addr", kong.url().toString());
        CliRun diff = CliRun.of("diff", "-s", converted.toString(), "--kong-addr", kong.url().toString(),
                "--detailed-exitcode");

        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("\"/orders/\\d+\" -> \"~/orders/\\d+\"",
                "\"/orders/(?<id>\\d+)/items\" -> \"~/orders/(?<id>\\d+)/items\"",
                "\"/users/[a-z0-9-]+/profile\" -> \"~/users/[a-z0-9-]+/profile\"", "1 file converted");
        assertThat(Files.readString(converted)).contains("# a regex: gains '~'", "- /orders                #",
                "- ~/users/me");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(sync.exitCode()).as(sync.err() + sync.out()).isZero();
        assertThat(diff.exitCode()).as(diff.out()).isZero();
    }

    @Test
    void unconvertedTheFileIsRefusedByValidateDiffAndSyncNamingConvert() throws IOException {
        Path none = Files.writeString(dir.resolve("none.yaml"), "services:\n- name: s\n  host: example.com\n");
        String hint = "convert it with 'kongsync convert -s " + EXAMPLE + " --from 1.1 --to 3.0' (regex paths gain '~')";

        CliRun sync = CliRun.of("sync", "-s", EXAMPLE.toString(), "--kong-addr", kong.url().toString());
        CliRun validate = CliRun.of("validate", "-s", EXAMPLE.toString());
        CliRun diff = CliRun.of("diff", "-s", EXAMPLE.toString(), "--kong-addr", kong.url().toString());
        CliRun missing = CliRun.of("sync", "-s", none.toString(), "--kong-addr", kong.url().toString());

        for (CliRun run : new CliRun[]{sync, validate, diff}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(EXAMPLE + ":3:1: _format_version: unsupported _format_version \"1.1\": "
                    + "kongsync reads only \"3.0\"; " + hint);
            assertThat(run.err()).as("the one fix is to convert: its paths are not checked as 3.0 ones")
                    .doesNotContain("invalid path").contains("1 problem found");
        }
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains(none + ":1:1: _format_version is missing, which decK reads as \"1.1\" "
                + "(Kong 2.x); kongsync reads \"3.0\": convert it with 'kongsync convert -s " + none,
                "1 problem found");
        assertThat(sync.out() + missing.out()).isEmpty();
    }
}
