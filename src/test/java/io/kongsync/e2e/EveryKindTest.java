package io.kongsync.e2e;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
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
 * Every entity kind of Kong OSS 3.9 that kongsync manages (vaults, key sets and keys, certificates, CA certificates,
 * services, routes, upstreams, targets, consumers with all six credential kinds, plugins with a vault reference), from
 * one realistic file: validated, synced in database and DB-less mode, planned again to nothing, dumped and reloaded,
 * with the new kinds' secrets never shown.
 */
class EveryKindTest {

    static final Path FILE = Path.of("src/test/resources/kinds/every-kind.yaml");

    /** Secrets in the file: an hmac secret, an oauth2 client secret, the JWK's private d, the PEM private key. */
    private static final List<String> SECRETS = List.of("hmac-secret-Vt9", "oauth-secret-Qm3",
            "pgJHVtztij6xn6rsVNtJk7OCtPwNvo", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpgJHVtztij6xn6rs");

    @TempDir
    Path dir;

    @Test
    void theFileIsValid() {
        CliRun run = CliRun.of("validate", "-s", FILE.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("1 files valid: 20 entities");
    }

    @ParameterizedTest(name = "DB-less: {0}")
    @ValueSource(booleans = {false, true})
    void syncedOnceThenNothingToPlanAndNoSecretShown(boolean dbless) {
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            String addr = kong.url().toString();
            CliRun plan = CliRun.of("diff", "-s", FILE.toString(), "--kong-addr", addr);
            CliRun json = CliRun.of("diff", "-s", FILE.toString(), "--kong-addr", addr, "--format", "json");
            CliRun sync = CliRun.of("sync", "-s", FILE.toString(), "--kong-addr", addr);

            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
            assertThat(plan.out()).contains("+ vault app-env", "+ key_set signing", "+ key signing-jwk",
                    "+ hmacauth_credential partner-hmac (consumer partner)",
                    "+ oauth2_credential partner-client (consumer partner)");
            for (String secret : SECRETS) {
                assertThat(plan.out() + plan.err() + json.out() + sync.out() + sync.err()).doesNotContain(secret);
            }
            CliRun again = CliRun.of("diff", "-s", FILE.toString(), "--kong-addr", addr, "--detailed-exitcode");
            assertThat(again.exitCode()).as(again.out()).isEqualTo(ExitCodes.OK);
            assertThat(again.out()).contains("No changes. Kong matches the files.");

            AdminClient admin = new AdminClient(kong.url());
            assertThat(admin.get("/vaults/app-env").json()).containsEntry("config", Map.of("prefix", "KONG_SECRET_"));
            assertThat(admin.get("/plugins?size=100").data()).anySatisfy(p -> assertThat(p.get("config").toString())
                    .contains("{vault://app-env/log-token}"));
        }
    }

    @Test
    void aDumpLoadsBackAsNoChange() {
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            String addr = kong.url().toString();
            assertThat(CliRun.of("sync", "-s", FILE.toString(), "--kong-addr", addr).exitCode()).isEqualTo(ExitCodes.OK);
            Path dump = dir.resolve("dump.yaml");
            CliRun dumped = CliRun.of("dump", "--kong-addr", addr, "-o", dump.toString());
            assertThat(dumped.exitCode()).as(dumped.err()).isEqualTo(ExitCodes.OK);

            CliRun plan = CliRun.of("diff", "-s", dump.toString(), "--kong-addr", addr, "--detailed-exitcode");

            assertThat(plan.exitCode()).as(plan.out()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void secretsKongGeneratedSurviveAnUpdateOfSomethingElse() throws IOException {
        Path file = dir.resolve("kong.yaml");
        String yaml = """
                _format_version: "3.0"
                consumers:
                  - username: partner
                    hmacauth_credentials:
                      - username: partner-hmac
                        tags: [v1]
                    oauth2_credentials:
                      - name: partner-app
                        client_id: partner-client
                        redirect_uris: [https://partner.example/v1]
                plugins:
                  - name: oauth2
                    config:
                      enable_client_credentials: true
                      token_expiration: 7200
                """;
        Files.writeString(file, yaml);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            String addr = kong.url().toString();
            AdminClient admin = new AdminClient(kong.url());
            assertThat(CliRun.of("sync", "-s", file.toString(), "--kong-addr", addr).exitCode()).isEqualTo(ExitCodes.OK);
            Object hmacSecret = admin.get("/hmac-auths/partner-hmac").json().get("secret");
            Object clientSecret = admin.get("/oauth2/partner-client").json().get("client_secret");
            Object provisionKey = config(admin).get("provision_key");

            Files.writeString(file, yaml.replace("v1", "v2").replace("7200", "3600"));
            CliRun update = CliRun.of("sync", "-s", file.toString(), "--kong-addr", addr);

            assertThat(update.out()).contains("~ hmacauth_credential partner-hmac", "~ oauth2_credential partner-client",
                    "~ plugin oauth2");
            assertThat(admin.get("/hmac-auths/partner-hmac").json()).containsEntry("secret", hmacSecret)
                    .containsEntry("tags", List.of("managed-by:kongsync", "v2"));
            assertThat(admin.get("/oauth2/partner-client").json()).containsEntry("client_secret", clientSecret);
            assertThat(config(admin)).containsEntry("provision_key", provisionKey)
                    .containsEntry("token_expiration", 3600);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(AdminClient admin) {
        return (Map<String, Object>) admin.get("/plugins").data().get(0).get("config");
    }

    @Test
    void aHashedOauth2SecretPlansAsUnchanged() throws IOException {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, Files.readString(FILE).replace("client_secret: oauth-secret-Qm3",
                "client_secret: oauth-secret-Qm3\n        hash_secret: true"));
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            String addr = kong.url().toString();
            assertThat(CliRun.of("sync", "-s", file.toString(), "--kong-addr", addr).exitCode()).isEqualTo(ExitCodes.OK);
            Object stored = new AdminClient(kong.url()).get("/oauth2/partner-client").json().get("client_secret");
            assertThat(String.valueOf(stored)).startsWith("$pbkdf2-sha512$i=10000,l=32$");

            CliRun plan = CliRun.of("diff", "-s", file.toString(), "--kong-addr", addr, "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.out()).isEqualTo(ExitCodes.OK);

            Path dumpedHash = dir.resolve("hash.yaml");
            Files.writeString(dumpedHash, Files.readString(file).replace("oauth-secret-Qm3", "'" + stored + "'"));
            CliRun warned = CliRun.of("validate", "-s", dumpedHash.toString(), "--strict");
            assertThat(warned.exitCode()).as("Kong takes it, so it is a warning").isEqualTo(ExitCodes.ERROR);
            assertThat(warned.err()).contains("warning: ").contains("consumers[0].oauth2_credentials[0].client_secret: "
                    + "is Kong's hash of a secret: with hash_secret true Kong hashes it again")
                    .contains("1 warning and --strict").doesNotContain(String.valueOf(stored));
            assertThat(CliRun.of("validate", "-s", dumpedHash.toString()).exitCode()).isEqualTo(ExitCodes.OK);

            Files.writeString(file, Files.readString(file).replace("oauth-secret-Qm3", "rotated-secret-Lp5"));
            CliRun changed = CliRun.of("diff", "-s", file.toString(), "--kong-addr", addr);
            assertThat(changed.out()).contains("~ oauth2_credential partner-client").contains("client_secret: (sensitive)")
                    .doesNotContain("rotated-secret-Lp5");
        }
    }
}
