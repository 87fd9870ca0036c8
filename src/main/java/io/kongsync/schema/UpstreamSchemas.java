package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Upstreams (with their health checks) and targets (kong-admin-api.md 1.6 and 1.7). */
final class UpstreamSchemas {

    private static final List<String> HASH_ON =
            List.of("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture");
    private static final List<String> HEALTHCHECK_TYPES = List.of("tcp", "http", "https", "grpc", "grpcs");
    private static final long MAX_INT32 = 2147483647L;

    private UpstreamSchemas() {
    }

    static RecordSchema upstream() {
        List<EntityCheck> checks = new ArrayList<>(List.of(
                EntityChecks.requiredWhen("hash_on", "header", "hash_on_header"),
                EntityChecks.requiredWhen("hash_fallback", "header", "hash_fallback_header"),
                EntityChecks.requiredWhen("hash_on", "cookie", "hash_on_cookie"),
                EntityChecks.requiredWhen("hash_fallback", "cookie", "hash_on_cookie"),
                EntityChecks.requiredWhen("hash_on", "query_arg", "hash_on_query_arg"),
                EntityChecks.requiredWhen("hash_fallback", "query_arg", "hash_fallback_query_arg"),
                EntityChecks.requiredWhen("hash_on", "uri_capture", "hash_on_uri_capture"),
                EntityChecks.requiredWhen("hash_fallback", "uri_capture", "hash_fallback_uri_capture"),
                EntityChecks.conditional("hash_on", v -> "none".equals(v) || "cookie".equals(v),
                        "hash_fallback", Checks.oneOf("none")),
                EntityChecks.distinct("hash_on_header", "hash_fallback_header"),
                EntityChecks.distinct("hash_on_query_arg", "hash_fallback_query_arg"),
                EntityChecks.distinct("hash_on_uri_capture", "hash_fallback_uri_capture")));
        // Hashing twice on the same attribute is pointless; header, query arg and uri capture may repeat with
        // another name (the distinct checks above).
        for (String single : List.of("consumer", "ip", "path")) {
            Object[] others = HASH_ON.stream().filter(h -> !h.equals(single)).toArray();
            checks.add(EntityChecks.conditional("hash_on", single::equals, "hash_fallback", Checks.oneOf(others)));
        }
        return new RecordSchema(List.of(
                Field.string("name").required().check(UpstreamSchemas::upstreamName),
                Field.string("algorithm").def("round-robin")
                        .oneOf("consistent-hashing", "least-connections", "round-robin", "latency"),
                Field.string("hash_on").def("none").oneOf(HASH_ON.toArray()),
                Field.string("hash_fallback").def("none").oneOf(HASH_ON.toArray()),
                Field.string("hash_on_header").check(Typedefs.HEADER_NAME),
                Field.string("hash_fallback_header").check(Typedefs.HEADER_NAME),
                Field.string("hash_on_cookie").check(UpstreamSchemas::cookieName),
                Field.string("hash_on_cookie_path").def("/").check(Typedefs.PATH),
                Field.string("hash_on_query_arg"),
                Field.string("hash_fallback_query_arg"),
                Field.string("hash_on_uri_capture"),
                Field.string("hash_fallback_uri_capture"),
                Field.integer("slots").def(10000).between(10, 65536),
                healthchecks(),
                EntitySchemas.tags(),
                Field.string("host_header").check(Typedefs.HOST_WITH_OPTIONAL_PORT),
                Field.foreign("client_certificate", EntityKind.CERTIFICATE),
                Field.bool("use_srv_name").def(false)),
                checks,
                List.of(UpstreamSchemas::coupleAlgorithmAndHashOn));
    }

    static RecordSchema target() {
        return new RecordSchema(List.of(
                Field.foreign("upstream", EntityKind.UPSTREAM).required(),
                Field.string("target").required().check(v -> v instanceof String s && HostNames.parse(s) == null
                        ? "Invalid target ('" + s + "'); not a valid hostname or ip address"
                        : null),
                Field.integer("weight").def(100).between(0, 65535),
                EntitySchemas.tags()),
                List.of(),
                List.of(UpstreamSchemas::defaultTargetPort));
    }

