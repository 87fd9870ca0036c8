package io.kongsync.sandbox;

import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;

import java.util.LinkedHashMap;
import java.util.Map;

/** The plugins the sandbox has "loaded": every bundled Kong 3.9 plugin, with the priorities of their handlers. */
final class PluginCatalog {

    private static final Map<String, Integer> PRIORITIES = new LinkedHashMap<>();

    static {
        Object[][] table = {
                {"pre-function", 1000000}, {"correlation-id", 100001}, {"zipkin", 100000}, {"bot-detection", 2500},
                {"cors", 2000}, {"session", 1900}, {"acme", 1705}, {"jwt", 1450}, {"oauth2", 1400},
                {"key-auth", 1250}, {"ldap-auth", 1200}, {"basic-auth", 1100}, {"hmac-auth", 1030},
                {"grpc-gateway", 998}, {"ip-restriction", 990}, {"request-size-limiting", 951}, {"acl", 950},
                {"rate-limiting", 910}, {"response-ratelimiting", 900}, {"request-transformer", 801},
                {"response-transformer", 800}, {"redirect", 779}, {"ai-request-transformer", 777},
                {"ai-prompt-template", 773}, {"ai-prompt-decorator", 772}, {"ai-prompt-guard", 771},
                {"ai-proxy", 770}, {"ai-response-transformer", 768}, {"standard-webhooks", 760},
                {"aws-lambda", 750}, {"azure-functions", 749}, {"proxy-cache", 100}, {"opentelemetry", 14},
                {"prometheus", 13}, {"http-log", 12}, {"statsd", 11}, {"datadog", 10}, {"file-log", 9},
                {"udp-log", 8}, {"tcp-log", 7}, {"loggly", 6}, {"syslog", 4}, {"grpc-web", 3},
                {"request-termination", 2}, {"post-function", -1000}};
        for (Object[] row : table) {
            PRIORITIES.put((String) row[0], (Integer) row[1]);
        }
    }

    private PluginCatalog() {
    }

    /** Every loaded plugin name: Kong 3.9's bundled plugins, in Kong's order. */
    static Iterable<String> names() {
        return Schemas.bundledPlugins();
    }

    static int priority(String name) {
        return PRIORITIES.getOrDefault(name, 0);
    }

    static boolean enabled(String name) {
        return Schemas.isBundled(name);
    }

    /** The plugin's schema (Kong's), or null when Kong does not bundle it. */
    static PluginSchema schema(String name) {
        return Schemas.plugin(name).orElse(null);
    }
}
