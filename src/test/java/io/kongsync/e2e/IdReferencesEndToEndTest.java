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

/**
 * Entities the files identify by id alone (no name), and references by id to entities someone created by hand in
 * Kong: validated, synced into the sandbox, and planned again to nothing; an id Kong does not know fails the plan.
 */
class IdReferencesEndToEndTest {

    private static final String SERVICE_ID = "3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d01";
    private static final String ROUTE_ID = "3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d02";
    private static final String MANUAL_ROUTE_ID = "7a9c2d40-1b3e-4c5f-8a6d-0e1f2a3b4c5d";

    /** Line 13 is the plugin scoped by id to a route only Kong has. */
    private static final String FILE = """
            _format_version: "3.0"
            services:
              - id: %s
                host: orders.internal
                routes:
                  - id: %s
                    paths: [/orders]
                  - name: orders-admin
                    paths: [/orders-admin]
                plugins:
                  - name: key-auth
            plugins:
              - name: rate-limiting
                route: %s
                config:
                  minute: 5
            """.formatted(SERVICE_ID, ROUTE_ID, MANUAL_ROUTE_ID);

    @TempDir
    Path dir;

    private Sandbox kong;
    private AdminClient admin;
    private Path file;

    @BeforeEach
    void start() throws IOException {
        kong = Sandbox.start(SandboxOptions.defaults());
        admin = new AdminClient(kong.url());
        file = dir.resolve("orders.yaml");
        Files.writeString(file, FILE);
    }

    @AfterEach
    void stop() {
        kong.close();
    }