    /** Kong's upstream shorthand handlers, in their order (kong-admin-api.md 1.6). */
    static Map<String, Object> coupleAlgorithmAndHashOn(Map<String, Object> upstream) {
        Object algorithm = upstream.get("algorithm");
        boolean hashOnForced = "least-connections".equals(algorithm) || "latency".equals(algorithm);
        if (hashOnForced) {
            upstream.put("hash_on", "none");
        }
        Object hashOn = upstream.get("hash_on");
        if (hashOn instanceof String h && !h.equals("none")) {
            upstream.put("algorithm", "consistent-hashing");
        } else if ("none".equals(hashOn) && !hashOnForced) {
            upstream.put("algorithm", "round-robin");
        }
        return upstream;
    }

    /** A target without a port gets Kong's default {@code :8000}; an IPv6 address is bracketed. */
    static Map<String, Object> defaultTargetPort(Map<String, Object> target) {
        if (target.get("target") instanceof String t) {
            HostNames.Address a = HostNames.parse(t);
            if (a != null && (a.port() == null || a.port() >= 0)) {
                String host = a.kind() == HostNames.Kind.IPV6 ? "[" + a.host() + "]" : a.host();
                target.put("target", host + ":" + (a.port() == null ? 8000 : a.port()));
            }
        }
        return target;
    }

    private static String upstreamName(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        HostNames.Address a = HostNames.parse(s);
        if (a == null) {
            return "Invalid name ('" + s + "'); must be a valid hostname";
        }
        if (a.kind() != HostNames.Kind.NAME) {
            return "Invalid name ('" + s + "'); no ip addresses allowed";
        }
        return a.port() != null ? "Invalid name ('" + s + "'); no port allowed" : null;
    }

    /** RFC 6265 token characters. */
    private static String cookieName(Object v) {
        return v instanceof String s && !s.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+") ? "invalid value: " + s : null;
    }

    private static Field healthchecks() {
        return Field.record("healthchecks",
                Field.record("active",
                        Field.string("type").def("http").oneOf(HEALTHCHECK_TYPES.toArray()),
                        Field.number("timeout").def(1).between(0, 65535),
                        Field.integer("concurrency").def(10).between(1, MAX_INT32),
                        Field.string("http_path").def("/").check(Typedefs.PATH),
                        Field.bool("https_verify_certificate").def(true),
                        Field.string("https_sni").check(Typedefs.SNI),
                        Field.map("headers", Field.string().check(Typedefs.HEADER_NAME), Field.array(null, Field.string())),
                        Field.record("healthy",
                                interval(),
                                statuses(List.of(200, 302)),
                                counter("successes")),
                        Field.record("unhealthy",
                                interval(),
                                statuses(List.of(429, 404, 500, 501, 502, 503, 504, 505)),
                                counter("tcp_failures"),
                                counter("timeouts"),
                                counter("http_failures"))),
                Field.record("passive",
                        Field.string("type").def("http").oneOf(HEALTHCHECK_TYPES.toArray()),
                        Field.record("healthy",
                                statuses(List.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
                                        300, 301, 302, 303, 304, 305, 306, 307, 308)),
                                counter("successes")),
                        Field.record("unhealthy",
                                statuses(List.of(429, 500, 503)),
                                counter("tcp_failures"),
                                counter("timeouts"),
                                counter("http_failures"))),
                Field.number("threshold").def(0).between(0, 100));
    }

    private static Field interval() {
        return Field.number("interval").def(0).between(0, 65535);
    }

    private static Field statuses(List<Integer> defaults) {
        return Field.array("http_statuses", Field.integer().between(200, 999)).def(defaults);
    }

    private static Field counter(String name) {
        return Field.integer(name).def(0).between(0, 255);
    }
}
