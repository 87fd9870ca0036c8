package io.kongsync.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kongsync.aws.AwsWireMock;
import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI with AWS: ssm references resolved through the real SSM client (WireMock speaking SSM's JSON protocol,
 * credentials from the SDK's default chain via system properties), Kong nodes and upstream checks through Cloud Map,
 * syncing into sandboxes.
 */
class AwsCliTest {

    private static final String TOKEN = "tok-9f8e7d6c5b4a";
    private static final String KEY = "mobile-k3y-0123456789abcdef";

    @TempDir
    Path dir;

    private AwsWireMock aws;
    private final List<Sandbox> sandboxes = new ArrayList<>();
    private String previousAccessKey;
    private String previousSecretKey;

    @BeforeEach
    void start() {
        aws = new AwsWireMock();
        aws.parameters(Map.of("/kong/prod/partner/token", TOKEN, "/kong/prod/mobile-app/key", KEY));
        previousAccessKey = System.setProperty("aws.accessKeyId", AwsWireMock.ACCESS_KEY);
        previousSecretKey = System.setProperty("aws.secretAccessKey", AwsWireMock.SECRET_KEY);
    }

    @AfterEach
    void stop() {
        restore("aws.accessKeyId", previousAccessKey);
        restore("aws.secretAccessKey", previousSecretKey);
        sandboxes.forEach(Sandbox::close);
        aws.close();
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    private Sandbox sandbox(boolean dbless) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDbless(dbless));
        sandboxes.add(sandbox);
        return sandbox;
    }

    private Path secretsFile(String keyParameter) throws IOException {
        Path file = dir.resolve("partner.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                  - name: partner
                    url: http://partner.example.com:8080
                    plugins:
                      - name: request-transformer
                        config:
                          add:
                            headers:
                              - 'x-partner-token:${{ ssm "/kong/prod/partner/token" }}'
                consumers:
                  - username: mobile-app
                    keyauth_credentials:
                      - key: ${{ ssm "%s" }}
                """.formatted(keyParameter));
        return file;
    }

    private CliRun run(String command, Path source, Sandbox kong, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-s", source.toString(),
                "--aws-region", AwsWireMock.REGION, "--aws-endpoint", aws.endpoint().toString()));
        if (kong != null) {
            args.addAll(List.of("--kong-addr", kong.url().toString()));
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anSsmSecretArrivesInKongAndInNoReportLogOrOutput() throws IOException {
        Sandbox kong = sandbox(false);
        Path file = secretsFile("/kong/prod/mobile-app/key");
        List<String> shown = new ArrayList<>();

        List<String> logs = capturingLogs(shown, () -> {
            for (String format : List.of("text", "json", "markdown")) {
                CliRun diff = run("diff", file, kong, "-o", format);
                assertThat(diff.exitCode()).as(diff.err()).isEqualTo(ExitCodes.OK);
                assertThat(diff.out()).as(format).contains("(sensitive)");
                shown.add(diff.out());
                shown.add(diff.err());
            }
            CliRun sync = run("sync", file, kong, "-o", "json");
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
            assertThat(sync.out()).contains("\"result\":\"succeeded\"").contains("(sensitive)");
            shown.add(sync.out());
            shown.add(sync.err());
            CliRun text = run("sync", file, kong);
            shown.add(text.out());
            shown.add(text.err());
        });

        AdminClient admin = new AdminClient(kong.url());
        assertThat(admin.get("/consumers/mobile-app/key-auth").data()).extracting(c -> c.get("key"))
                .containsExactly(KEY);
        assertThat(admin.get("/services/partner/plugins").data()).singleElement()
                .satisfies(p -> assertThat(p.get("config").toString()).contains("x-partner-token:" + TOKEN));
        assertThat(shown).isNotEmpty().allSatisfy(out -> assertThat(out).doesNotContain(TOKEN, KEY));
        assertThat(logs).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TOKEN, KEY));
        // both names in one GetParameters call, decrypted, once per command
        assertThat(aws.requests(AwsWireMock.GET_PARAMETERS)).hasSize(5).allSatisfy(r -> {
            assertThat(AwsWireMock.body(r).get("WithDecryption").asBoolean()).isTrue();
            assertThat(AwsWireMock.body(r).get("Names").size()).isEqualTo(2);
        });
    }

    /**
     * Runs {@code cli} with every logger at DEBUG (the CLI's default is INFO) and System.out and System.err captured;
     * returns every log line and adds what was printed to {@code printed}.
     */
    private static List<String> capturingLogs(List<String> printed, Runnable cli) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            cli.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.detachAppender(appender);
            root.setLevel(rootLevel);
            appender.stop();
        }
        printed.add(console.toString(StandardCharsets.UTF_8));
        List<ILoggingEvent> events;
        // a server thread may still be inside doAppend (synchronized on the appender) after the detach
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events) {
            lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        return lines;
    }

    @Test
    void aMissingParameterIsAProblemAtItsFileAndLineAndNothingIsApplied() throws IOException {
        Sandbox kong = sandbox(false);
        Path file = secretsFile("/kong/prod/mobile-app/old-key");

        CliRun sync = run("sync", file, kong);

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.err()).contains(file + ":14:14: consumers[0].keyauth_credentials[0].key: SSM parameter "
                + "/kong/prod/mobile-app/old-key not found").contains("nothing was applied");
        assertThat(sync.err() + sync.out()).doesNotContain(TOKEN);
        assertThat(kong.writeCount()).isZero();
    }

    @Test
    void anAwsFailureIsAClearErrorAndNothingIsApplied() throws IOException {
        Sandbox kong = sandbox(false);
        aws.always(AwsWireMock.GET_PARAMETERS, AwsWireMock.error(400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/kongsync is not authorized to perform: "
                        + "ssm:GetParameters"));

        CliRun sync = run("sync", secretsFile("/kong/prod/mobile-app/key"), kong);

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.err()).contains("template function 'ssm' failed: SSM GetParameters failed: "
                + "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/kongsync is not authorized to "
                + "perform: ssm:GetParameters (HTTP 400)").contains("nothing was applied");
        assertThat(kong.writeCount()).isZero();
    }

    @Test
    void filesWithoutSsmNeverCallAws() {
        CliRun validate = CliRun.of("validate", "-s", "routes", "--aws-endpoint", aws.endpoint().toString());

        assertThat(validate.exitCode()).as(validate.err()).isEqualTo(ExitCodes.OK);
        assertThat(aws.server().getAllServeEvents()).isEmpty();
    }

    // ---- Cloud Map ----------------------------------------------------------------------------------------------

    private void kongAdmin(Sandbox... nodes) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            instances.add(AwsWireMock.instance("i-kong-" + i, nodes[i].url().getHost(), nodes[i].url().getPort()));
        }
        aws.instances("ecs.local", "kong-admin", instances);
    }

    private CliRun discovering(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-s", "routes", "--aws-region", AwsWireMock.REGION,
                "--aws-endpoint", aws.endpoint().toString(), "--kong-discovery-namespace", "ecs.local",
                "--kong-discovery-service", "kong-admin"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void upstreamsHealthy() {
        aws.instances("ecs.local", "nyan", List.of(AwsWireMock.instance("i-nyan", "10.0.1.5", 80)));
        aws.instances("ecs.local", "orders", List.of(AwsWireMock.instance("i-orders", "10.0.1.6", 8080)));
        paymentsHealthy();
    }

    private void paymentsHealthy() {
        aws.instances("ecs.local", "payments-blue", List.of(AwsWireMock.instance("i-blue", "10.0.2.5", 8080)));
        aws.instances("ecs.local", "payments-green", List.of(AwsWireMock.instance("i-green", "10.0.2.6", 8080)));
    }

    @Test
    void everyDblessNodeFoundInCloudMapGetsTheConfiguration() {
        Sandbox first = sandbox(true);
        Sandbox second = sandbox(true);
        kongAdmin(first, second);
        upstreamsHealthy();

        CliRun sync = discovering("sync", "-o", "json");

        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = JsonMapper.builder().build().readTree(sync.out());
        assertThat(report.get("nodes")).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("result").asString()).isEqualTo("succeeded");
            assertThat(n.get("config_hash").asString()).hasSize(32);
        });
        assertThat(report.get("nodes").get(0).get("config_hash"))
                .isEqualTo(report.get("nodes").get(1).get("config_hash"));
        assertThat(report.get("plan").get("warnings")).isEmpty();
        for (Sandbox node : List.of(first, second)) {
            assertThat(new AdminClient(node.url()).get("/services/nyan").status()).isEqualTo(200);
        }
        CliRun diff = discovering("diff", "--detailed-exitcode");
        assertThat(diff.exitCode()).as(diff.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void upstreamsCloudMapCannotServeAreWarningsThatBlockOnlyWithStrict() {
        Sandbox kong = sandbox(false);
        kongAdmin(kong);
        aws.instances("ecs.local", "nyan", List.of(AwsWireMock.instance("i-nyan", "10.0.1.5", 80)));
        aws.instances("ecs.local", "orders", List.of());
        paymentsHealthy();
        String warning = "routes/orders-api.yaml:7:5: services[0]: host orders.ecs.local: Cloud Map service orders "
                + "in namespace ecs.local has no healthy instance";

        CliRun strict = discovering("sync", "--strict");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(strict.err()).contains("warning: " + warning)
                .contains("1 warning and --strict: nothing was applied.");
        assertThat(kong.writeCount()).isZero();

        CliRun validate = discovering("validate");
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(validate.err()).contains("warning: " + warning);
        assertThat(discovering("validate", "--strict").exitCode()).isEqualTo(ExitCodes.ERROR);

        CliRun markdown = discovering("diff", "-o", "markdown");
        assertThat(markdown.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(markdown.out()).contains("### Warnings").contains("<li>" + warning + "</li>");
        assertThat(discovering("diff", "--strict").exitCode()).isEqualTo(ExitCodes.ERROR);

        CliRun sync = discovering("sync");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("Warnings:\n  " + warning).contains("Sync succeeded");
    }

    @Test
    void noHealthyKongNodeIsAClearError() {
        aws.instances("ecs.local", "kong-admin", List.of());
        upstreamsHealthy();

        CliRun sync = discovering("sync");

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.err()).contains("error: no Kong admin nodes: Cloud Map service kong-admin in namespace "
                + "ecs.local has no healthy instance");
    }

    @Test
    void discoveryAndAnAddressTogetherAreAUsageError() {
        CliRun sync = discovering("sync", "--kong-addr", "http://127.0.0.1:8001");

        assertThat(sync.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(sync.err()).contains("give either --kong-addr or --kong-discovery-service, not both");
    }
}
