package io.kongsync.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Kong 3.9's bundled plugins and the config schemas of the ones users configure most (from Kong's plugin documentation).
 * The definitions live in one class per family; bundled plugins without a schema here have unchecked config.
 */
final class PluginSchemas {

    /** kong/constants.lua BUNDLED_PLUGINS at 3.9, in source order. */
    static final List<String> BUNDLED = List.of(
            "jwt", "acl", "correlation-id", "cors", "oauth2", "tcp-log", "udp-log", "file-log", "http-log", "key-auth",
            "hmac-auth", "basic-auth", "ip-restriction", "request-transformer", "response-transformer",
            "request-size-limiting", "rate-limiting", "response-ratelimiting", "syslog", "loggly", "datadog",
            "ldap-auth", "statsd", "bot-detection", "aws-lambda", "request-termination", "prometheus", "proxy-cache",
            "session", "acme", "grpc-gateway", "grpc-web", "pre-function", "post-function", "azure-functions",
            "zipkin", "opentelemetry", "ai-proxy", "ai-prompt-decorator", "ai-prompt-template", "ai-prompt-guard",
            "ai-request-transformer", "ai-response-transformer", "standard-webhooks", "redirect");

    private PluginSchemas() {
    }

    static List<PluginSchema> all() {
        List<PluginSchema> all = new ArrayList<>();
        all.addAll(AuthPluginSchemas.all());
        all.addAll(TrafficPluginSchemas.all());
        all.addAll(TransformPluginSchemas.all());
        all.addAll(SecurityPluginSchemas.all());
        all.addAll(LoggingPluginSchemas.all());
        return List.copyOf(all);
    }

    static PluginSchema keyAuth() {
        return AuthPluginSchemas.keyAuth();
    }
}