    private CliRun run(String command, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = command;
        args[1] = "-s";
        args[2] = file.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    private void createRouteByHand() {
        AdminClient.Answer created = admin.post("/routes", Map.of("id", MANUAL_ROUTE_ID, "name", "manual",
                "paths", List.of("/manual")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void anIdOnlyServiceAndAPluginOnAHandMadeRouteValidateSyncAndPlanToNothing() {
        createRouteByHand();

        CliRun validate = run("validate");
        assertThat(validate.exitCode()).as(validate.err()).isEqualTo(ExitCodes.OK);
        assertThat(validate.err()).contains("warning: " + file + ":13:5: plugins[0].route: route " + MANUAL_ROUTE_ID
                + " is not defined in the files");

        CliRun sync = run("sync", "--kong-addr", kong.url().toString());
        assertThat(sync.exitCode()).as(sync.err() + sync.out()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("+ service id:" + SERVICE_ID, "+ route id:" + ROUTE_ID,
                "+ plugin rate-limiting (route manual)").doesNotContain("route manual  #", "- route");

        Map<String, Object> service = admin.get("/services/" + SERVICE_ID).json();
        assertThat(service.get("name")).isNull();
        assertThat(service.get("host")).isEqualTo("orders.internal");
        assertThat(admin.get("/services/" + SERVICE_ID + "/routes").data()).extracting(r -> r.get("id"))
                .containsExactlyInAnyOrder(ROUTE_ID, admin.get("/routes/orders-admin").json().get("id"));
        assertThat(admin.get("/services/" + SERVICE_ID + "/plugins").data()).extracting(p -> p.get("name"))
                .containsExactly("key-auth");
        assertThat(admin.get("/routes/" + MANUAL_ROUTE_ID + "/plugins").data()).extracting(p -> p.get("name"))
                .containsExactly("rate-limiting");
        Map<String, Object> manual = admin.get("/routes/" + MANUAL_ROUTE_ID).json();
        assertThat(manual.get("tags")).isNull();

        CliRun diff = run("diff", "--kong-addr", kong.url().toString(), "--detailed-exitcode");
        assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out()).contains("No changes. Kong matches the files.");
        CliRun again = run("sync", "--kong-addr", kong.url().toString());
        assertThat(again.exitCode()).as(again.err() + again.out()).isEqualTo(ExitCodes.OK);
        assertThat(admin.get("/routes/" + MANUAL_ROUTE_ID).status()).isEqualTo(200);
    }

    @Test
    void idsWrittenInUpperCaseAreTheSameIds() throws IOException {
        createRouteByHand();
        Files.writeString(file, FILE.replace(SERVICE_ID, SERVICE_ID.toUpperCase(java.util.Locale.ROOT))
                .replace(MANUAL_ROUTE_ID, MANUAL_ROUTE_ID.toUpperCase(java.util.Locale.ROOT)));

        CliRun sync = run("sync", "--kong-addr", kong.url().toString());
        assertThat(sync.exitCode()).as(sync.err() + sync.out()).isEqualTo(ExitCodes.OK);
        assertThat(admin.get("/services/" + SERVICE_ID + "/routes").data()).hasSize(2);
        CliRun diff = run("diff", "--kong-addr", kong.url().toString(), "--detailed-exitcode");
        assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDumpKeepsThePluginOnTheHandMadeRouteByItsIdAndPlansToNothing() throws IOException {
        createRouteByHand();
        assertThat(run("sync", "--kong-addr", kong.url().toString()).exitCode()).isEqualTo(ExitCodes.OK);
        Path dumped = dir.resolve("dump.yaml");

        CliRun dump = CliRun.of("dump", "--kong-addr", kong.url().toString(), "--output-file", dumped.toString());

        assertThat(dump.exitCode()).as(dump.err()).isEqualTo(ExitCodes.OK);
        assertThat(dump.err()).doesNotContain("left out");
        assertThat(Files.readString(dumped)).contains("route: " + MANUAL_ROUTE_ID).doesNotContain("/manual");
        CliRun diff = CliRun.of("diff", "-s", dumped.toString(), "--kong-addr", kong.url().toString(),
                "--detailed-exitcode");
        assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void removingThePluginNeverDeletesTheHandMadeRoute() throws IOException {
        createRouteByHand();
        assertThat(run("sync", "--kong-addr", kong.url().toString()).exitCode()).isEqualTo(ExitCodes.OK);
        Files.writeString(file, FILE.substring(0, FILE.indexOf("plugins:\n  - name: rate-limiting")));

        CliRun sync = run("sync", "--kong-addr", kong.url().toString());

        assertThat(sync.exitCode()).as(sync.err() + sync.out()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("- plugin rate-limiting (route manual)").doesNotContain("- route");
        assertThat(admin.get("/routes/" + MANUAL_ROUTE_ID).status()).isEqualTo(200);
        assertThat(admin.get("/routes/" + MANUAL_ROUTE_ID + "/plugins").data()).isEmpty();
    }

    @Test
    void aReferenceToAnIdKongDoesNotKnowFailsThePlanWithItsPlaceAndChangesNothing() {
        CliRun sync = run("sync", "--kong-addr", kong.url().toString());

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.out()).as(sync.err()).contains(file + ":13:5: plugins[0].route: route " + MANUAL_ROUTE_ID
                + " is neither in the files nor in Kong");
        assertThat(admin.get("/services").data()).isEmpty();
        assertThat(admin.get("/routes").data()).isEmpty();
        assertThat(admin.get("/plugins").data()).isEmpty();

        CliRun diff = run("diff", "--kong-addr", kong.url().toString());
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(diff.err()).contains(file + ":13:5: plugins[0].route: route " + MANUAL_ROUTE_ID);
    }

    @Test
    void anIdOnlyServiceWhoseIdKongHoldsUnderANameWithoutTheTagIsAConflictNeverAnOverwrite() {
        createRouteByHand();
        assertThat(admin.post("/services", Map.of("id", SERVICE_ID, "name", "legacy", "host", "legacy.internal"))
                .status()).isEqualTo(201);

        CliRun sync = run("sync", "--kong-addr", kong.url().toString());

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.out()).contains("service legacy exists in Kong without the tag managed-by:kongsync");
        Map<String, Object> legacy = admin.get("/services/" + SERVICE_ID).json();
        assertThat(legacy.get("name")).isEqualTo("legacy");
        assertThat(legacy.get("host")).isEqualTo("legacy.internal");
        assertThat(admin.get("/plugins").data()).isEmpty();
    }

    @Test
    void aManagedServiceTheFilesNowIdentifyByIdAloneIsUpdatedInPlaceAndThenPlansToNothing() {
        createRouteByHand();
        assertThat(admin.post("/services", Map.of("id", SERVICE_ID, "name", "orders", "host", "orders.internal",
                "tags", List.of("managed-by:kongsync"))).status()).isEqualTo(201);

        CliRun sync = run("sync", "--kong-addr", kong.url().toString());

        assertThat(sync.exitCode()).as(sync.err() + sync.out()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("~ service orders").doesNotContain("- service");
        assertThat(admin.get("/services/" + SERVICE_ID).json().get("name")).isNull();
        CliRun diff = run("diff", "--kong-addr", kong.url().toString(), "--detailed-exitcode");
        assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDbLessKongTakesTheIdOnlyServiceAndRefusesAReferenceOutsideTheFiles() throws IOException {
        try (Sandbox dbless = Sandbox.start(SandboxOptions.defaults().withDbless(true))) {
            String addr = dbless.url().toString();

            CliRun refused = run("sync", "--kong-addr", addr);
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(refused.out()).contains(file + ":13:5: plugins[0].route: route " + MANUAL_ROUTE_ID);

            Files.writeString(file, FILE.substring(0, FILE.indexOf("plugins:\n  - name: rate-limiting")));
            CliRun sync = run("sync", "--kong-addr", addr);
            assertThat(sync.exitCode()).as(sync.err() + sync.out()).isEqualTo(ExitCodes.OK);
            assertThat(new AdminClient(dbless.url()).get("/services/" + SERVICE_ID).status()).isEqualTo(200);
            CliRun diff = run("diff", "--kong-addr", addr, "--detailed-exitcode");
            assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void offlineTheReferenceIsAWarningThatNamesItsPlace() throws IOException {
        Path current = dir.resolve("current.yaml");
        Files.writeString(current, "_format_version: \"3.0\"\n");

        CliRun diff = CliRun.of("diff", "-s", file.toString(), "--current", current.toString());

        assertThat(diff.exitCode()).as(diff.err() + diff.out()).isEqualTo(ExitCodes.OK);
        assertThat(diff.out() + diff.err()).contains(file + ":13:5: plugins[0].route: route " + MANUAL_ROUTE_ID
                + " is not defined in the files");
        assertThat(diff.out()).contains("+ service id:" + SERVICE_ID);
    }
}
