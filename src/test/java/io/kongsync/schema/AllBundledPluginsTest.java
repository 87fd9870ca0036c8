package io.kongsync.schema;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plugins/all-bundled-plugins.yaml}: every plugin bundled with Kong 3.9, configured as a platform team would,
 * is valid through the same path as {@code kongsync validate}; and each plugin family's typical mistakes are
 * reported with their place and Kong's message.
 */
class AllBundledPluginsTest {

    static final String FIXTURE = "src/test/resources/plugins/all-bundled-plugins.yaml";
    private static final String INVALID = "src/test/resources/invalid/plugins/";

    private static List<Entity> plugins;

    @BeforeAll
    static void load() {
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(Path.of(FIXTURE)), StateLoader.Options.defaults());
        assertThat(loaded.diagnostics()).isEmpty();
        plugins = loaded.state().entities().values().stream().filter(e -> e.kind() == EntityKind.PLUGIN).toList();
    }

    @Test
    void theFileIsValidAsTheCliSeesIt() {
        CliRun run = CliRun.of("validate", "-s", FIXTURE);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).endsWith(" valid: 46 entities.\n");
    }

    @Test
    void itHoldsEveryBundledPluginAndNothingElse() {
        assertThat(plugins).extracting(p -> p.field("name"))
                .containsExactlyInAnyOrderElementsOf(Schemas.bundledPlugins());
    }

    static List<String> bundled() {
        return Schemas.bundledPlugins();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void eachPluginIsConfiguredOnceWhereKongAllowsIt(String name) {
        List<Entity> found = plugins.stream().filter(p -> name.equals(p.field("name"))).toList();

        assertThat(found).as(name).hasSize(1);
        Entity plugin = found.get(0);
        assertThat(plugin.field("consumer")).isNull();
        assertThat(plugin.field("route")).isNull();
        if (Schemas.plugin(name).orElseThrow().scope() == PluginSchema.Scope.GLOBAL_ONLY) {
            assertThat(plugin.field("service")).as(name + " is global only").isNull();
        }
        assertThat(plugin.field("config")).as("a realistic config sets something").isNotNull();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("tracing.yaml", List.of(
                        "tracing.yaml:6:7: plugins[0].config.sample_ratio: value should be between 0 and 1",
                        "tracing.yaml:10:5: plugins[1].config: at least one of these fields must be non-empty: "
                                + "'traces_endpoint', 'logs_endpoint'",
                        "tracing.yaml:21:11: services[0].plugins[0].config.http_endpoint: missing host in url",
                        "tracing.yaml:22:11: services[0].plugins[0].config.traceid_byte_count: expected one of: 8, 16",
                        "tracing.yaml:28:11: services[0].plugins[1].config.sampling_rate: value should be between 0 and 1",
                        "tracing.yaml:30:13: services[0].plugins[1].config.propagation.default_format: expected one of: "
                                + "aws, b3, b3-single, datadog, gcp, jaeger, ot, w3c")),
                Arguments.of("metrics.yaml", List.of(
                        // datadog's host is referenceable, but a host names no secret: it is shown
                        "metrics.yaml:5:7: plugins[0].config.host: invalid value: http://datadog-agent.ecs.local:8125",
                        "metrics.yaml:7:11: plugins[0].config.metrics[0].sample_rate: required field missing",
                        "metrics.yaml:7:11: plugins[0].config.metrics[0]: failed conditional validation given value of "
                                + "field 'stat_type'",
                        "metrics.yaml:11:7: plugins[1].config.host: must not have a port",
                        "metrics.yaml:13:11: plugins[1].config.metrics[0].sample_rate: required field missing",
                        "metrics.yaml:13:11: plugins[1].config.metrics[0]: failed conditional validation given value of "
                                + "field 'stat_type'",
                        "metrics.yaml:15:11: plugins[1].config.metrics[1].name: expected one of: kong_latency, latency, "
                                + "request_count, request_per_user, request_size, response_size, status_count, "
                                + "status_count_per_user, unique_users, upstream_latency, status_count_per_workspace, "
                                + "status_count_per_user_per_route, shdict_usage",
                        "metrics.yaml:19:7: plugins[2].config.per_consumer_metrics: unknown field")),
                Arguments.of("logging.yaml", List.of(
                        "logging.yaml:7:9: services[0].plugins[0].config.port: required field missing",
                        "logging.yaml:11:11: services[0].plugins[1].config.host: invalid value: udp://logstash.ecs.local",
                        "logging.yaml:12:11: services[0].plugins[1].config.port: value should be between 0 and 65535",
                        "logging.yaml:15:11: services[0].plugins[2].config.http_endpoint: missing host in url",
                        "logging.yaml:18:11: services[0].plugins[3].config.path: not a valid filename",
                        "logging.yaml:21:11: services[0].plugins[4].config.facility: expected one of: auth, authpriv, "
                                + "cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp, local0, local1, local2, "
                                + "local3, local4, local5, local6, local7",
                        "logging.yaml:23:9: services[0].plugins[5].config.key: required field missing")),
                Arguments.of("auth.yaml", List.of(
                        "auth.yaml:5:9: consumers[0].plugins[0].consumer: value must be null",
                        "auth.yaml:11:9: services[0].plugins[0].config: 'ldaps' and 'start_tls' cannot be enabled "
                                + "simultaneously",
                        "auth.yaml:16:11: services[0].plugins[0].config.start_tls: value must be false",
                        "auth.yaml:19:23: services[0].plugins[1].config.key_names[0]: bad header name 'api key', "
                                + "allowed characters are A-Z, a-z, 0-9, '_', and '-'",
                        "auth.yaml:21:9: services[0].plugins[2].config: at least one of these fields must be true: "
                                + "enable_authorization_code, enable_implicit_grant, enable_client_credentials, "
                                + "enable_password_grant",
                        "auth.yaml:23:9: services[0].plugins[3]: failed conditional validation given value of field "
                                + "'config.maximum_expiration'",
                        "auth.yaml:26:11: services[0].plugins[3].config.claims_to_verify: expected to contain: exp")),
                Arguments.of("traffic.yaml", List.of(
                        "traffic.yaml:6:9: services[0].plugins[0]: failed conditional validation given value of field "
                                + "'config.policy'",
                        "traffic.yaml:7:9: services[0].plugins[0].config.redis.host: required field missing",
                        "traffic.yaml:7:9: services[0].plugins[0].config: The limit for hour(100.0) cannot be lower "
                                + "than the limit for minute(600.0)",
                        "traffic.yaml:14:13: services[0].plugins[1].config.limits.video: at least one of these fields "
                                + "must be non-empty: 'second', 'minute', 'hour', 'day', 'month', 'year'",
                        "traffic.yaml:15:15: services[0].plugins[1].config.limits.video.minuet: unknown field",
                        "traffic.yaml:18:11: services[0].plugins[2].config.strategy: expected one of: memory",
                        "traffic.yaml:20:9: services[0].plugins[3].config: message cannot be used with content_type "
                                + "or body",
                        "traffic.yaml:25:18: services[0].plugins[4].config.deny[0]: invalid ip or cidr range: "
                                + "'10.0.0.0/33'",
                        "traffic.yaml:28:21: services[0].plugins[5].config.origins[0]: 'https://(app.example.com' is "
                                + "not a valid regex")),
                Arguments.of("serverless.yaml", List.of(
                        "serverless.yaml:6:9: services[0].plugins[0]: proxy_url scheme must be http",
                        "serverless.yaml:9:11: services[0].plugins[0].config.aws_region: must not have a port",
                        "serverless.yaml:12:9: services[0].plugins[1].config.functionname: required field missing",
                        "serverless.yaml:14:9: services[0].plugins[2]: at least one of these fields must be non-empty: "
                                + "'config.certificate', 'config.rewrite', 'config.access', 'config.header_filter', "
                                + "'config.body_filter', 'config.log'",
                        "serverless.yaml:16:11: services[0].plugins[2].config.functions: unknown field",
                        "serverless.yaml:18:9: services[0].plugins[3]: at least one of these fields must be non-empty: "
                                + "'config.certificate', 'config.rewrite', 'config.access', 'config.header_filter', "
                                + "'config.body_filter', 'config.log'")),
                Arguments.of("ai.yaml", List.of(
                        "ai.yaml:7:9: services[0].plugins[0].config: all or none of these fields must be set: "
                                + "'auth.header_name', 'auth.header_value'",
                        "ai.yaml:14:9: services[0].plugins[1]: 'config.llm.route_type' must be 'llm/v1/chat' for AI "
                                + "transformer plugins",
                        "ai.yaml:18:13: services[0].plugins[1].config.llm.route_type: value must be llm/v1/chat",
                        "ai.yaml:21:9: services[0].plugins[2]: failed conditional validation given value of field "
                                + "'config.match_all_roles'",
                        "ai.yaml:25:11: services[0].plugins[2].config.allow_all_conversation_history: value must be false",
                        "ai.yaml:29:15: services[0].plugins[3].config.templates[0].template: required field missing")),
                Arguments.of("scope-and-shape.yaml", List.of(
                        "scope-and-shape.yaml:6:9: services[0].plugins[0].service: value must be null",
                        "scope-and-shape.yaml:12:11: services[0].plugins[1].config.location: missing host in url",
                        "scope-and-shape.yaml:14:9: services[0].plugins[2].config.secret_v1: required field missing",
                        "scope-and-shape.yaml:19:11: services[0].plugins[3].config.cookie_samesite_policy: unknown field")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachFamilysTypicalMistakesAreReportedWithTheirPlace(String fixture, List<String> expected) {
        CliRun run = CliRun.of("validate", "-s", INVALID + fixture);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1))
                .containsExactlyElementsOf(expected.stream().map(line -> INVALID + line).toList());
        assertThat(lines.get(lines.size() - 1)).isEqualTo(expected.size() + " problems found; nothing was applied.");
    }

    /**
     * Valid in Kong 3.9.1 but refused by the decK-file JSON Schema stage ({@code io.kongsync.validate}, not this
     * package): zipkin's and opentelemetry's {@code propagation} record has a default ({@code default_format} b3 or
     * w3c), so it need not be written; and session's {@code cookie_samesite} shorthand is declared as a plain string,
     * Kong turning {@code off} into {@code Lax}. Kong's rules ({@link KongValidator}) accept both.
     */
    @Test
    void pluginsKongAcceptsAsWrittenAreValid(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kong-accepts.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                plugins:
                  - name: zipkin
                    config:
                      http_endpoint: http://zipkin.ecs.local:9411/api/v2/spans
                  - name: opentelemetry
                    config:
                      traces_endpoint: http://otel-collector.ecs.local:4318/v1/traces
                  - name: session
                    config:
                      secret: change-me-session-secret
                      cookie_samesite: "off"
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void kongsRulesAcceptThosePlugins() {
        KongValidator kong = new KongValidator();
        assertThat(kong.validatePlugin(Schemas.plugin("zipkin").orElseThrow(), Map.of("name", "zipkin",
                "config", Map.of("http_endpoint", "http://zipkin.ecs.local:9411/api/v2/spans")))).isEmpty();
        assertThat(kong.validatePlugin(Schemas.plugin("opentelemetry").orElseThrow(), Map.of("name",
                "opentelemetry", "config", Map.of("traces_endpoint", "http://otel:4318/v1/traces")))).isEmpty();
        assertThat(kong.validatePlugin(Schemas.plugin("session").orElseThrow(), Map.of("name", "session",
                "config", Map.of("cookie_samesite", "off")))).isEmpty();
    }
}
