package io.kongsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * diff, end to end: files and a Kong-style echo written from the Admin API reference
 * (src/test/resources/echo), through loading, planning and every report format.
 */
class DiffCommandTest {

    private static final Path FILES = Path.of("src/test/resources/echo/files.yaml");
    private static final Path ECHO = Path.of("src/test/resources/echo/kong-echo.json");
    private static final List<String> SECRETS = List.of("s3cret-redis", "alice-secret-key", "s3cret-basic-pass",
            "n3w-basic-pass", "Bearer t0ken", "jwt-secret-value", "85fecc24bbb98d868a7f7a351a8b04ced243864e");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void aFileAndKongsEchoOfItPlanToNoChange(String format) {
        CliRun run = CliRun.of("diff", "-s", FILES.toString(), "--current", ECHO.toString(), "-o", format,
                "--detailed-exitcode");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        switch (format) {
            case "text" -> assertThat(run.out()).isEqualTo(
                    "No changes. Kong matches the files.\n\nPlan: 0 to create, 0 to update, 0 to delete.\n");
            case "json" -> assertThat(run.out()).isEqualTo(
                    "{\"summary\":{\"create\":0,\"update\":0,\"delete\":0},\"changes\":[],\"conflicts\":[],\"warnings\":[]}\n");
            default -> assertThat(run.out()).contains("| 0 | 0 | 0 |");
        }
        assertThat(run.out()).doesNotContain(SECRETS);
    }

    @Test
    void aMixedPlanListsOnlyWhatChangedAndMasksSecrets() throws IOException {
        Path changed = changedFiles();

        CliRun text = CliRun.of("diff", "-s", changed.toString(), "--current", ECHO.toString(), "--detailed-exitcode");

        assertThat(text.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(text.out()).isEqualTo("""
                service echo-svc:
                  - plugin cors (route echo-route)
                  ~ plugin rate-limiting (service echo-svc)  # %1$s:13:9
                      config.minute: 10 -> 20

                service new-svc:
                  + service new-svc  # %1$s:28:5
                      name: "new-svc"
                      host: "new.ecs.local"
                      tags: ["managed-by:kongsync"]

                ~ basicauth_credential alice (consumer alice)  # %1$s:36:9
                    password: (sensitive) -> (sensitive)

                Plan: 1 to create, 2 to update, 1 to delete.
                """.formatted(changed));

        CliRun json = CliRun.of("diff", "-s", changed.toString(), "--current", ECHO.toString(), "-o", "json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(json.out()).startsWith("{\"summary\":{\"create\":1,\"update\":2,\"delete\":1},\"changes\":[")
                .contains("{\"action\":\"update\",\"kind\":\"plugin\",\"name\":\"rate-limiting\","
                        + "\"scope\":{\"service\":\"echo-svc\"},\"service\":\"echo-svc\",\"source\":{\"file\":"
                        + "\"" + changed.toString().replace("\\", "\\\\") + "\"" + ",\"line\":13,\"column\":9,"
                        + "\"path\":\"services[0].plugins[0]\",\"url\":null},"
                        + "\"fields\":[{\"path\":\"config.minute\",\"old\":10,\"new\":20}]}")
                .contains("{\"action\":\"delete\",\"kind\":\"plugin\",\"name\":\"cors\",\"scope\":{\"route\":\"echo-route\"},"
                        + "\"service\":\"echo-svc\",\"source\":null,\"fields\":[]}")
                .contains("{\"path\":\"password\",\"old\":\"(sensitive)\",\"new\":\"(sensitive)\"}");

        CliRun markdown = CliRun.of("diff", "-s", changed.toString(), "--current", ECHO.toString(), "-o", "markdown");
        assertThat(markdown.out()).contains("| 1 | 2 | 1 |", "<details>", "- config.minute: 10\n+ config.minute: 20");

        for (CliRun run : List.of(text, json, markdown)) {
            assertThat(run.out() + run.err()).doesNotContain(SECRETS);
        }
    }

    @Test
    void aSameNamedEntityWithoutTheOwnershipTagIsAConflictNeverAnUpdate() throws IOException {
        Path echo = tmp.resolve("echo.json");
        Files.writeString(echo, Files.readString(ECHO)
                .replace("\"tags\": [\n        \"managed-by:kongsync\",\n        \"team-a\"\n      ]", "\"tags\": null"));

        CliRun run = CliRun.of("diff", "-s", FILES.toString(), "--current", echo.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("! service echo-svc exists in Kong without the tag managed-by:kongsync; "
                + "kongsync will not take it over.");
        assertThat(run.out()).doesNotContain("~ service echo-svc");
        assertThat(run.err()).isEqualTo("1 conflict with entities kongsync does not manage.\n");
    }

    @Test
    void theReportCanGoToAFile() throws IOException {
        Path report = tmp.resolve("plan.md");

        CliRun run = CliRun.of("diff", "-s", FILES.toString(), "--current", ECHO.toString(), "-o", "markdown",
                "--output-file", report.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(report)).contains("| 0 | 0 | 0 |");
    }

    @Test
    void invalidFilesPlanNothing() {
        CliRun run = CliRun.of("diff", "-s", "src/test/resources/invalid/port-out-of-range.yaml",
                "--current", ECHO.toString(), "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("services[0].port: value should be between 0 and 65535",
                "1 problem found; nothing was applied.");
    }

    @Test
    void anUnknownFormatIsAnError() {
        CliRun run = CliRun.of("diff", "--current", ECHO.toString(), "-o", "yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("yaml");
    }

    /** The echo's files with one update per kind of field, a removed plugin and a new service. */
    private Path changedFiles() throws IOException {
        String yaml = Files.readString(FILES)
                .replace("minute: 10", "minute: 20")
                .replace("password: s3cret-basic-pass", "password: n3w-basic-pass")
                .replace("""
                                plugins:
                                  - name: cors
                                    config:
                                      origins: ["https://a.example"]
                                      credentials: true
                        """, "")
                .replace("consumers:", """
                          - name: new-svc
                            host: new.ecs.local
                        consumers:""");
        assertThat(yaml).contains("n3w-basic-pass", "new-svc").doesNotContain("cors");
        Path file = tmp.resolve("changed.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
