package io.kongsync.schema;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kong 3.9.1 checks fields that share one Lua table with another field (a typedef such as {@code typedefs.host} named
 * without a call, ip-restriction's {@code allow} and {@code deny} elements, pre-function's phases) exactly like that
 * other field; and it compares a deprecated shorthand with its new field only when the deprecation names the
 * replacement.
 */
class SharedKongValidatorsTest {

    private final KongValidator validator = new KongValidator();

    private List<FieldError> plugin(String name, Map<String, Object> config) {
        Map<String, Object> entity = new HashMap<>();
        entity.put("name", name);
        entity.put("config", config);
        return validator.validatePlugin(Schemas.plugin(name).orElseThrow(), entity);
    }

    private static FieldError error(String path, String message) {
        return new FieldError(path, message);
    }

    @Test
    void ipRestrictionDenyElementsAreIpsOrCidrsLikeAllow() {
        assertThat(plugin("ip-restriction", Map.of("deny", List.of("10.0.0.0/33"))))
                .containsExactly(error("config.deny[0]", "invalid ip or cidr range: '10.0.0.0/33'"));
        assertThat(plugin("ip-restriction", Map.of("deny", List.of("10.0.0.0/8", "2001:db8::/32")))).isEmpty();
    }

    @Test
    void awsLambdaHostIsAHostAndProxyUrlAUrl() {
        assertThat(plugin("aws-lambda", Map.of("function_name", "f", "host", "lambda.internal:443")))
                .containsExactly(error("config.host", "must not have a port"));
        assertThat(plugin("aws-lambda", Map.of("function_name", "f", "proxy_url", "proxy.corp:3128")))
                .containsExactly(error("config.proxy_url", "missing host in url"));
        assertThat(plugin("aws-lambda", Map.of("function_name", "f", "host", "lambda.internal",
                "proxy_url", "http://proxy.corp:3128"))).isEmpty();
    }

    @Test
    void aiTransformersHttpsProxyHostIsAHost() {
        for (String name : List.of("ai-request-transformer", "ai-response-transformer")) {
            Map<String, Object> config = Map.of("prompt", "p", "https_proxy_host", "proxy.corp:3128",
                    "https_proxy_port", 3128,
                    "llm", Map.of("route_type", "llm/v1/chat", "model", Map.of("provider", "openai")));
            assertThat(plugin(name, config)).as(name)
                    .containsExactly(error("config.https_proxy_host", "must not have a port"));
        }
    }

    @Test
    void acmeConsulAndVaultHostsAreHosts() {
        assertThat(plugin("acme", Map.of("account_email", "ops@example.com", "storage", "consul",
                "storage_config", Map.of("consul", Map.of("host", "consul.internal:8500")))))
                .containsExactly(error("config.storage_config.consul.host", "must not have a port"));
        assertThat(plugin("acme", Map.of("account_email", "ops@example.com", "storage", "vault",
                "storage_config", Map.of("vault", Map.of("host", "https://vault.internal")))))
                .containsExactly(error("config.storage_config.vault.host", "invalid value: https://vault.internal"));
    }

    @Test
    void streamRouteDestinationsAreIpsOrCidrsLikeSources() {
        Map<String, Object> route = Map.of("protocols", List.of("tcp"),
                "destinations", List.of(Map.of("ip", "10.0.0.300", "port", 5432)));
        assertThat(validator.validate(Schemas.entity(EntityKind.ROUTE), route))
                .containsExactly(error("destinations[0].ip", "invalid ip or cidr range: '10.0.0.300'"));
    }

    @Test
    void upstreamFallbackHeaderIsAHeaderNameLikeTheHashHeader() {
        Map<String, Object> upstream = Map.of("name", "orders", "hash_on", "header", "hash_on_header", "X-Tenant",
                "hash_fallback", "header", "hash_fallback_header", "X Region");
        assertThat(validator.validate(Schemas.entity(EntityKind.UPSTREAM), upstream)).containsExactly(
                error("hash_fallback_header",
                        "bad header name 'X Region', allowed characters are A-Z, a-z, 0-9, '_', and '-'"));
    }

    @Test
    void aDeprecatedShorthandWithoutANamedReplacementLosesToTheNewFieldWithoutAnError() {
        Map<String, Object> config = Map.of("endpoint", "http://old-collector:4318/v1/traces",
                "traces_endpoint", "http://otel-collector:4318/v1/traces");

        assertThat(plugin("opentelemetry", config)).isEmpty();
        Map<String, Object> normalized = Normalizer.normalizePlugin(Schemas.plugin("opentelemetry").orElseThrow(),
                Map.of("name", "opentelemetry", "config", config));
        assertThat(((Map<?, ?>) normalized.get("config")).get("traces_endpoint"))
                .isEqualTo("http://otel-collector:4318/v1/traces");
    }
}
