package io.kongsync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of mistake the validator must catch, as a user would meet it: a file, exit code 1, a located message. */
class ValidateCommandTest {

    private static final String DIR = "src/test/resources/invalid/";

    @Test
    void theShippedRoutesAreValid() {
        CliRun run = CliRun.of("validate");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("4 files valid: \\d+ entities.\\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-field.yaml        | unknown-field.yaml:5:5: services[0].retry: unknown field
            duplicate-key.yaml        | duplicate-key.yaml:5:5: services[0].name: duplicate key 'name' (first at line 3)
            wrong-type.yaml           | wrong-type.yaml:5:5: services[0].retries: expected an integer
            port-out-of-range.yaml    | port-out-of-range.yaml:5:5: services[0].port: value should be between 0 and 65535
            timeout-out-of-range.yaml | timeout-out-of-range.yaml:5:5: services[0].connect_timeout: value should be between 1 and 2147483646
            bad-protocol.yaml         | bad-protocol.yaml:5:5: services[0].protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp
            bad-method.yaml           | bad-method.yaml:8:19: services[0].routes[0].methods[0]: invalid value: get
            route-to-missing-service.yaml   | route-to-missing-service.yaml:4:5: routes[0].service: service 'nowhere' is not defined in the files
            plugin-to-missing-consumer.yaml | plugin-to-missing-consumer.yaml:4:5: plugins[0].consumer: consumer 'ghost' is not defined in the files
            missing-certificate.yaml  | missing-certificate.yaml:5:5: services[0].client_certificate: certificate 'client.mydomain.com' is not defined in the files
            route-without-matcher.yaml | route-without-matcher.yaml:6:9: services[0].routes[0]: must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'
            path-without-slash.yaml   | path-without-slash.yaml:9:13: services[0].routes[0].paths[1]: should start with: / (fixed path) or ~/ (regex path)
            invalid-regex.yaml        | invalid-regex.yaml:8:13: services[0].routes[0].paths[0]: invalid regex: '/cats/(\\d+$' (PCRE returned: Unclosed group)
            bad-url.yaml              | bad-url.yaml:3:5: services[0].host: required field missing
            unknown-plugin.yaml       | unknown-plugin.yaml:3:5: plugins[0].name: plugin 'rate-limitting' is not bundled with Kong 3.9; if it is a custom plugin installed in your Kong, pass --custom-plugin rate-limitting
            custom-tag.yaml           | custom-tag.yaml:4:11: services[0].host: unsupported tag !!python/object/apply:os.system: only the YAML core schema's map and seq are allowed on collections
            billion-laughs.yaml       | billion-laughs.yaml:8:23: the file uses more than 50 aliases to mappings or sequences
            unset-env.yaml            | unset-env.yaml:4:11: services[0].host: environment variable DECK_KONGSYNC_TEST_UNSET is not set
            """)
    void eachMistakeFailsWithItsLocation(String fixture, String expected) {
        CliRun run = CliRun.of("validate", "-s", DIR + fixture);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).contains(DIR + expected);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theNewKindsTypicalMistakesAreReportedWhereTheyAre() {
        CliRun run = CliRun.of("validate", "-s", DIR + "new-kinds.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).containsExactly(
                DIR + "new-kinds.yaml:4:5: vaults[0].prefix: must not be one of: env",
                DIR + "new-kinds.yaml:5:5: vaults[1].name: vault 'aws' is not installed",
                DIR + "new-kinds.yaml:8:5: keys[0]: kid in jwk.kid must be equal to keys.kid",
                DIR + "new-kinds.yaml:11:5: keys[1]: only one or none of these fields must be set: 'jwk', 'pem'",
                DIR + "new-kinds.yaml:14:5: keys[1].pem: could not load public key",
                DIR + "new-kinds.yaml:18:5: keys[2].pem: could not load public key",
                DIR + "new-kinds.yaml:23:9: consumers[0].hmacauth_credentials[0].username: required field missing",
                DIR + "new-kinds.yaml:28:13: consumers[0].oauth2_credentials[0].redirect_uris[0]: fragment not allowed "
                        + "in 'https://app.example/cb#token'",
                "8 problems found; nothing was applied.");
    }

    @Test
    void aCredentialValueKongKeepsUniqueCannotBeDeclaredByTwoConsumers() {
        CliRun run = CliRun.of("validate", "-s", DIR + "shared-credential.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).containsExactly(
                DIR + "shared-credential.yaml:11:9: consumers[1].keyauth_credentials[0].key: the same key as the "
                        + "keyauth_credential of consumer alice (" + DIR + "shared-credential.yaml:5:9); Kong keeps "
                        + "keyauth_credentials' key unique across consumers",
                DIR + "shared-credential.yaml:13:9: consumers[1].hmacauth_credentials[0].username: the same username "
                        + "as the hmacauth_credential of consumer alice (" + DIR + "shared-credential.yaml:7:9); Kong "
                        + "keeps hmacauth_credentials' username unique across consumers",
                "2 problems found; nothing was applied.");
        assertThat(run.err()).doesNotContain("shared-key-1234");
    }

    @Test
    void enterpriseOnlyKeysSayWhatTheyNeedInsteadOfUnknownField() {
        CliRun run = CliRun.of("validate", "-s", DIR + "enterprise-keys.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).contains(
                DIR + "enterprise-keys.yaml:2:1: consumer_groups: 'consumer_groups' needs Kong Enterprise or Konnect; "
                        + "Kong OSS 3.9 has no consumer groups",
                DIR + "enterprise-keys.yaml:6:5: consumers[0].groups: 'groups' needs Kong Enterprise or Konnect; "
                        + "Kong OSS 3.9 has no consumer groups",
                DIR + "enterprise-keys.yaml:13:9: services[0].plugins[0].ordering: 'ordering' needs Kong Enterprise or "
                        + "Konnect; Kong OSS 3.9 has no dynamic plugin ordering",
                DIR + "enterprise-keys.yaml:18:1: filter_chains: 'filter_chains' needs Kong built with WebAssembly "
                        + "(wasm = on); kongsync does not manage filter chains");
        assertThat(run.err()).doesNotContain("unknown field");
    }

    @Test
    void everyProblemInAFileIsReportedAtOnce() {
        CliRun run = CliRun.of("validate", "-s", DIR + "plugin-config.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).containsExactly(
                DIR + "plugin-config.yaml:3:5: plugins[0]: exactly one of these fields must be non-empty: "
                        + "'config.allow', 'config.deny'",
                DIR + "plugin-config.yaml:7:5: plugins[1]: at least one of these fields must be non-empty: "
                        + "'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'",
                "2 problems found; nothing was applied.");
    }

    @Test
    void duplicateNamesAcrossFilesNameBothPlaces() {
        CliRun run = CliRun.of("validate", "-s", DIR + "duplicate-names");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).contains(DIR + "duplicate-names/b.yaml:5:5: services[1]: duplicate service "
                + "'nyan': also defined at " + DIR + "duplicate-names/a.yaml:3:5");
    }

    @Test
    void aCustomPluginIsAcceptedOnlyWhenNamed() {
        assertThat(CliRun.of("validate", "-s", DIR + "unknown-plugin.yaml", "--custom-plugin", "rate-limitting")
                .exitCode()).isZero();
    }
}
