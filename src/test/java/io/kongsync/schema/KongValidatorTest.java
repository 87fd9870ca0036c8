package io.kongsync.schema;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KongValidatorTest {

    private final KongValidator validator = new KongValidator();

    private List<FieldError> entity(EntityKind kind, Map<String, Object> input) {
        return validator.validate(Schemas.entity(kind), input);
    }

    private List<FieldError> plugin(String name, Map<String, Object> config) {
        return plugin(name, config, Map.of());
    }

    private List<FieldError> plugin(String name, Map<String, Object> config, Map<String, Object> extra) {
        Map<String, Object> entity = new HashMap<>(extra);
        entity.put("name", name);
        entity.put("config", config);
        return validator.validatePlugin(Schemas.plugin(name).orElseThrow(), entity);
    }

    private static FieldError error(String path, String message) {
        return new FieldError(path, message);
    }

    @Test
    void validInputsPass() {
        assertThat(entity(EntityKind.SERVICE, Map.of("name", "nyan", "host", "example.com", "path", "/api"))).isEmpty();
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/users", "~/users/\\d+$"),
                "hosts", List.of("*.example.com"), "methods", List.of("GET")))).isEmpty();
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "hour", 100.0))).isEmpty();
        assertThat(plugin("acme", Map.of("account_email", "ops@example.com"))).isEmpty();
    }

    @Test
    void unknownFieldsAtEveryLevel() {
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "colour", "blue")))
                .containsExactly(error("colour", "unknown field"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "redis", Map.of("hots", "x"))))
                .containsExactly(error("config.redis.hots", "unknown field"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "redis_host", "redis.internal"))).isEmpty();
    }

    @Test
    void requiredFields() {
        assertThat(entity(EntityKind.SERVICE, Map.of())).containsExactly(error("host", "required field missing"));
        Map<String, Object> nullPort = new HashMap<>(Map.of("host", "h"));
        nullPort.put("port", null);
        assertThat(entity(EntityKind.SERVICE, nullPort)).containsExactly(error("port", "required field missing"));
        assertThat(plugin("file-log", Map.of())).containsExactly(error("config.path", "required field missing"));
        Map<String, Object> nullRecord = new HashMap<>(Map.of("minute", 5));
        nullRecord.put("redis", null);
        assertThat(plugin("rate-limiting", nullRecord)).containsExactly(error("config.redis", "required field missing"));
    }

    @Test
    void typeErrors() {
        assertThat(entity(EntityKind.SERVICE, Map.of("host", 5))).containsExactly(error("host", "expected a string"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "port", 80.5)))
                .containsExactly(error("port", "expected an integer"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "port", 80.0))).isEmpty();
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "enabled", "yes")))
                .containsExactly(error("enabled", "expected a boolean"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", "/a"))).contains(error("paths", "expected an array"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a"), "methods", "GET")))
                .containsExactly(error("methods", "expected a set"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a"), "headers", List.of("x"))))
                .containsExactly(error("headers", "expected a map"));
        assertThat(plugin("rate-limiting", Map.of("minute", "five"))).contains(error("config.minute", "expected a number"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "redis", "localhost")))
                .containsExactly(error("config.redis", "expected a record"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "")))
                .containsExactly(error("host", "length must be at least 1"));
    }

    @Test
    void rangesAndEnumerations() {
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "port", 70000)))
                .containsExactly(error("port", "value should be between 0 and 65535"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "protocol", "ftp"))).containsExactly(error("protocol",
                "expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"));
        assertThat(plugin("rate-limiting", Map.of("minute", 0)))
                .containsExactly(error("config.minute", "value must be greater than 0"));
        assertThat(plugin("key-auth", Map.of(), Map.of("protocols", List.of("http", "tcp"))))
                .containsExactly(error("protocols[1]", "expected one of: grpc, grpcs, http, https"));
    }

    @Test
    void elementAndMapValuePaths() {
        assertThat(plugin("key-auth", Map.of("key_names", List.of("apikey", "bad name")))).containsExactly(
                error("config.key_names[1]", "bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'"));
        assertThat(plugin("http-log", Map.of("http_endpoint", "http://logs", "headers", Map.of("X-Token", 5))))
                .containsExactly(error("config.headers.X-Token", "expected a string"));
        assertThat(plugin("http-log", Map.of("http_endpoint", "http://logs", "headers", Map.of("host", "x"))))
                .containsExactly(error("config.headers.host", "cannot contain 'Host' header"));
    }

    @Test
    void aclNeedsExactlyOneOfAllowAndDeny() {
        assertThat(plugin("acl", Map.of("allow", List.of("a"), "deny", List.of("b")))).containsExactly(
                error("@entity", "exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"));
        assertThat(plugin("acl", Map.of("allow", List.of()))).containsExactly(
                error("@entity", "exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"),
                error("@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'"));
    }

    @Test
    void rateLimitingRules() {
        assertThat(plugin("rate-limiting", Map.of())).containsExactly(error("@entity",
                "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', "
                        + "'config.day', 'config.month', 'config.year'"));
        assertThat(plugin("rate-limiting", Map.of("second", 20, "hour", 10))).containsExactly(
                error("config", "The limit for hour(10.0) cannot be lower than the limit for second(20.0)"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "sync_rate", 1))).containsExactly(
                error("config", "sync_rate can only be used with the redis policy"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "policy", "redis"))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'config.policy'"),
                error("config.redis.host", "required field missing"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "redis_host", "a", "redis", Map.of("host", "b"))))
                .containsExactly(error("config.redis_host",
                        "both deprecated and new field are used but their values mismatch: redis_host = a vs redis.host = b"));
        assertThat(plugin("rate-limiting", Map.of("minute", 5, "redis_port", 6379, "redis", Map.of("port", 6379.0))))
                .isEmpty();
    }

    @Test
    void responseRatelimitingLimits() {
        assertThat(plugin("response-ratelimiting", Map.of("limits", Map.of())))
                .containsExactly(error("config.limits", "length must be at least 1"));
        assertThat(plugin("response-ratelimiting", Map.of("limits", Map.of("sms", Map.of("minute", 10, "second", 20)))))
                .containsExactly(error("config.limits.sms",
                        "the limit for minute(10.0) cannot be lower than the limit for second(20.0)"));
    }

    @Test
    void requestTerminationMessageAndBody() {
        assertThat(plugin("request-termination", Map.of("message", "bye", "body", "<p>bye</p>"))).containsExactly(
                error("config", "message cannot be used with content_type or body"));
        assertThat(plugin("request-termination", Map.of("content_type", "text/plain"))).containsExactly(
                error("config", "content_type requires a body"));
        assertThat(plugin("request-termination", Map.of("status_code", 700))).containsExactly(
                error("config.status_code", "value should be between 100 and 599"));
    }

    @Test
    void pluginScopes() {
        assertThat(plugin("key-auth", Map.of(), Map.of("consumer", "alice")))
                .containsExactly(error("consumer", "value must be null"));
        assertThat(plugin("rate-limiting", Map.of("minute", 1), Map.of("consumer", Map.of("username", "alice")))).isEmpty();
        assertThat(plugin("acme", Map.of("account_email", "ops@example.com"), Map.of("service", "svc", "route", "r")))
                .containsExactlyInAnyOrder(error("service", "value must be null"), error("route", "value must be null"));
        assertThat(plugin("key-auth", Map.of(), Map.of("service", Map.of("tags", List.of()))))
                .containsExactly(error("service.id", "missing primary key"));
    }

    @Test
    void otherPluginChecks() {
        assertThat(plugin("jwt", Map.of("maximum_expiration", 60, "claims_to_verify", List.of("nbf")))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'config.maximum_expiration'"),
                error("config.claims_to_verify", "expected to contain: exp"));
        assertThat(plugin("acme", Map.of("account_email", "ops@example.com",
                "api_uri", "https://acme-v02.api.letsencrypt.org"))).containsExactly(
                error("@entity", "terms of service must be accepted, see https://letsencrypt.org/repository/"),
                error("config.tos_accepted", "value must be true"));
        assertThat(plugin("cors", Map.of("origins", List.of("*", "(")))).containsExactly(
                error("config.origins[1]", "'(' is not a valid regex"));
        assertThat(plugin("ip-restriction", Map.of("allow", List.of("10.0.0.0/33")))).containsExactly(
                error("config.allow[0]", "invalid ip or cidr range: '10.0.0.0/33'"));
        assertThat(plugin("file-log", Map.of("path", "/tmp/*.log")))
                .containsExactly(error("config.path", "not a valid filename"));
        assertThat(plugin("http-log", Map.of("http_endpoint", "logs.internal")))
                .containsExactly(error("config.http_endpoint", "missing host in url"));
        assertThat(plugin("http-log", Map.of("http_endpoint", "http://u:p@logs", "headers", Map.of("Authorization", "x"))))
                .containsExactly(error("config",
                        "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"));
        assertThat(plugin("request-transformer", Map.of("add", Map.of("headers", List.of("X-A"), "body", List.of("k:")))))
                .containsExactly(error("config.add.body[0]", "key 'k' has no value"),
                        error("config.add.headers[0]", "invalid value: X-A"));
        assertThat(plugin("proxy-cache", Map.of())).containsExactly(error("config.strategy", "required field missing"));
        assertThat(plugin("session", Map.of("cookie_samesite", "off", "cookie_renew", 600))).isEmpty();
    }

    @Test
    void regexPathsAreCompiledByTheAtcRoutersRustEngineUnderTheDefaultFlavorOnly() {
        Map<String, Object> route = Map.of("paths", List.of("~/users/{id}$"));
        String refused = "Router Expression failed validation: regex path '~/users/{id}$' does not compile for the "
                + "router's regex engine: a '{' that opens no counted repetition {n}, {n,} or {n,m} (escape a literal "
                + "one: \\{)";

        assertThat(validator.validate(Schemas.routes(RouterFlavor.TRADITIONAL), route)).isEmpty();
        assertThat(validator.validate(Schemas.routes(RouterFlavor.TRADITIONAL_COMPATIBLE), route))
                .containsExactly(error("@entity", refused));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("~/users/\\{id}$", "~/a{2,}(?<id>\\d+)\\p{Greek}\\b{start}",
                "~/[{(?#]", "/{x}")))).isEmpty();
        for (String path : List.of("~/a(?#c)b", "~/a\\N", "~/\\o{101}", "~/(?=a)", "~/(a)\\1", "~/x{2}{", "~/a\\K", "~/x{,3}y")) {
            assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of(path)))).as(path).hasSize(1)
                    .allMatch(e -> e.message().startsWith("Router Expression failed validation: regex path '" + path));
        }
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("~/(*UCP){x}")))).as("Kong skips the check")
                .extracting(FieldError::path).containsExactly("paths[0]");
    }

    @Test
    void routeMatchersAndProtocols() {
        assertThat(entity(EntityKind.ROUTE, Map.of())).containsExactly(error("@entity",
                "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"));
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("http")))).containsExactly(error("@entity",
                "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'"));
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("tls"), "snis", List.of("a.example"))))
                .isEmpty();
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("http", "tcp"), "paths", List.of("/a"))))
                .contains(error("protocols", "these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp')"));
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("http"), "paths", List.of("/a"),
                "snis", List.of("a.example")))).containsExactly(error("@entity",
                "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"),
                error("snis", "length must be 0"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a"), "sources", List.of(Map.of("ip", "10.0.0.1")))))
                .containsExactly(error("sources", "cannot set 'sources' when 'protocols' is 'http' or 'https'"));
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("grpc"), "paths", List.of("/a")))).isEmpty();
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("grpc"), "paths", List.of("/a"),
                "strip_path", true))).containsExactly(
                error("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'"));
        assertThat(entity(EntityKind.ROUTE, Map.of("hosts", List.of("a.*.example"))))
                .containsExactly(error("hosts[0]", "invalid wildcard: must be placed at leftmost or rightmost label"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a"), "headers", Map.of("Host", List.of("x")))))
                .containsExactly(error("headers.Host",
                        "cannot contain 'host' header, which must be specified in the 'hosts' attribute"));
    }

    @Test
    void routePaths() {
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/ok", "users")))).containsExactly(
                error("paths[1]", "should start with: / (fixed path) or ~/ (regex path)"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("~/users/(\\d+")))).containsExactly(
                error("paths[0]", "invalid regex: '/users/(\\d+' (PCRE returned: Unclosed group)"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a//b"))))
                .containsExactly(error("paths[0]", "must not have empty segments"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a/../b%7e"))))
                .containsExactly(error("paths[0]", "non-normalized path, consider use '/b~' instead"));
        assertThat(entity(EntityKind.ROUTE, Map.of("paths", List.of("/a%zz"))))
                .containsExactly(error("paths[0]", "invalid url-encoded value: '%zz'"));
    }

    @Test
    void serviceChecks() {
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "protocol", "tcp", "path", "/a"))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'protocol'"),
                error("path", "value must be null"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "tls_verify", true))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'protocol'"),
                error("tls_verify", "value must be null"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h:80"))).containsExactly(error("host", "must not have a port"));
        assertThat(entity(EntityKind.SERVICE, Map.of("host", "h", "path", "a")))
                .containsExactly(error("path", "should start with: /"));
        assertThat(entity(EntityKind.SERVICE, Map.of("url", "invalid url"))).containsExactlyInAnyOrder(
                error("host", "required field missing"), error("path", "should start with: /"));
        assertThat(entity(EntityKind.SERVICE, Map.of("url", "https://svc.test/api"))).isEmpty();
    }

    @Test
    void consumersCredentialsAndUpstreams() {
        assertThat(entity(EntityKind.CONSUMER, Map.of("tags", List.of("a")))).containsExactly(
                error("@entity", "at least one of these fields must be non-empty: 'custom_id', 'username'"));
        assertThat(entity(EntityKind.CONSUMER, Map.of("username", "bob", "tags", List.of("a,b")))).containsExactly(
                error("tags[0]", "invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences"));
        assertThat(entity(EntityKind.BASICAUTH_CREDENTIAL, Map.of("consumer", "bob", "username", "bob")))
                .containsExactly(error("password", "required field missing"));
        assertThat(entity(EntityKind.JWT_SECRET, Map.of("consumer", "bob", "algorithm", "RS256"))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'algorithm'"),
                error("rsa_public_key", "required field missing"));
        assertThat(entity(EntityKind.KEYAUTH_CREDENTIAL, Map.of("consumer", "bob", "id", "x", "created_at", 1)))
                .containsExactlyInAnyOrder(error("id", "unknown field"), error("created_at", "unknown field"));
        assertThat(entity(EntityKind.UPSTREAM, Map.of("name", "10.0.0.1"))).containsExactly(
                error("name", "Invalid name ('10.0.0.1'); no ip addresses allowed"));
        assertThat(entity(EntityKind.UPSTREAM, Map.of("name", "up", "hash_on", "header"))).containsExactly(
                error("@entity", "failed conditional validation given value of field 'hash_on'"),
                error("hash_on_header", "required field missing"));
        assertThat(entity(EntityKind.UPSTREAM, Map.of("name", "up", "healthchecks",
                Map.of("active", Map.of("healthy", Map.of("successes", 300)))))).containsExactly(
                error("healthchecks.active.healthy.successes", "value should be between 0 and 255"));
        assertThat(entity(EntityKind.CERTIFICATE, Map.of("cert", CertificateChecksTest.pem("leaf-rsa.crt"),
                "key", CertificateChecksTest.pem("leaf-rsa.key"), "cert_alt", CertificateChecksTest.pem("leaf-ec.crt"))))
                .containsExactly(
                error("@entity", "all or none of these fields must be set: 'cert_alt', 'key_alt'"));
        assertThat(entity(EntityKind.TARGET, Map.of("upstream", "up", "target", "bad host!"))).containsExactly(
                error("target", "Invalid target ('bad host!'); not a valid hostname or ip address"));
        // Kong's normalize_ip refuses a port over 65535
        assertThat(entity(EntityKind.TARGET, Map.of("upstream", "up", "target", "api.internal:70000"))).containsExactly(
                error("target", "Invalid target ('api.internal:70000'); not a valid hostname or ip address"));
    }
    @Test
    void nullIsJudgedAsKongJudgesItAgainstEqAndNe() {
        // eq = true refuses null: Let's Encrypt's terms must be accepted, and null does not accept them
        java.util.Map<String, Object> acme = new java.util.LinkedHashMap<>();
        acme.put("account_email", "ops@example.test");
        acme.put("api_uri", "https://acme-v02.api.letsencrypt.org");
        acme.put("tos_accepted", null);
        assertThat(plugin("acme", acme)).contains(error("config.tos_accepted", "value must be true"));
        // a null policy matches no 'eq = redis' condition, so redis settings are not required
        java.util.Map<String, Object> limits = new java.util.LinkedHashMap<>();
        limits.put("minute", 5);
        limits.put("policy", null);
        assertThat(plugin("rate-limiting", limits)).noneMatch(e -> e.path().startsWith("config.redis"));
        // eq = null is decided before the value's type and elements
        assertThat(entity(EntityKind.ROUTE, Map.of("protocols", List.of("tcp"), "paths", List.of("x"),
                "destinations", List.of(Map.of("port", 80))))).contains(
                error("paths", "cannot set 'paths' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'"));
    }
    @Test
    void entityChecksWaitForVaultReferencesToBeResolved() {
        java.util.Map<String, Object> lambda = new java.util.LinkedHashMap<>();
        lambda.put("function_name", "orders");
        lambda.put("aws_region", "eu-west-1");
        lambda.put("aws_secret", "{vault://aws-env/lambda-secret}");

        assertThat(plugin("aws-lambda", lambda)).isEmpty();
        lambda.put("aws_secret", "plain-secret");
        assertThat(plugin("aws-lambda", lambda)).containsExactly(
                error("@entity", "all or none of these fields must be set: 'config.aws_key', 'config.aws_secret'"));
    }
    @Test
    void stringLengthsCountBytesAsLuaDoes() {
        // three characters, six bytes in UTF-8
        assertThat(Checks.length("len_max", 4).test("\u00e9\u00e9\u00e9")).isEqualTo("length must be at most 4");
        assertThat(Checks.length("len_max", 6).test("\u00e9\u00e9\u00e9")).isNull();
    }

    // Kong checks a field that shares one Lua table with another field (typedefs.host named without a call,
    // ip-restriction's allow and deny, pre-function's phases) exactly like that field, and compares a deprecated
    // shorthand with its new field only when the deprecation names the replacement.

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
