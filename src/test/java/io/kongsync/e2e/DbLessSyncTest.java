package io.kongsync.e2e;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A DB-less Kong: kongsync sends the whole configuration and owns everything in it. */
class DbLessSyncTest {

    @TempDir
    Path dir;

    private Sandbox kong;
    private AdminClient admin;

    @BeforeEach
    void start() {
        kong = Sandbox.start(SandboxOptions.defaults().withDbless(true));
        admin = new AdminClient(kong.url());
    }

    @AfterEach
    void stop() {
        kong.close();
    }

    private CliRun run(String command, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "-s", "routes", "--kong-addr",
                kong.url().toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theWholeConfigurationIsSentInOneRequestAndThenMatches() {
        CliRun sync = run("sync");

        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("DB-less mode").contains("Sync succeeded");
        assertThat(kong.requests()).filteredOn(r -> !r.method().equals("GET"))
                .extracting(r -> r.method() + " " + r.path().replaceFirst("\\?.*", ""))
                .containsOnly("POST /config", "POST /schemas/plugins/validate");
        assertThat(admin.get("/services?size=1000").data()).extracting(s -> s.get("name")).contains("nyan");
        assertThat(run("diff", "--detailed-exitcode").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run("sync").out()).contains("nothing to do");
    }

    @Test
    void anythingInKongThatTheFilesDoNotHoldIsDeleted() {
        assertThat(run("sync").exitCode()).isEqualTo(ExitCodes.OK);
        @SuppressWarnings("unchecked")
        String current = (String) admin.get("/config").json().get("config");
        String withStray = current.replace("services:\n", """
                services:
                - name: stray
                  host: stray.internal
                  port: 80
                  protocol: http
                """);
        assertThat(admin.post("/config", Map.of("config", withStray)).status()).isEqualTo(201);
        assertThat(admin.get("/services/stray").status()).isEqualTo(200);

        CliRun diff = run("diff", "--detailed-exitcode");
        CliRun sync = run("sync");

        assertThat(diff.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(diff.out()).contains("- service stray");
        assertThat(sync.exitCode()).as(sync.out()).isEqualTo(ExitCodes.OK);
        assertThat(admin.get("/services/stray").status()).isEqualTo(404);
    }

    @Test
    void aPluginKongRejectsIsReportedAtItsFileAndLineAndNothingChanges() throws IOException {
        assertThat(run("sync").exitCode()).isEqualTo(ExitCodes.OK);
        String before = (String) admin.get("/status").json().get("configuration_hash");
        Path files = dir.resolve("routes");
        Files.createDirectories(files);
        Files.writeString(files.resolve("custom.yaml"), """
                _format_version: "3.0"
                services:
                  - name: legacy
                    host: legacy.internal
                    plugins:
                      - name: my-auth
                        config:
                          header: 42
                """);

        CliRun sync = CliRun.of("sync", "-s", files.toString(), "--kong-addr", kong.url().toString(),
                "--custom-plugin", "my-auth", "--allow-mass-delete");

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.out()).contains("custom.yaml:6:")
                .contains("Sync refused: nothing was applied.");
        assertThat(admin.get("/status").json().get("configuration_hash")).isEqualTo(before);
    }
}
