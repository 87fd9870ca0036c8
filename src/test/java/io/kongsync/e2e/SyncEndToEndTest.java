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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** kongsync's commands against the sandbox, the way a pipeline runs them. */
class SyncEndToEndTest {

    @TempDir
    Path dir;

    private Sandbox kong;
    private Path routes;
    private AdminClient admin;

    @BeforeEach
    void start() throws IOException {
        kong = Sandbox.start(SandboxOptions.defaults());
        admin = new AdminClient(kong.url());
        routes = dir.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @AfterEach
    void stop() {
        kong.close();
    }

    private CliRun sync(String... extra) {
        return CliRun.of(concat(new String[]{"sync", "-s", routes.toString(), "--kong-addr", kong.url().toString()},
                extra));
    }

    private CliRun diff(String... extra) {
        return CliRun.of(concat(new String[]{"diff", "-s", routes.toString(), "--kong-addr", kong.url().toString(),
                "--detailed-exitcode"}, extra));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void syncingTheRoutesLeavesNothingToPlan() {
        CliRun first = sync();

        assertThat(first.exitCode()).as(first.err() + first.out()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).contains("Sync succeeded").contains("Kong matches the files");
        assertThat(admin.get("/services?size=1000").data()).extracting(s -> s.get("name"))
                .contains("nyan", "orders-api", "payments");
        CliRun diff = diff();
        assertThat(diff.exitCode()).as(diff.out()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).contains("No changes. Kong matches the files.");
    }

    @Test
    void theJsonReportStatesTheResultAndEveryOperation() throws Exception {
        CliRun run = sync("-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        var report = tools.jackson.databind.json.JsonMapper.builder().build().readTree(run.out());
        assertThat(report.propertyNames()).containsExactly("result", "message", "kong", "plan", "operations",
                "nodes", "problems", "pending", "read_back_error", "requests", "millis", "reviewed_plan");
        assertThat(report.get("result").asString()).isEqualTo("succeeded");
        assertThat(report.get("kong").get("sandbox").asBoolean()).isTrue();
        assertThat(report.get("plan").get("summary").get("create").asInt()).isEqualTo(26);
        assertThat(report.get("operations")).hasSize(26)
                .allSatisfy(op -> assertThat(op.get("status").asString()).isEqualTo("applied"));
        assertThat(report.get("pending").asInt()).isZero();
    }

    @Test
    void oneChangedFieldPlansExactlyThatFieldAndSyncsBackToNothing() throws IOException {
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        Path nyan = routes.resolve("nyan.yaml");
        Files.writeString(nyan, Files.readString(nyan).replace("minute: 600", "minute: 900"));

        CliRun diff = diff();

        assertThat(diff.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(diff.out()).isEqualTo("""
                service nyan:
                  ~ plugin rate-limiting (service nyan)  # %s:19:9
                      config.minute: 600 -> 900

                Plan: 0 to create, 1 to update, 0 to delete.
                """.formatted(nyan));
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(diff().exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void removingAFileDeletesItsEntities() throws IOException {
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        Files.delete(routes.resolve("nyan.yaml"));

        CliRun run = sync();

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("- service nyan", "- route nyan", "- plugin rate-limiting (service nyan)");
        assertThat(admin.get("/services?size=1000").data()).extracting(s -> s.get("name")).doesNotContain("nyan");
        assertThat(admin.get("/routes?size=1000").data()).extracting(s -> s.get("name")).doesNotContain("nyan");
    }

    @Test
    void aManualChangeInKongShowsAsARevertAndTheSyncRevertsIt() {
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(admin.patch("/services/nyan", Map.of("read_timeout", 1234)).status()).isEqualTo(200);

        CliRun diff = diff();

        assertThat(diff.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(diff.out()).containsPattern("service nyan:\n  ~ service nyan  # \\S+nyan\\.yaml:\\d+:\\d+\n"
                + "      read_timeout: 1234 -> 30000\n");
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(admin.get("/services/nyan").json().get("read_timeout")).isEqualTo(30000);
    }

    @Test
    void anEntityKongsyncDoesNotManageIsNeverTouched() {
        assertThat(admin.post("/services", Map.of("name", "legacy", "host", "legacy.internal", "tags",
                List.of("team:legacy"))).status()).isEqualTo(201);
        Map<String, Object> before = admin.get("/services/legacy").json();
        kong.clearRequests();

        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);

        assertThat(kong.requests()).filteredOn(r -> r.path().contains((String) before.get("id"))
                || r.path().contains("legacy")).isEmpty();
        assertThat(admin.get("/services/legacy").json()).isEqualTo(before);
    }

    @Test
    void anInvalidFileAppliesNothing() throws IOException {
        Files.writeString(routes.resolve("broken.yaml"), """
                _format_version: "3.0"
                services:
                  - name: broken
                    host: broken.ecs.local
                    port: 99999
                """);
        kong.clearRequests();

        CliRun run = sync();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("broken.yaml:5:5: services[0].port: value should be between 0 and 65535")
                .contains("nothing was applied");
        assertThat(kong.requests()).isEmpty();
    }

    @Test
    void theMassDeleteGuardRefusesToEmptyTheGatewayUnlessAllowed() throws IOException {
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        int services = admin.get("/services?size=1000").data().size();
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "_format_version: \"3.0\"\n");
        long writes = kong.writeCount();

        CliRun refused = CliRun.of("sync", "-s", empty.toString(), "--kong-addr", kong.url().toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.out()).contains("Sync refused: nothing was applied. Refusing to delete all ")
                .contains("--allow-mass-delete");
        assertThat(kong.writeCount()).isEqualTo(writes);
        assertThat(admin.get("/services?size=1000").data()).hasSize(services);

        CliRun allowed = CliRun.of("sync", "-s", empty.toString(), "--kong-addr", kong.url().toString(),
                "--allow-mass-delete");

        assertThat(allowed.exitCode()).as(allowed.out()).isEqualTo(ExitCodes.OK);
        assertThat(admin.get("/services?size=1000").data()).isEmpty();
    }

    @Test
    void dumpThenDiffOfTheDumpPlansNothing() {
        assertThat(sync().exitCode()).isEqualTo(ExitCodes.OK);
        Path dumped = dir.resolve("dump.yaml");

        CliRun dump = CliRun.of("dump", "--kong-addr", kong.url().toString(), "-o", dumped.toString());
        CliRun diff = CliRun.of("diff", "-s", dumped.toString(), "--kong-addr", kong.url().toString(),
                "--detailed-exitcode");

        assertThat(dump.exitCode()).as(dump.err()).isEqualTo(ExitCodes.OK);
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
    }
}
