package io.kongsync.schema;

import java.util.List;
import java.util.Map;

/** Access control, CORS, bot detection, ACME certificates and sessions (kong-plugins.md 2.8, 2.12, 2.19 to 2.21). */
final class SecurityPluginSchemas {

    private static final List<String> CORS_METHODS =
            List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    private static final Object[] SESSION_HEADERS = {
            "id", "audience", "subject", "timeout", "idling-timeout", "rolling-timeout", "absolute-timeout"};
    private static final List<String> LETS_ENCRYPT_URIS =
            List.of("https://acme-v02.api.letsencrypt.org", "https://acme-staging-v02.api.letsencrypt.org");
    private static final List<String> ACME_RESERVED_NAMESPACES =
            List.of("kong_acme:renew_config:", "kong_acme:renew_last_run", "kong_acme:cert_key:");

    private SecurityPluginSchemas() {
    }

    static List<PluginSchema> all() {
        return List.of(cors(), ipRestriction(), botDetection(), acme(), session());
    }

    static PluginSchema cors() {
        return PluginSchema.of("cors",
                        Field.array("origins", Field.string().check(v -> v instanceof String s && !s.equals("*")
                                && Typedefs.regexError(s) != null ? "'" + s + "' is not a valid regex" : null)),
                        Field.array("headers", Field.string()),
                        Field.array("exposed_headers", Field.string()),
                        Field.array("methods", Field.string().oneOf(CORS_METHODS.toArray())).def(CORS_METHODS),
                        Field.number("max_age"),
                        Field.bool("credentials").required().def(false),
                        Field.bool("private_network").required().def(false),
                        Field.bool("preflight_continue").required().def(false))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }

    static PluginSchema ipRestriction() {
        return PluginSchema.of("ip-restriction",
                        Field.array("allow", Field.string().check(Typedefs.IP_OR_CIDR)),
                        Field.array("deny", Field.string().check(Typedefs.IP_OR_CIDR)),
                        Field.number("status"),
                        Field.string("message"))
                .protocols(List.of("http", "https", "tcp", "tls", "grpc", "grpcs"), PluginSchema.ALL_PROTOCOLS)
                .check(EntityChecks.atLeastOneOf("config.allow", "config.deny"));
    }

    static PluginSchema botDetection() {
        return PluginSchema.of("bot-detection",
                        Field.array("allow", Field.string().check(Typedefs.REGEX)).def(List.of()),
                        Field.array("deny", Field.string().check(Typedefs.REGEX)).def(List.of()))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }

    static PluginSchema acme() {
        Field extraOptions = Field.record("extra_options",
                Field.string("namespace").required().def("").lenMin(0).check(v -> v instanceof String s
                        && ACME_RESERVED_NAMESPACES.stream().anyMatch(s::startsWith)
                        ? "namespace can't be prefixed with reserved word: " + s : null),
                Field.number("scan_count").def(10));
        return PluginSchema.of("acme",
                        // Kong's pattern is an unanchored Lua match: in effect, the value must contain an "@"
                        Field.string("account_email").required().check(Checks.matches(".*@.*")).secret(),
                        Field.record("account_key",
                                Field.string("key_id").required(),
                                Field.string("key_set")).nullable(),
                        Field.string("api_uri").def("https://acme-v02.api.letsencrypt.org/directory").check(Typedefs.URL),
                        Field.bool("tos_accepted").def(false),
                        Field.string("eab_kid").secret(),
                        Field.string("eab_hmac_key").secret(),
                        Field.string("cert_type").def("rsa").oneOf("rsa", "ecc"),
                        Field.number("rsa_key_size").def(4096).oneOf(2048, 3072, 4096),
                        Field.number("renew_threshold_days").def(14),
                        Field.array("domains", Field.string().check(Typedefs.HOSTS_ELEMENT)),
                        Field.bool("allow_any_domain").def(false),
                        Field.number("fail_backoff_minutes").def(5),
                        Field.string("storage").def("shm").oneOf("kong", "shm", "redis", "consul", "vault"),
                        Field.record("storage_config",
                                Field.record("shm", Field.string("shm_name").def("kong")),
                                Field.record("kong"),
                                SharedRecords.redis(extraOptions),
                                Field.record("consul",
                                        Field.bool("https").def(false),
                                        Field.string("host").check(Typedefs.HOST),
                                        Field.integer("port").between(0, 65535),
                                        Field.string("kv_path"),
                                        Field.number("timeout"),
                                        Field.string("token").secret()),
                                Field.record("vault",
                                        Field.bool("https").def(false),
                                        Field.string("host").check(Typedefs.HOST),
                                        Field.integer("port").between(0, 65535),
                                        Field.string("kv_path"),
                                        Field.number("timeout"),
                                        Field.string("token").secret(),
                                        Field.bool("tls_verify").def(true),
                                        Field.string("tls_server_name"),
                                        Field.string("auth_method").def("token").oneOf("token", "kubernetes"),
                                        Field.string("auth_path"),
                                        Field.string("auth_role"),
                                        Field.string("jwt_path"))),
                        Field.string("preferred_chain"),
                        Field.bool("enable_ipv4_common_name").def(true))
                .scope(PluginSchema.Scope.GLOBAL_ONLY)
                .check(SecurityPluginSchemas::letsEncryptTermsAccepted)
                .check(EntityChecks.requiredWhen("config.storage", "redis", "config.storage_config.redis.host"))
                .check(EntityChecks.requiredWhen("config.storage", "redis", "config.storage_config.redis.port"))
                .shorthands(
                        Shorthand.echoed("storage_config.redis.auth", "storage_config.redis.password"),
                        Shorthand.echoed("storage_config.redis.ssl_server_name", "storage_config.redis.server_name"),
                        Shorthand.echoed("storage_config.redis.namespace", "storage_config.redis.extra_options.namespace"),
                        Shorthand.echoed("storage_config.redis.scan_count", "storage_config.redis.extra_options.scan_count"));
    }

