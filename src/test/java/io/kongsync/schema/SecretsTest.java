package io.kongsync.schema;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every secret of kong-plugins.md section 4 and of credentials and certificates is known as one. */
class SecretsTest {

    @ParameterizedTest
    @CsvSource({
            "rate-limiting, config.redis.password",
            "rate-limiting, config.redis_password",
            "rate-limiting, config.redis.username",
            "rate-limiting, config.redis_username",
            "response-ratelimiting, config.redis.password",
            "response-ratelimiting, config.redis_password",
            "response-ratelimiting, config.redis.username",
            "response-ratelimiting, config.redis_username",
            "http-log, config.http_endpoint",
            "http-log, config.headers.Authorization",
            "acme, config.account_email",
            "acme, config.eab_kid",
            "acme, config.eab_hmac_key",
            "acme, config.storage_config.redis.password",
            "acme, config.storage_config.redis.auth",
            "acme, config.storage_config.redis.username",
            "acme, config.storage_config.consul.token",
            "acme, config.storage_config.vault.token",
            "session, config.secret",
            "ai-proxy, config.auth.header_value",
            "ai-proxy, config.auth.gcp_service_account_json",
            "opentelemetry, config.headers.Authorization",
    })
    void pluginSecrets(String plugin, String path) {
        assertThat(Schemas.plugin(plugin).orElseThrow().entitySchema().isSecret(path)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "rate-limiting, config.redis.host",
            "rate-limiting, config.redis_host",
            "http-log, config.method",
            "acme, config.storage_config.redis.extra_options.namespace",
            "key-auth, config.key_names",
            "request-transformer, config.add.headers",
            "session, config.cookie_name",
            "datadog, config.host",
            "opentelemetry, config.traces_endpoint",
            "ai-proxy, config.auth.header_name",
            "ai-proxy, config.auth.param_name",
    })
    void ordinaryFieldsAreNotSecret(String plugin, String path) {
        assertThat(Schemas.plugin(plugin).orElseThrow().entitySchema().isSecret(path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "KEYAUTH_CREDENTIAL, key",
            "BASICAUTH_CREDENTIAL, password",
            "JWT_SECRET, secret",
            "JWT_SECRET, rsa_public_key",
            "CERTIFICATE, key",
            "CERTIFICATE, key_alt",
    })
    void entitySecrets(EntityKind kind, String path) {
        assertThat(Schemas.entity(kind).isSecret(path)).isTrue();
    }

    @Test
    void publicPartsAreNotSecret() {
        assertThat(Schemas.entity(EntityKind.CERTIFICATE).isSecret("cert")).isFalse();
        assertThat(Schemas.entity(EntityKind.BASICAUTH_CREDENTIAL).isSecret("username")).isFalse();
        assertThat(Schemas.entity(EntityKind.JWT_SECRET).isSecret("algorithm")).isFalse();
        assertThat(Schemas.entity(EntityKind.SERVICE).isSecret("host")).isFalse();
    }
}
