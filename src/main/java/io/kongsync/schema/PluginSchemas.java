package io.kongsync.schema;

import java.util.List;

/** Kong 3.9's bundled plugins and the config schemas of the ones users configure most (../shared/kong-plugins.md). */
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
        return List.of(keyAuth());
    }

    static PluginSchema keyAuth() {
        return PluginSchema.of("key-auth",
                        Field.array("key_names", Field.string()).required().def(List.of("apikey")),
                        Field.bool("hide_credentials").required().def(false),
                        Field.string("anonymous"),
                        Field.bool("key_in_header").required().def(true),
                        Field.bool("key_in_query").required().def(true),
                        Field.bool("key_in_body").required().def(false),
                        Field.bool("run_on_preflight").required().def(true),
                        Field.string("realm"))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }
}
