package io.kongsync.cli;

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
 * Who owns the entities of a {@code diff --current} file: the ownership tag when any entity in it carries it, every
 * entity when none does (a plain decK file, a {@code kongsync dump}). And {@code dump}'s output file.
 */
class CurrentFileOwnershipTest {

    private static final Path SHIPPED_ROUTES = Path.of("routes");
    private static final String FILES = """
            _format_version: "3.0"
            services:
              - name: orders
                host: orders.ecs.local
                routes:
                  - name: orders-read
                    paths: [/orders]
            """;

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
    void theShippedRoutesDiffedAgainstTheirDumpPlanNothing() {
        Path dumped = dir.resolve("dump.yaml");
        assertThat(CliRun.of("sync", "-s", SHIPPED_ROUTES.toString(), "--kong-addr", kong.url().toString())
                .exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("dump", "--kong-addr", kong.url().toString(), "--output-file", dumped.toString())
                .exitCode()).isEqualTo(ExitCodes.OK);

        CliRun diff = CliRun.of("diff", "-s", SHIPPED_ROUTES.toString(), "--current", dumped.toString(),
                "--detailed-exitcode");

        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).isEqualTo(
                "No changes. Kong matches the files.\n\nPlan: 0 to create, 0 to update, 0 to delete.\n");
        assertThat(diff.err()).isEqualTo("note: no entity in " + dumped + " carries the tag managed-by:kongsync (a "
                + "plain decK file or a kongsync dump): every entity in it counts as kongsync's.\n");
    }

    @Test
    void aDumpWithSelectTagsPlansNothingAgainstTheFilesThatSelectThem() throws IOException {
        Path files = write("files.yaml", FILES.replace("_format_version: \"3.0\"\n",
                "_format_version: \"3.0\"\n_info:\n  select_tags: [team-a]\n"));
        Path dumped = dir.resolve("dump.yaml");
        assertThat(CliRun.of("sync", "-s", files.toString(), "--kong-addr", kong.url().toString()).exitCode())
                .isEqualTo(ExitCodes.OK);
        CliRun dump = CliRun.of("dump", "--kong-addr", kong.url().toString(), "--select-tag", "team-a",
                "--output-file", dumped.toString());
        assertThat(dump.exitCode()).as(dump.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(dumped)).contains("select_tags").doesNotContain("managed-by:kongsync");

        CliRun diff = CliRun.of("diff", "-s", files.toString(), "--current", dumped.toString(),
                "--detailed-exitcode");

        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void inAPlainDeckFileEveryEntityIsKongsyncsSoItIsUpdatedOrDeletedNeverAConflict() throws IOException {
        Path files = write("files.yaml", FILES);
        Path plain = write("plain.yaml", FILES.replace("orders.ecs.local", "old.ecs.local") + """
                consumers:
                  - username: alice
                    tags: [team-a]
                """);

        CliRun diff = CliRun.of("diff", "-s", files.toString(), "--current", plain.toString());

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).isEqualTo("""
                service orders:
                  ~ service orders  # %s:3:5
                      host: "old.ecs.local" -> "orders.ecs.local"

                - consumer alice

                Plan: 0 to create, 1 to update, 1 to delete.
                """.formatted(files));
    }

    @Test
    void whenAnyEntityCarriesTheOwnershipTagTheTagDecides() throws IOException {
        Path files = write("files.yaml", FILES);
        Path tagged = write("tagged.yaml", """
                _format_version: "3.0"
                services:
                  - name: orders
                    host: orders.ecs.local
                    routes:
                      - name: orders-read
                        paths: [/orders]
                        tags: [managed-by:kongsync]
                consumers:
                  - username: alice
                """);

        CliRun diff = CliRun.of("diff", "-s", files.toString(), "--current", tagged.toString());

        assertThat(diff.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(diff.out()).contains("! service orders exists in Kong without the tag managed-by:kongsync")
                .doesNotContain("consumer alice", "route orders-read");
        assertThat(diff.err()).isEqualTo("1 conflict with entities kongsync does not manage.\n");
    }

    @Test
    void dumpWritesTheSameFileWithOutputFileOrO() throws IOException {
        assertThat(CliRun.of("sync", "-s", write("files.yaml", FILES).toString(), "--kong-addr",
                kong.url().toString()).exitCode()).isEqualTo(ExitCodes.OK);
        Path longName = dir.resolve("long.yaml");
        Path shortName = dir.resolve("short.yaml");

        CliRun toStdout = CliRun.of("dump", "--kong-addr", kong.url().toString());
        CliRun withLong = CliRun.of("dump", "--kong-addr", kong.url().toString(), "--output-file", longName.toString());
        CliRun withShort = CliRun.of("dump", "--kong-addr", kong.url().toString(), "-o", shortName.toString());

        assertThat(toStdout.out()).contains("name: orders-read");
        assertThat(withLong.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(withLong.out()).isEmpty();
        assertThat(Files.readString(longName)).isEqualTo(toStdout.out());
        assertThat(withShort.out()).isEmpty();
        assertThat(Files.readString(shortName)).isEqualTo(toStdout.out());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
