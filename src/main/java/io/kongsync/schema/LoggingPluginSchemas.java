package io.kongsync.schema;

import java.util.Locale;
import java.util.Map;
import java.util.List;

/** Metrics and logging (kong-plugins.md 2.16 to 2.18). */
final class LoggingPluginSchemas {

    private LoggingPluginSchemas() {
    }

    static List<PluginSchema> all() {
        return List.of(prometheus(), fileLog(), httpLog());
    }

    static PluginSchema prometheus() {
        return PluginSchema.of("prometheus",
                        Field.bool("per_consumer").def(false),
                        Field.bool("status_code_metrics").def(false),
                        Field.bool("ai_metrics").def(false),
                        Field.bool("latency_metrics").def(false),
                        Field.bool("bandwidth_metrics").def(false),
                        Field.bool("upstream_health_metrics").def(false))
                .anyProtocol();
    }

    static PluginSchema fileLog() {
        return PluginSchema.of("file-log",
                        Field.string("path").required().check(Typedefs.FILENAME),
                        Field.bool("reopen").required().def(false),
                        SharedRecords.luaCode("custom_fields_by_lua"))
                .anyProtocol();
    }

    static PluginSchema httpLog() {
        Field headerName = Field.string().checks(Typedefs.HEADER_NAME,
                Checks.notMatching("[Hh][Oo][Ss][Tt]", "cannot contain 'Host' header"),
                // Kong's pattern matches only a lowercase "n" in "Length"; kept as Kong has it
                Checks.notMatching("[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee]n[Gg][Tt][Hh]", "cannot contain 'Content-Length' header"),
                Checks.notMatching("[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]", "cannot contain 'Content-Type' header"));
        return PluginSchema.of("http-log",
                        Field.string("http_endpoint").required().check(Typedefs.URL).secret(),
                        Field.string("method").def("POST").oneOf("POST", "PUT", "PATCH"),
                        Field.string("content_type").def("application/json")
                                .oneOf("application/json", "application/json; charset=utf-8"),
                        Field.number("timeout").def(10000),
                        Field.number("keepalive").def(60000),
                        Field.integer("retry_count"),
                        Field.integer("queue_size"),
                        Field.number("flush_timeout"),
                        Field.map("headers", headerName, Field.string().secret()),
                        SharedRecords.queue(),
                        SharedRecords.luaCode("custom_fields_by_lua"))
                .anyProtocol()
                .configCheck(v -> v instanceof Map<?, ?> config && hasUserInfo(config.get("http_endpoint"))
                        && hasAuthorizationHeader(config.get("headers"))
                        ? "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"
                        : null);
    }

    private static boolean hasUserInfo(Object endpoint) {
        if (!(endpoint instanceof String url) || !url.contains("://")) {
            return false;
        }
        String authority = url.substring(url.indexOf("://") + 3).split("[/?#]", 2)[0];
        return authority.contains("@");
    }

    private static boolean hasAuthorizationHeader(Object headers) {
        return headers instanceof Map<?, ?> m
                && m.keySet().stream().anyMatch(k -> String.valueOf(k).toLowerCase(Locale.ROOT).equals("authorization"));
    }
}
