package io.kongsync.state;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import io.kongsync.file.ReadOptions;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * decK's file-level settings, in files written the way decK's documentation writes them: {@code _info.defaults},
 * {@code _plugin_configs} with {@code _config}, and {@code _info.skip_hash_for_basic_auth}. Each is validated,
 * synced into the sandbox and planned again to nothing.
 */
class DeckFileSettingsTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    /** Syncs the files, then plans them again: nothing may be left to do. */
    private static void syncedThenNothingToPlan(Sandbox kong, Path... files) {
        String addr = kong.url().toString();
        CliRun validate = CliRun.of(args("validate", files));
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(ExitCodes.OK);
        CliRun sync = CliRun.of(args("sync", files, "--kong-addr", addr));
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        CliRun again = CliRun.of(args("diff", files, "--kong-addr", addr, "--detailed-exitcode"));
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("No changes. Kong matches the files.");
    }

    private static String[] args(String command, Path[] files, String... more) {
        List<String> out = new java.util.ArrayList<>(List.of(command));
        for (Path file : files) {
            out.add("-s");
            out.add(file.toString());
        }
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    // ---- templates ---------------------------------------------------------------------------------------------------

    @Test
    void aFileWithTemplatesAsDecksDocumentationWritesThemSyncsAndPlansAgainToNothing() throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                services:
                  - name: orders
                    host: "${{ env "DECK_ORDERS_HOST" }}"
                    port: ${{ env "DECK_ORDERS_PORT" | toInt }}
                    routes:
                      - name: orders
                        paths: [${{ env "DECK_ORDERS_PATH" }}]
                        strip_path: ${{ env "DECK_STRIP" | toBool }}
                consumers:
                  - username: partner
                    keyauth_credentials:
                      - key: ${{ env "DECK_PARTNER_KEY" }}
                """);
        Map<String, String> env = Map.of("DECK_ORDERS_HOST", "orders.internal", "DECK_ORDERS_PORT", "8443",
                "DECK_ORDERS_PATH", "/orders", "DECK_STRIP", "false", "DECK_PARTNER_KEY", "pk-9Xv2-s3cret");
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(),
                ReadOptions.defaults().withEnvironment(env::get));
        assertThat(loaded.diagnostics()).isEmpty();

        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults());
             KongClient client = KongClient.create(KongSettings.of(kong.url()))) {
            Syncer syncer = new Syncer(client, SyncOptions.defaults());
            SyncResult result = syncer.sync(loaded.state(), loaded.selectTags()).block();
            assertThat(result.succeeded()).as(String.valueOf(result.refusal())).isTrue();
            assertThat(syncer.plan(loaded.state(), loaded.selectTags()).block().plan().isEmpty()).isTrue();

            AdminClient admin = new AdminClient(kong.url());
            assertThat(admin.get("/services/orders").json()).containsEntry("host", "orders.internal")
                    .containsEntry("port", 8443);
            assertThat(admin.get("/routes/orders").json()).containsEntry("paths", List.of("/orders"))
                    .containsEntry("strip_path", false);
            assertThat(admin.get("/consumers/partner/key-auth").data()).singleElement()
                    .satisfies(k -> assertThat(k).containsEntry("key", "pk-9Xv2-s3cret"));
        }
    }

    // ---- _info.defaults --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "DB-less: {0}")
    @ValueSource(booleans = {false, true})
    void defaultsFillWhatAnEntityDoesNotSet(boolean dbless) throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _info:
                  defaults:
                    service:
                      port: 8080
                      protocol: https
                      retries: 10
                    route:
                      preserve_host: true
                      https_redirect_status_code: 302
                    upstream:
                      slots: 100
                      healthchecks:
                        active:
                          http_path: /health
                    target:
                      weight: 50
                services:
                  - name: orders
                    host: orders.internal
                    routes:
                      - name: orders
                        paths: [/orders]
                  - name: billing
                    host: billing.internal
                    port: 9000
                upstreams:
                  - name: pool
                    healthchecks:
                      active:
                        timeout: 3
                    targets:
                      - target: 10.0.0.1:80
                      - target: 10.0.0.2:80
                        weight: 10
                """);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            syncedThenNothingToPlan(kong, file);

            AdminClient admin = new AdminClient(kong.url());
            assertThat(admin.get("/services/orders").json()).containsEntry("port", 8080)
                    .containsEntry("protocol", "https").containsEntry("retries", 10);
            assertThat(admin.get("/services/billing").json()).containsEntry("port", 9000)
                    .containsEntry("retries", 10);
            assertThat(admin.get("/routes/orders").json()).containsEntry("preserve_host", true)
                    .containsEntry("https_redirect_status_code", 302);
            Map<String, Object> upstream = admin.get("/upstreams/pool").json();
            assertThat(upstream).containsEntry("slots", 100);
            assertThat(upstream.get("healthchecks").toString()).contains("http_path=/health", "timeout=3");
            assertThat(admin.get("/upstreams/pool/targets").data())
                    .extracting(t -> t.get("target") + " " + t.get("weight"))
                    .containsExactlyInAnyOrder("10.0.0.1:80 50", "10.0.0.2:80 10");
        }
    }

    @Test
    void defaultsMayNotNameEntitiesAndFilesMustAgreeOnThem() throws IOException {
        Path one = write("one.yaml", """
                _format_version: "3.0"
                _info:
                  defaults:
                    service:
                      name: everything
                      retries: 3
                services:
                  - name: orders
                    host: orders.internal
                """);
        Path two = write("two.yaml", """
                _format_version: "3.0"
                _info:
                  defaults:
                    service:
                      retries: 4
                """);

        CliRun run = CliRun.of("validate", "-s", one.toString(), "-s", two.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out() + run.err()).contains(
                one + ":5:7: _info.defaults.service.name: defaults may not set name: it identifies each service",
                two + ":5:7: _info.defaults.service.retries: differs from the default at " + one + ":6:7; all files "
                        + "read together share one set of defaults");
    }

    @Test
    void aDefaultFromATemplateStaysSensitive() throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _info:
                  defaults:
                    service:
                      path: ${{ env "DECK_BASE_PATH" }}
                services:
                  - name: orders
                    host: orders.internal
                """);
        ReadOptions read = ReadOptions.defaults().withEnvironment(Map.of("DECK_BASE_PATH", "/v7-s3cret")::get);

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);

        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.state().entities().values()).singleElement().satisfies(service -> {
            assertThat(service.fields()).containsEntry("path", "/v7-s3cret");
            assertThat(service.sensitivePaths()).contains("path");
        });
    }

    // ---- _plugin_configs -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "DB-less: {0}")
    @ValueSource(booleans = {false, true})
    void pluginsTakeANamedSharedConfigUnderTheirOwn(boolean dbless) throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _plugin_configs:
                  standard-limits:
                    minute: 20
                    policy: local
                    limit_by: ip
                services:
                  - name: orders
                    host: orders.internal
                    plugins:
                      - name: rate-limiting
                        _config: standard-limits
                        config:
                          minute: 50
                  - name: billing
                    host: billing.internal
                    plugins:
                      - name: rate-limiting
                        _config: standard-limits
                """);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            syncedThenNothingToPlan(kong, file);

            AdminClient admin = new AdminClient(kong.url());
            assertThat(admin.get("/services/orders/plugins").data()).singleElement().satisfies(p ->
                    assertThat(p.get("config").toString()).contains("minute=50", "policy=local", "limit_by=ip"));
            assertThat(admin.get("/services/billing/plugins").data()).singleElement().satisfies(p ->
                    assertThat(p.get("config").toString()).contains("minute=20", "policy=local", "limit_by=ip"));
        }
    }

    @Test
    void anUnknownSharedConfigIsAnErrorAtItsPlace() throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _plugin_configs:
                  standard-limits:
                    minute: 20
                plugins:
                  - name: rate-limiting
                    _config: standrad-limits
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out() + run.err()).contains(file + ":7:5: plugins[0]._config: unknown shared plugin config "
                + "'standrad-limits' (known: standard-limits)");
    }

    // ---- _info.skip_hash_for_basic_auth ----------------------------------------------------------------------------

    @Test
    void hashedPasswordsPlanAsUnchangedAgainstTheKongThatHashedThem() throws IOException {
        Path plaintext = write("plain.yaml", """
                _format_version: "3.0"
                consumers:
                  - username: alice
                    basicauth_credentials:
                      - username: alice
                        password: correct-horse-battery
                """);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            syncedThenNothingToPlan(kong, plaintext);
            Object stored = new AdminClient(kong.url()).get("/consumers/alice/basic-auth").data().get(0).get("password");
            Path hashed = write("hashed.yaml", """
                    _format_version: "3.0"
                    _info:
                      skip_hash_for_basic_auth: true
                    consumers:
                      - username: alice
                        basicauth_credentials:
                          - username: alice
                            password: %s
                    """.formatted(stored));

            CliRun diff = CliRun.of("diff", "-s", hashed.toString(), "--kong-addr", kong.url().toString(),
                    "--detailed-exitcode");
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
            assertThat(diff.out()).contains("No changes. Kong matches the files.");
        }
        try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults())) {
            syncedThenNothingToPlan(fresh, dir.resolve("hashed.yaml"));
        }
    }

    @Test
    void withHashedPasswordsDeclaredAPlaintextPasswordIsRefused() throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _info:
                  skip_hash_for_basic_auth: true
                consumers:
                  - username: alice
                    basicauth_credentials:
                      - username: alice
                        password: correct-horse-battery
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out() + run.err()).contains(file + ":8:9: consumers[0].basicauth_credentials[0].password: "
                + "_info.skip_hash_for_basic_auth says passwords are the hashes Kong stores")
                .doesNotContain("correct-horse-battery");
    }

    // ---- what kongsync does not read -------------------------------------------------------------------------------

    @Test
    void decksSettingsKongsyncDoesNotReadAreRefusedWithTheReason() throws IOException {
        Path file = write("kong.yaml", """
                _format_version: "3.0"
                _info:
                  default_lookup_tags:
                    consumers: [shared]
                  include_plugin_definitions: true
                services:
                  - name: orders
                    host: ${{ printf "%s" "orders.internal" }}
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out() + run.err()).contains(
                file + ":3:3: _info.default_lookup_tags: 'default_lookup_tags' is not read by kongsync: a reference "
                        + "the files do not hold must be an id (resolved against the live Kong)",
                file + ":5:3: _info.include_plugin_definitions: 'include_plugin_definitions' needs Kong Enterprise",
                file + ":8:11: services[0].host: unknown template function 'printf'");
    }
}
