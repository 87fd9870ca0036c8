package io.kongsync.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rate limiting, size limits, termination and caching (kong-plugins.md 2.6, 2.7, 2.13 to 2.15). */
final class TrafficPluginSchemas {

    static final List<String> PERIODS = List.of("second", "minute", "hour", "day", "month", "year");

    private TrafficPluginSchemas() {
    }

    static List<PluginSchema> all() {
        return List.of(rateLimiting(), responseRatelimiting(), requestSizeLimiting(), requestTermination(), proxyCache());
    }

    static PluginSchema rateLimiting() {
        List<Field> fields = new ArrayList<>(periodFields());
        fields.addAll(List.of(
                Field.string("limit_by").def("consumer").oneOf("consumer", "credential", "ip", "service", "header", "path"),
                Field.string("header_name").check(Typedefs.HEADER_NAME),
                Field.string("path").check(Typedefs.PATH),
                // Kong narrows this to local/redis in DB-less mode and on control planes; kongsync cannot know the
                // target's mode when validating files, so it accepts the full list.
                Field.string("policy").def("local").lenMin(0).oneOf("local", "cluster", "redis"),
                Field.bool("fault_tolerant").required().def(true),
                SharedRecords.redis(),
                Field.bool("hide_client_headers").required().def(false),
                Field.number("error_code").def(429).gt(0),
                Field.string("error_message").def("API rate limit exceeded"),
                Field.number("sync_rate").required().def(-1)));
        return PluginSchema.of("rate-limiting", fields.toArray(new Field[0]))
                .check(EntityChecks.atLeastOneOf(PERIODS.stream().map(p -> "config." + p).toArray(String[]::new)))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.host"))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.port"))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.timeout"))
                .check(EntityChecks.requiredWhen("config.limit_by", "header", "config.header_name"))
                .check(EntityChecks.requiredWhen("config.limit_by", "path", "config.path"))
                .configCheck(v -> v instanceof Map<?, ?> config ? rateLimitingConfigError(config) : null)
                .shorthands(SharedRecords.flatRedisShorthands());
    }

    static PluginSchema responseRatelimiting() {
        Field limit = Field.record(null, periodFields().toArray(new Field[0]))
                .check(v -> v instanceof Map<?, ?> m && PERIODS.stream().allMatch(p -> m.get(p) == null)
                        ? "at least one of these fields must be non-empty: 'second', 'minute', 'hour', 'day', 'month', 'year'"
                        : null)
                .check(v -> v instanceof Map<?, ?> m ? decreasingPeriodsError(m, "the limit") : null);
        return PluginSchema.of("response-ratelimiting",
                        Field.string("header_name").def("x-kong-limit"),
                        Field.string("limit_by").def("consumer").oneOf("consumer", "credential", "ip"),
                        Field.string("policy").def("local").oneOf("local", "cluster", "redis"),
                        Field.bool("fault_tolerant").required().def(true),
                        SharedRecords.redis(),
                        Field.bool("block_on_first_violation").required().def(false),
                        Field.bool("hide_client_headers").required().def(false),
                        Field.map("limits", Field.string(), limit).required().check(Checks.lengthAtLeast(1)))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.host"))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.port"))
                .check(EntityChecks.requiredWhen("config.policy", "redis", "config.redis.timeout"))
                .shorthands(SharedRecords.flatRedisShorthands());
    }

    static PluginSchema requestSizeLimiting() {
        return PluginSchema.of("request-size-limiting",
                Field.integer("allowed_payload_size").def(128),
                Field.string("size_unit").required().def("megabytes").oneOf("megabytes", "kilobytes", "bytes"),
                Field.bool("require_content_length").required().def(false));
    }

    static PluginSchema requestTermination() {
        return PluginSchema.of("request-termination",
                        Field.integer("status_code").required().def(503).between(100, 599),
                        Field.string("message"),
                        Field.string("content_type"),
                        Field.string("body"),
                        Field.bool("echo").required().def(false),
                        Field.string("trigger").check(Typedefs.HEADER_NAME))
                .configCheck(v -> v instanceof Map<?, ?> config ? requestTerminationError(config) : null);
    }

    static PluginSchema proxyCache() {
        return PluginSchema.of("proxy-cache",
                        Field.array("response_code", Field.integer().between(100, 900))
                                .required().def(List.of(200, 301, 404)).check(Checks.lengthAtLeast(1)),
                        Field.array("request_method", Field.string().oneOf("HEAD", "GET", "POST", "PATCH", "PUT"))
                                .required().def(List.of("GET", "HEAD")),
                        Field.array("content_type", Field.string())
                                .required().def(List.of("text/plain", "application/json")),
                        Field.integer("cache_ttl").def(300).gt(0),
                        Field.string("strategy").required().oneOf("memory"),
                        Field.bool("cache_control").required().def(false),
                        Field.bool("ignore_uri_case").def(false),
                        Field.integer("storage_ttl"),
                        Field.record("memory", Field.string("dictionary_name").required().def("kong_db_cache")),
                        Field.array("vary_query_params", Field.string()),
                        Field.array("vary_headers", Field.string()),
                        Field.record("response_headers",
                                Field.bool("age").def(true),
                                Field.bool("X-Cache-Status").def(true),
                                Field.bool("X-Cache-Key").def(true)))
                .anyProtocol();
    }

    private static List<Field> periodFields() {
        List<Field> fields = new ArrayList<>();
        for (String period : PERIODS) {
            fields.add(Field.number(period).gt(0));
        }
        return fields;
    }

    private static String rateLimitingConfigError(Map<?, ?> config) {
        String order = decreasingPeriodsError(config, "The limit");
        if (order != null) {
            return order;
        }
        boolean redis = "redis".equals(config.get("policy"));
        if (config.get("sync_rate") instanceof Number n && n.doubleValue() != -1) {
            if (!redis) {
                return "sync_rate can only be used with the redis policy";
            }
            if (n.doubleValue() < 0.02) {
                return "sync_rate must be greater than 0.02, or -1 to disable";
            }
        }
        return null;
    }

    /** Kong's {@code validate_periods_order}: a longer period may not have a lower limit than a shorter one. */
    static String decreasingPeriodsError(Map<?, ?> limits, String prefix) {
        for (int i = 0; i < PERIODS.size(); i++) {
            if (!(limits.get(PERIODS.get(i)) instanceof Number lower)) {
                continue;
            }
            for (int j = i + 1; j < PERIODS.size(); j++) {
                if (limits.get(PERIODS.get(j)) instanceof Number upper && upper.doubleValue() < lower.doubleValue()) {
                    return String.format(Locale.ROOT, "%s for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
                            prefix, PERIODS.get(j), upper.doubleValue(), PERIODS.get(i), lower.doubleValue());
                }
            }
        }
        return null;
    }

    private static String requestTerminationError(Map<?, ?> config) {
        boolean message = present(config.get("message"));
        boolean contentType = present(config.get("content_type"));
        boolean body = present(config.get("body"));
        if (message && (contentType || body)) {
            return "message cannot be used with content_type or body";
        }
        if (contentType && !body) {
            return "content_type requires a body";
        }
        if (Boolean.TRUE.equals(config.get("echo")) && (contentType || body)) {
            return "echo cannot be used with content_type and body";
        }
        return null;
    }

    private static boolean present(Object value) {
        return value instanceof String s && !s.isEmpty();
    }
}