    /** Only the two exact Let's Encrypt URIs trigger it; the default URI ends in /directory and does not. */
    private static List<FieldError> letsEncryptTermsAccepted(Map<String, Object> plugin) {
        Object uri = EntityChecks.get(plugin, "config.api_uri");
        if (LETS_ENCRYPT_URIS.contains(uri) && !Boolean.TRUE.equals(EntityChecks.get(plugin, "config.tos_accepted"))) {
            return List.of(
                    new FieldError(FieldError.ENTITY, "terms of service must be accepted, see https://letsencrypt.org/repository/"),
                    new FieldError("config.tos_accepted", "value must be true"));
        }
        return List.of();
    }

    static PluginSchema session() {
        return PluginSchema.of("session",
                        // Kong fills a random secret when the schema loads: never compare it unless the files set it
                        Field.string("secret").auto().secret(),
                        Field.string("storage").def("cookie").oneOf("cookie", "kong"),
                        Field.string("audience").def("default"),
                        Field.number("idling_timeout").def(900),
                        Field.number("rolling_timeout").def(3600),
                        Field.number("absolute_timeout").def(86400),
                        Field.number("stale_ttl").def(10),
                        Field.string("cookie_name").def("session"),
                        Field.string("cookie_path").def("/"),
                        Field.string("cookie_domain"),
                        Field.string("cookie_same_site").def("Strict").oneOf("Strict", "Lax", "None", "Default"),
                        Field.bool("cookie_http_only").def(true),
                        Field.bool("cookie_secure").def(true),
                        Field.bool("remember").def(false),
                        Field.string("remember_cookie_name").def("remember"),
                        Field.number("remember_rolling_timeout").def(604800),
                        Field.number("remember_absolute_timeout").def(2592000),
                        Field.set("response_headers", Field.string().oneOf(SESSION_HEADERS)),
                        Field.set("request_headers", Field.string().oneOf(SESSION_HEADERS)),
                        Field.bool("read_body_for_logout").def(false),
                        Field.set("logout_methods", Field.string().oneOf("GET", "POST", "DELETE")).def(List.of("POST", "DELETE")),
                        Field.string("logout_query_arg").def("session_logout"),
                        Field.string("logout_post_arg").def("session_logout"))
                .anyProtocol()
                .scope(PluginSchema.Scope.NO_CONSUMER)
                .shorthands(
                        Shorthand.inputOnly("cookie_lifetime", "rolling_timeout"),
                        Shorthand.inputOnly("cookie_idletime", "idling_timeout", v -> v == null ? 0L : v),
                        Shorthand.ignored("cookie_renew"),
                        Shorthand.inputOnly("cookie_discard", "stale_ttl"),
                        Shorthand.inputOnly("cookie_samesite", "cookie_same_site", v -> "off".equals(v) ? "Lax" : v),
                        Shorthand.inputOnly("cookie_httponly", "cookie_http_only"),
                        Shorthand.inputOnly("cookie_persistent", "remember"));
    }
}
