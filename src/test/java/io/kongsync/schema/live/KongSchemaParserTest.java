package io.kongsync.schema.live;

import io.kongsync.schema.FieldError;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KongSchemaParserTest {

    private static final PluginSchema RATE_LIMITING =
            KongSchemaParser.parsePlugin("rate-limiting", LiveSchemaJson.load("rate-limiting-3.9.json"));
    private static final PluginSchema MY_AUTH = KongSchemaParser.parsePlugin("my-auth", LiveSchemaJson.load("my-auth.json"));

    private static Map<String, Object> normalized(PluginSchema schema, Map<String, Object> config) {
        return Normalizer.normalizePlugin(schema, Map.of("name", schema.name(), "config", config));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(PluginSchema schema, Map<String, Object> config) {
        return (Map<String, Object>) normalized(schema, config).get("config");
    }

    @Test
    void rateLimitingFromKongNormalizesLikeTheCatalogue() {
        PluginSchema bundled = Schemas.plugin("rate-limiting").orElseThrow();
        Map<String, Object> input = Map.of("minute", 5, "policy", "redis", "redis", Map.of("host", "redis.test"));

        assertThat(normalized(RATE_LIMITING, input)).isEqualTo(normalized(bundled, input));
        assertThat(config(RATE_LIMITING, input)).containsEntry("sync_rate", -1L).containsEntry("error_code", 429L)
                .containsEntry("minute", 5L);
    }

    @Test
    void protocolsAndScopeComeFromTheTopLevelFields() {
        assertThat(RATE_LIMITING.protocolsDefault()).containsExactly("grpc", "grpcs", "http", "https");
        assertThat(RATE_LIMITING.protocolsAllowed()).containsExactly("grpc", "grpcs", "http", "https");
        assertThat(RATE_LIMITING.scope()).isEqualTo(PluginSchema.Scope.ANY);

        assertThat(MY_AUTH.protocolsDefault()).containsExactly("http", "https");
        assertThat(MY_AUTH.scope()).isEqualTo(PluginSchema.Scope.NO_CONSUMER);
        assertThat(new KongValidator().validatePlugin(MY_AUTH,
                Map.of("name", "my-auth", "protocols", List.of("tcp"), "config", Map.of("header", "X-Key"))))
                .extracting(FieldError::message).contains("expected one of: http, https");
    }

    @Test
    void globalOnlyWhenServiceRouteAndConsumerAreAllForbidden() {
        String forbidden = "{\"type\": \"foreign\", \"reference\": \"%s\", \"eq\": null}";
        PluginSchema global = KongSchemaParser.parsePlugin("g", LiveSchemaJson.parse("{\"fields\": ["
                + "{\"consumer\": " + forbidden.formatted("consumers") + "},"
                + "{\"service\": " + forbidden.formatted("services") + "},"
                + "{\"route\": " + forbidden.formatted("routes") + "},"
                + "{\"config\": {\"type\": \"record\", \"fields\": []}}]}"));
        PluginSchema unrestricted = KongSchemaParser.parsePlugin("u", LiveSchemaJson.parse(
                "{\"fields\": [{\"consumer\": {\"type\": \"foreign\", \"reference\": \"consumers\"}},"
                        + "{\"config\": {\"type\": \"record\", \"fields\": []}}]}"));

        assertThat(global.scope()).isEqualTo(PluginSchema.Scope.GLOBAL_ONLY);
        assertThat(unrestricted.scope()).isEqualTo(PluginSchema.Scope.ANY);
        assertThat(unrestricted.protocolsAllowed()).isEqualTo(PluginSchema.ALL_PROTOCOLS);
        assertThat(unrestricted.protocolsDefault()).isEqualTo(PluginSchema.DEFAULT_PROTOCOLS);
    }

    @Test
    void customPluginDefaultsAreFilledAsKongWould() {
        Map<String, Object> config = config(MY_AUTH, Map.of("header", "X-Key"));

        assertThat(config).containsEntry("header", "X-Key").containsEntry("timeout", 1000L)
                .containsEntry("hide", false).containsEntry("mode", "strict")
                .containsEntry("cache", Map.of("ttl", 30.5, "strategy", "memory"))
                .containsEntry("tls", null)
                .containsEntry("api_token", null);
        // Kong writes the empty default of a set as {}: it is still an empty set
        assertThat(config.get("scopes")).isEqualTo(List.of());
    }

    @Test
    void encryptedAndReferenceableFieldsAreSecrets() {
        RecordSchema entity = MY_AUTH.entitySchema();
        assertThat(entity.isSecret("config.api_token")).isTrue();
        assertThat(entity.isSecret("config.upstream_headers.Authorization")).isTrue();
        assertThat(entity.isSecret("config.header")).isFalse();

        RecordSchema rateLimiting = RATE_LIMITING.entitySchema();
        assertThat(rateLimiting.isSecret("config.redis.password")).isTrue();
        assertThat(rateLimiting.isSecret("config.redis.username")).isTrue();
        assertThat(rateLimiting.isSecret("config.redis.host")).isFalse();
        // the deprecated shorthand Kong echoes stands for the password
        assertThat(rateLimiting.isSecret("config.redis_password")).isTrue();
    }

    @Test
    void shorthandsWithAPublishedTargetAreTranslated() {
        assertThat(config(RATE_LIMITING, Map.of("minute", 5, "redis_host", "redis.test")).get("redis"))
                .isEqualTo(config(RATE_LIMITING, Map.of("minute", 5, "redis", Map.of("host", "redis.test"))).get("redis"));
    }

    @Test
    void constraintsAndPlainEntityChecksAreKept() {
        KongValidator validator = new KongValidator();
        Map<String, Object> bad = Map.of("name", "my-auth",
                "config", Map.of("timeout", 0, "mode", "loose", "cache", Map.of("ttl", 0.1)));

        assertThat(validator.validatePlugin(MY_AUTH, bad)).containsExactlyInAnyOrder(
                new FieldError("config.header", "required field missing"),
                new FieldError("config.timeout", "value should be between 1 and 60000"),
                new FieldError("config.mode", "expected one of: strict, lenient"),
                new FieldError("config.cache.ttl", "value should be between 0.5 and 3600"));
        assertThat(validator.validatePlugin(RATE_LIMITING, Map.of("name", "rate-limiting", "config", Map.of())))
                .extracting(FieldError::message)
                .contains("at least one of these fields must be non-empty: 'config.second', 'config.minute', "
                        + "'config.hour', 'config.day', 'config.month', 'config.year'");
    }

    @Test
    void unknownTypesBecomeAnyAndUnknownAttributesAreIgnored() {
        PluginSchema parsed = KongSchemaParser.parsePlugin("x", LiveSchemaJson.parse("{\"fields\": [{\"config\": "
                + "{\"type\": \"record\", \"fields\": [{\"blob\": {\"type\": \"json\", \"json_schema\": {}, \"future\": 1}},"
                + "{\"n\": {\"type\": \"integer\", \"default\": 3, \"uuid\": true, \"match\": \"^%d+$\"}}]}}]}"));

        assertThat(parsed.config().field("blob").type()).isEqualTo(FieldType.ANY);
        assertThat(config(parsed, Map.of("blob", Map.of("b", 2, "a", 1.0)))).isEqualTo(
                Map.of("blob", Map.of("a", 1L, "b", 2L), "n", 3L));
    }

    @Test
    void aDocumentWithoutConfigIsACustomPluginAndAMalformedOneIsRejected() {
        assertThat(KongSchemaParser.parsePlugin("bare", LiveSchemaJson.parse("{\"fields\": []}")).isCustom()).isTrue();
        assertThatThrownBy(() -> KongSchemaParser.parsePlugin("bad", LiveSchemaJson.parse("{\"message\": \"Not found\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fields");
        assertThatThrownBy(() -> KongSchemaParser.parsePlugin("bad",
                LiveSchemaJson.parse("{\"fields\": [{\"a\": {\"type\": \"string\"}, \"b\": {}}]}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
