package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.schema.RouterFlavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Expressions routes: checked, planned and synced for the router flavor of the Kong they are for. */
class RouterFlavorCliTest {

    private static final String FILES = """
            _format_version: "3.0"
            services:
              - name: nyan
                host: nyan.ecs.local
                routes:
                  - name: nyan-api
                    expression: 'http.host == "nyan.mydomain.com" && http.path ^= "/api"'
                    priority: 100
            """;

    @TempDir
    Path dir;

    @Test
    void anExpressionsRouteSyncsToAnExpressionsKongAndReplansEmpty() throws IOException {
        Path files = write(FILES);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withRouterFlavor(RouterFlavor.EXPRESSIONS))) {
            String url = kong.url().toString();
            CliRun sync = CliRun.of("sync", "-s", files.toString(), "--kong-addr", url);
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);

            CliRun diff = CliRun.of("diff", "-s", files.toString(), "--kong-addr", url, "--detailed-exitcode");
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
            assertThat(diff.out()).contains("No changes");
        }
    }

    @Test
    void traditionalRoutesBesideAnExpressionsRouteConvergeOnAnExpressionsKongWhichEchoesPriorityZero()
            throws IOException {
        Path files = write(FILES + """
                      - name: nyan-web
                        paths: [/web]
                      - name: nyan-low
                        expression: 'http.path == "/low"'
                        priority: 0
                """);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withRouterFlavor(RouterFlavor.EXPRESSIONS))) {
            String url = kong.url().toString();
            CliRun sync = CliRun.of("sync", "-s", files.toString(), "--kong-addr", url);
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);

            CliRun diff = CliRun.of("diff", "-s", files.toString(), "--kong-addr", url, "--detailed-exitcode");
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
            assertThat(CliRun.of("dump", "--kong-addr", url).out()).as("the dump leaves Kong's defaults out")
                    .doesNotContain("priority: 0").contains("priority: 100");
        }
    }

    @Test
    void traditionalRoutesAreSentWithoutTheExpressionsFieldsAKongOfTheDefaultFlavorDoesNotKnow() throws IOException {
        Path files = write("""
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    routes:
                      - name: nyan-web
                        paths: [/web]
                """);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            CliRun sync = CliRun.of("sync", "-s", files.toString(), "--kong-addr", kong.url().toString());
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void pathSegmentRangesOfAnyLengthAreCheckedWithoutCrashing() throws IOException {
        Path wide = write(FILES.replace("http.path ^= \"/api\"",
                "http.path.segments.0_99999999999999999999 == \"a\""));
        Path backwards = dir.resolve("backwards.yaml");
        Files.writeString(backwards, FILES.replace("http.path ^= \"/api\"", "http.path.segments.5_3 == \"a\""));

        CliRun ok = CliRun.of("validate", "-s", wide.toString(), "--router-flavor", "expressions");
        CliRun refused = CliRun.of("validate", "-s", backwards.toString(), "--router-flavor", "expressions");

        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("services[0].routes[0]").contains("Router Expression failed validation");
    }

    @Test
    void anExpressionsRouteIsRefusedBeforeAnythingIsWrittenToATraditionalCompatibleKong() throws IOException {
        Path files = write(FILES);
        try (Sandbox kong = Sandbox.start(SandboxOptions.defaults())) {
            CliRun sync = CliRun.of("sync", "-s", files.toString(), "--kong-addr", kong.url().toString());

            assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(sync.out() + sync.err()).contains("services[0].routes[0].expression: unknown field: a route has "
                    + "'expression' only when Kong runs with router_flavor = expressions; checked for router_flavor = "
                    + "traditional_compatible (what the Kong at " + kong.url());
            CliRun dump = CliRun.of("dump", "--kong-addr", kong.url().toString());
            assertThat(dump.out()).doesNotContain("nyan");
        }
    }

    @Test
    void offlineTheRouteValidatesOnlyWithTheExpressionsFlavor() throws IOException {
        Path files = write(FILES);

        CliRun expressions = CliRun.of("validate", "-s", files.toString(), "--router-flavor", "expressions");
        CliRun byDefault = CliRun.of("validate", "-s", files.toString());
        CliRun traditional = CliRun.of("validate", "-s", files.toString(), "--router-flavor", "traditional");

        assertThat(expressions.exitCode()).as(expressions.err()).isEqualTo(ExitCodes.OK);
        assertThat(byDefault.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(byDefault.err()).contains("services[0].routes[0].expression: unknown field: a route has "
                + "'expression' only when Kong runs with router_flavor = expressions; checked for router_flavor = "
                + "traditional_compatible (Kong's default; pass --router-flavor expressions");
        assertThat(byDefault.err()).contains("services[0].routes[0].priority: unknown field");
        assertThat(traditional.err()).contains("checked for router_flavor = traditional (as --router-flavor says)");
    }

    @Test
    void offlineTheExpressionsFlavorStillKeepsAnExpressionApartFromPaths() throws IOException {
        Path files = write(FILES.replace("priority: 100", "paths: [/api]"));

        CliRun run = CliRun.of("validate", "-s", files.toString(), "--router-flavor", "expressions");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("Router Expression failed validation: cannot set 'expression' with 'methods', "
                + "'hosts', 'paths', 'headers', 'snis', 'sources' or 'destinations' simultaneously");
    }

    @Test
    void anUnknownFlavorIsRefusedNamingKongsFlavors() throws IOException {
        CliRun run = CliRun.of("validate", "-s", write(FILES).toString(), "--router-flavor", "atc");

        assertThat(run.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("unknown router flavor 'atc'; Kong 3.9 has traditional, "
                + "traditional_compatible, expressions");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("nyan.yaml");
        Files.writeString(file, content);
        return file;
    }
}
