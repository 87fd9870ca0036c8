package io.kongsync.e2e;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Files Kong 3.9.1 accepts validate, sync in one go and then plan nothing, in both of Kong's modes. */
class KongAcceptsTest {

    @TempDir
    Path dir;

    private static final String LONG_LABEL = "a".repeat(70);

    private CliRun run(Sandbox kong, String file, String command, String... extra) throws IOException {
        Path routes = dir.resolve("routes");
        Files.createDirectories(routes);
        Files.writeString(routes.resolve("kong.yaml"), file);
        List<String> args = new java.util.ArrayList<>(List.of(command, "-s", routes.toString()));
        if (!command.equals("validate")) {
            args.addAll(List.of("--kong-addr", kong.url().toString()));
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void validatesSyncsOnceAndConverges(boolean dbless, String file) throws IOException {
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            CliRun validate = run(kong, file, "validate");
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(ExitCodes.OK);

            CliRun sync = run(kong, file, "sync");
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
            assertThat(sync.out()).contains("Sync succeeded");

            CliRun diff = run(kong, file, "diff", "--detailed-exitcode");
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
        }
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void aConsistentHashingUpstreamWithoutHashOnConvergesInOneSync(boolean dbless) throws IOException {
        String file = """
                _format_version: "3.0"
                upstreams:
                - name: ring.internal
                  algorithm: consistent-hashing
                """;
        validatesSyncsOnceAndConverges(dbless, file);

        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            run(kong, file, "sync");
            Map<String, Object> upstream = new AdminClient(kong.url()).get("/upstreams/ring.internal").json();
            assertThat(upstream).containsEntry("algorithm", "consistent-hashing").containsEntry("hash_on", "none");
        }
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void targetsWrittenOtherwiseThanKongStoresThemConverge(boolean dbless) throws IOException {
        validatesSyncsOnceAndConverges(dbless, """
                _format_version: "3.0"
                upstreams:
                - name: pool.internal
                  targets:
                  - target: "[2001:DB8::1]:8080"
                  - target: "::2"
                  - target: 010.000.000.007:81
                """);
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void aRegexLikePlainPathIsAcceptedAsKongAcceptsIt(boolean dbless) throws IOException {
        validatesSyncsOnceAndConverges(dbless, """
                _format_version: "3.0"
                services:
                - name: users
                  url: http://users.internal:8080
                  routes:
                  - name: user-by-id
                    paths:
                    - /users/\\d+
                  - name: user-by-named-group
                    paths:
                    - ~/accounts/(?<account_id>\\d+)$
                """);
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void aDnsLabelOfSeventyCharactersIsAcceptedAsKongAcceptsIt(boolean dbless) throws IOException {
        validatesSyncsOnceAndConverges(dbless, """
                _format_version: "3.0"
                services:
                - name: long-host
                  host: %s.internal
                  routes:
                  - name: long-host-route
                    hosts:
                    - %s.example.test
                    - "*.%s.example.test"
                upstreams:
                - name: %s.upstream
                  host_header: %s.example.test:8443
                  targets:
                  - target: %s.backend:8080
                """.formatted(LONG_LABEL, LONG_LABEL, LONG_LABEL, LONG_LABEL, LONG_LABEL, LONG_LABEL));
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void aCertificateWithNeitherSnisNorAnIdIsIdentifiedByItsContentAndConverges(boolean dbless) throws IOException {
        String cert = Files.readString(Path.of("src/test/resources/certs/leaf-rsa.crt")).strip();
        String key = Files.readString(Path.of("src/test/resources/certs/leaf-rsa.key")).strip();
        String file = """
                _format_version: "3.0"
                certificates:
                - cert: |
                %s
                  key: |
                %s
                """.formatted(cert.indent(4).stripTrailing(), key.indent(4).stripTrailing());
        validatesSyncsOnceAndConverges(dbless, file);

        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            run(kong, file, "sync");
            run(kong, file, "sync");
            assertThat(new AdminClient(kong.url()).get("/certificates").data()).as("one certificate, not one per sync")
                    .hasSize(1);
        }
    }

    @ParameterizedTest(name = "dbless={0}")
    @ValueSource(booleans = {false, true})
    void nullFieldsAndYamlOneDotOneBooleansAreReadAsDeckReadsThem(boolean dbless) throws IOException {
        String file = """
                _format_version: "3.0"
                services:
                - name: s1
                  host: example.com
                  protocol: null
                  port: null
                  enabled: yes
                  routes:
                  - name: r1
                    paths: [/a]
                    strip_path: off
                    preserve_host: on
                    protocols: null
                    plugins:
                    - name: key-auth
                      config:
                        hide_credentials: Yes
                """;
        validatesSyncsOnceAndConverges(dbless, file);

        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless))) {
            run(kong, file, "sync");
            AdminClient admin = new AdminClient(kong.url());
            assertThat(admin.get("/services/s1").json()).containsEntry("protocol", "http").containsEntry("port", 80)
                    .containsEntry("enabled", true);
            assertThat(admin.get("/routes/r1").json()).containsEntry("strip_path", false)
                    .containsEntry("preserve_host", true).containsEntry("protocols", List.of("http", "https"));
            assertThat(admin.get("/plugins").data().get(0).get("config").toString()).contains("hide_credentials=true");
        }
    }
}
