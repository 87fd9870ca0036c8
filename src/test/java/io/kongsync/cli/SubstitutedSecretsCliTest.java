package io.kongsync.cli;

import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.kongsync.cli.SecretProbeFiles.INVALID;
import static io.kongsync.cli.SecretProbeFiles.SECRET;
import static io.kongsync.cli.SecretProbeFiles.VALID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value substituted from {@code ${{ env "DECK_..." }}} never comes out of validate, diff or sync in clear: not in
 * the problems the files have, not in what Kong answers. The commands run in a JVM of their own, with the value in
 * its environment as in production.
 */
class SubstitutedSecretsCliTest {

    static final Map<String, String> ENVIRONMENT = Map.of("DECK_SECRET", SECRET);

    @TempDir
    Path dir;

    Sandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void invalidFilesAreReportedAtTheirPlaceWithoutTheValue() throws IOException {
        Path file = Files.writeString(dir.resolve("a.yaml"), INVALID);

        for (String command : new String[]{"validate", "diff", "sync"}) {
            CliRun run = command.equals("validate")
                    ? KongsyncProcess.run(ENVIRONMENT, command, "-s", file.toString())
                    : KongsyncProcess.run(ENVIRONMENT, command, "-s", file.toString(),
                            "--kong-addr", sandbox.url().toString());

            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).as(command)
                    .contains("a.yaml:4:5: services[0].host: ")
                    .contains("a.yaml:8:13: services[0].routes[0].paths[0]: invalid regex: '/(sensitive)(' ")
                    .contains("a.yaml:14:17: services[0].plugins[0].config.add.headers[0]: ")
                    .contains("3 problems found; nothing was applied.");
            assertThat(run.out() + run.err()).as(command).doesNotContainIgnoringCase(SECRET);
        }
    }

    @Test
    void aSubstitutedReferenceByIdKongDoesNotKnowIsMaskedInTheProblem() throws IOException {
        String routeId = "5b0c4f7e-2d1a-4c3b-9e8f-7a6b5c4d3e2f";
        Path file = Files.writeString(dir.resolve("a.yaml"), """
                _format_version: "3.0"
                plugins:
                  - name: rate-limiting
                    route: ${{ env "DECK_ROUTE_ID" }}
                    config:
                      minute: 5
                """);
        Map<String, String> environment = Map.of("DECK_ROUTE_ID", routeId);

        CliRun diff = KongsyncProcess.run(environment, "diff", "-s", file.toString(),
                "--kong-addr", sandbox.url().toString());
        CliRun sync = KongsyncProcess.run(environment, "sync", "-s", file.toString(),
                "--kong-addr", sandbox.url().toString(), "-o", "json");

        assertThat(diff.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(diff.out() + diff.err()).contains("a.yaml:").contains("neither in the files nor in Kong")
                .doesNotContain(routeId);
        assertThat(sync.out() + sync.err()).contains("neither in the files nor in Kong").doesNotContain(routeId);
    }

    @Test
    void kongsAnswersQuotingTheValueAreMasked() throws IOException {
        Path file = Files.writeString(dir.resolve("a.yaml"), VALID);
        AdminClient admin = new AdminClient(sandbox.url());
        assertThat(admin.post("/consumers", Map.of("username", "squatter", "custom_id", SECRET)).status())
                .isEqualTo(201);

        CliRun diff = KongsyncProcess.run(ENVIRONMENT, "diff", "-s", file.toString(),
                "--kong-addr", sandbox.url().toString());
        CliRun sync = KongsyncProcess.run(ENVIRONMENT, "sync", "-s", file.toString(),
                "--kong-addr", sandbox.url().toString(), "-o", "json");

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).contains("+ consumer partner").contains("(sensitive)");
        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.out()).as("Kong's answer is in the report").contains("UNIQUE violation");
        assertThat(admin.get("/services/billing").json()).as("the value was substituted")
                .containsEntry("host", SECRET + ".internal");
        assertThat(diff.out() + diff.err() + sync.out() + sync.err()).doesNotContainIgnoringCase(SECRET);
    }
}
