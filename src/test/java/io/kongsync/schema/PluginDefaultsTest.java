package io.kongsync.schema;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Normalizing a plugin with only its required config yields Kong 3.9's documented defaults (kong-plugins.md 2). */
class PluginDefaultsTest {

    private static Map<String, Object> plugin(String name, Map<String, Object> config) {
        return Normalizer.normalizePlugin(Schemas.plugin(name).orElseThrow(), Map.of("name", name, "config", config));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(String name, Map<String, Object> config) {
        return (Map<String, Object>) plugin(name, config).get("config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> record, String key) {
        return (Map<String, Object>) record.get(key);
    }

    @Test
    void everyBundledPluginHasKongsSchemaAndOthersStayUnknown() {
        assertThat(Schemas.bundledPlugins()).hasSize(45).contains("zipkin", "opentelemetry", "ai-proxy", "redirect");
        assertThat(Schemas.plugins().keySet()).containsExactlyElementsOf(Schemas.bundledPlugins());
        assertThat(Schemas.plugin("zipkin")).isPresent();
        assertThat(Schemas.plugin("my-custom-plugin")).isEmpty();
    }

    @Test
    void pluginEntityDefaults() {
        Map<String, Object> p = plugin("basic-auth", Map.of());
        assertThat(p).contains(entry("enabled", true), entry("protocols", List.of("grpc", "grpcs", "http", "https")),
                entry("service", null), entry("tags", null));
        assertThat(p).doesNotContainKeys("id", "created_at", "updated_at");
        assertThat(plugin("ip-restriction", Map.of("allow", List.of("10.0.0.0/8"))).get("protocols"))
                .isEqualTo(List.of("grpc", "grpcs", "http", "https", "tcp", "tls"));
    }

    @Test
    void authPlugins() {
        assertThat(config("key-auth", Map.of())).contains(entry("key_names", List.of("apikey")),
                entry("hide_credentials", false), entry("key_in_body", false), entry("run_on_preflight", true),
                entry("realm", null));
        assertThat(config("basic-auth", Map.of())).contains(entry("realm", "service"), entry("anonymous", null));
        assertThat(config("jwt", Map.of())).contains(entry("uri_param_names", List.of("jwt")),
                entry("cookie_names", List.of()), entry("key_claim_name", "iss"), entry("claims_to_verify", null),
                entry("maximum_expiration", 0L), entry("header_names", List.of("authorization")));
        assertThat(config("acl", Map.of("allow", List.of("admins")))).contains(entry("deny", null),
                entry("hide_groups_header", false), entry("always_use_authenticated_groups", false));
        assertThat(config("hmac-auth", Map.of())).contains(entry("clock_skew", 300L), entry("enforce_headers", List.of()),
                entry("algorithms", List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512")));
    }

    @Test
    void rateLimitingDefaultsAndRedisRecord() {
        Map<String, Object> config = config("rate-limiting", Map.of("minute", 5));
        assertThat(config).contains(entry("minute", 5L), entry("second", null), entry("limit_by", "consumer"),
                entry("policy", "local"), entry("fault_tolerant", true), entry("hide_client_headers", false),
                entry("error_code", 429L), entry("error_message", "API rate limit exceeded"), entry("sync_rate", -1L));
        assertThat(sub(config, "redis")).containsExactly(entry("host", null), entry("port", 6379L),
                entry("timeout", 2000L), entry("username", null), entry("password", null), entry("database", 0L),
                entry("ssl", false), entry("ssl_verify", false), entry("server_name", null));
        assertThat(config).doesNotContainKey("redis_host");
    }

    @Test
    void rateLimitingEchoedRedisShorthandsFoldIntoRedis() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("minute", 5);
        input.put("redis_host", "redis.internal");
        input.put("redis_port", 6380);
        input.put("redis_password", "s3cret");
        input.put("redis_ssl", true);
        input.put("redis_database", 2);
        input.put("redis_timeout", 1000);
        input.put("redis_username", null);
        input.put("redis_ssl_verify", false);
        input.put("redis_server_name", null);
        Map<String, Object> config = config("rate-limiting", input);
        assertThat(sub(config, "redis")).contains(entry("host", "redis.internal"), entry("port", 6380L),
                entry("password", "s3cret"), entry("ssl", true), entry("database", 2L), entry("timeout", 1000L));
        assertThat(config.keySet()).noneMatch(k -> k.startsWith("redis_"));
    }

    @Test
    void deprecatedShorthandLosesToTheNewField() {
        Map<String, Object> config = config("response-ratelimiting", Map.of(
                "limits", Map.of("sms", Map.of("minute", 10)),
                "redis_host", "old", "redis", Map.of("host", "new")));
        assertThat(sub(config, "redis")).containsEntry("host", "new");
        assertThat(config).contains(entry("header_name", "x-kong-limit"), entry("block_on_first_violation", false));
        assertThat(sub(sub(config, "limits"), "sms")).contains(entry("minute", 10L), entry("hour", null));
    }

    @Test
    void transformPlugins() {
        assertThat(config("correlation-id", Map.of())).contains(entry("header_name", "Kong-Request-ID"),
                entry("generator", "uuid#counter"), entry("echo_downstream", false));
        Map<String, Object> request = config("request-transformer", Map.of());
        assertThat(request).containsEntry("http_method", null);
        assertThat(sub(request, "replace")).contains(entry("body", List.of()), entry("uri", null));
        assertThat(sub(request, "append")).containsOnlyKeys("body", "headers", "querystring");
        Map<String, Object> response = config("response-transformer", Map.of());
        assertThat(sub(response, "add")).contains(entry("json", List.of()), entry("json_types", List.of()));
        assertThat(sub(response, "rename")).containsOnlyKeys("json", "headers");
    }

    @Test
    void trafficPlugins() {
        assertThat(config("request-size-limiting", Map.of())).contains(entry("allowed_payload_size", 128L),
                entry("size_unit", "megabytes"), entry("require_content_length", false));
        assertThat(config("request-termination", Map.of())).contains(entry("status_code", 503L), entry("echo", false),
                entry("message", null), entry("trigger", null));
        Map<String, Object> cache = config("proxy-cache", Map.of("strategy", "memory"));
        assertThat(cache).contains(entry("response_code", List.of(200L, 301L, 404L)),
                entry("request_method", List.of("GET", "HEAD")),
                entry("content_type", List.of("text/plain", "application/json")), entry("cache_ttl", 300L),
                entry("cache_control", false), entry("storage_ttl", null));
        assertThat(sub(cache, "memory")).containsEntry("dictionary_name", "kong_db_cache");
        assertThat(sub(cache, "response_headers")).contains(entry("age", true), entry("X-Cache-Status", true),
                entry("X-Cache-Key", true));
    }

    @Test
    void securityPlugins() {
        assertThat(config("cors", Map.of())).contains(entry("origins", null), entry("credentials", false),
                entry("private_network", false), entry("methods",
                        List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT")));
        assertThat(config("ip-restriction", Map.of("deny", List.of("1.2.3.4")))).contains(entry("allow", null),
                entry("status", null), entry("message", null));
        assertThat(config("bot-detection", Map.of())).contains(entry("allow", List.of()), entry("deny", List.of()));
    }

    @Test
    void acmeDefaultsAndShorthands() {
        Map<String, Object> config = config("acme", Map.of("account_email", "ops@example.com",
                "storage_config", Map.of("redis", Map.of("auth", "pw", "namespace", "ns"))));
        assertThat(config).contains(entry("api_uri", "https://acme-v02.api.letsencrypt.org/directory"),
                entry("account_key", null), entry("tos_accepted", false), entry("cert_type", "rsa"),
                entry("rsa_key_size", 4096L), entry("renew_threshold_days", 14L), entry("storage", "shm"),
                entry("fail_backoff_minutes", 5L), entry("enable_ipv4_common_name", true));
        Map<String, Object> storage = sub(config, "storage_config");
        assertThat(sub(storage, "shm")).containsEntry("shm_name", "kong");
        assertThat(sub(storage, "kong")).isEmpty();
        Map<String, Object> redis = sub(storage, "redis");
        assertThat(redis).containsEntry("password", "pw").doesNotContainKeys("auth", "namespace");
        assertThat(sub(redis, "extra_options")).contains(entry("namespace", "ns"), entry("scan_count", 10L));
        assertThat(sub(storage, "vault")).contains(entry("tls_verify", true), entry("auth_method", "token"));
    }

    @Test
    void sessionDefaultsAndInputOnlyShorthands() {
        Map<String, Object> config = config("session", Map.of());
        assertThat(config).doesNotContainKey("secret");
        assertThat(config).contains(entry("storage", "cookie"), entry("idling_timeout", 900L),
                entry("rolling_timeout", 3600L), entry("cookie_same_site", "Strict"),
                entry("logout_methods", List.of("DELETE", "POST")), entry("remember_absolute_timeout", 2592000L));
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("cookie_lifetime", 60);
        legacy.put("cookie_samesite", "off");
        legacy.put("cookie_idletime", null);
        legacy.put("cookie_renew", 600);
        assertThat(config("session", legacy)).contains(entry("rolling_timeout", 60L),
                entry("cookie_same_site", "Lax"), entry("idling_timeout", 0L)).doesNotContainKey("cookie_renew");
    }

    @Test
    void loggingPlugins() {
        assertThat(config("prometheus", Map.of())).contains(entry("per_consumer", false), entry("ai_metrics", false),
                entry("upstream_health_metrics", false));
        assertThat(config("file-log", Map.of("path", "/tmp/kong.log"))).contains(entry("reopen", false),
                entry("custom_fields_by_lua", null));
        Map<String, Object> http = config("http-log", Map.of("http_endpoint", "http://logs.internal"));
        assertThat(http).contains(entry("method", "POST"), entry("content_type", "application/json"),
                entry("timeout", 10000L), entry("keepalive", 60000L), entry("retry_count", null), entry("headers", null));
        assertThat(sub(http, "queue")).containsExactly(entry("max_batch_size", 1L), entry("max_coalescing_delay", 1L),
                entry("max_entries", 10000L), entry("max_bytes", null), entry("max_retry_time", 60L),
                entry("initial_retry_delay", 0.01), entry("max_retry_delay", 60L), entry("concurrency_limit", 1L));
    }
}
