package io.kongsync.schema;

import java.util.List;

/** Authentication and authorization plugins (kong-plugins.md 2.1 to 2.5). */
final class AuthPluginSchemas {

    private static final List<String> HMAC_ALGORITHMS = List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private AuthPluginSchemas() {
    }

    static List<PluginSchema> all() {
        return List.of(keyAuth(), basicAuth(), jwt(), acl(), hmacAuth());
    }

    static PluginSchema keyAuth() {
        return PluginSchema.of("key-auth",
                        Field.array("key_names", Field.string().check(Typedefs.HEADER_NAME)).required().def(List.of("apikey")),
                        Field.bool("hide_credentials").required().def(false),
                        Field.string("anonymous"),
                        Field.bool("key_in_header").required().def(true),
                        Field.bool("key_in_query").required().def(true),
                        Field.bool("key_in_body").required().def(false),
                        Field.bool("run_on_preflight").required().def(true),
                        Field.string("realm"))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }

    static PluginSchema basicAuth() {
        return PluginSchema.of("basic-auth",
                        Field.string("anonymous"),
                        Field.bool("hide_credentials").required().def(false),
                        Field.string("realm").required().def("service"))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }

    static PluginSchema jwt() {
        return PluginSchema.of("jwt",
                        Field.set("uri_param_names", Field.string()).def(List.of("jwt")),
                        Field.set("cookie_names", Field.string()).def(List.of()),
                        Field.string("key_claim_name").def("iss"),
                        Field.bool("secret_is_base64").required().def(false),
                        Field.set("claims_to_verify", Field.string().oneOf("exp", "nbf")),
                        Field.string("anonymous"),
                        Field.bool("run_on_preflight").required().def(true),
                        Field.number("maximum_expiration").def(0).between(0, 31536000),
                        Field.set("header_names", Field.string()).def(List.of("authorization")),
                        Field.string("realm"))
                .scope(PluginSchema.Scope.NO_CONSUMER)
                .check(EntityChecks.conditional("config.maximum_expiration",
                        v -> v instanceof Number n && n.doubleValue() > 0,
                        "config.claims_to_verify",
                        v -> v instanceof java.util.Collection<?> c && c.contains("exp") ? null : "expected to contain: exp"));
    }

    static PluginSchema acl() {
        return PluginSchema.of("acl",
                        Field.array("allow", Field.string()),
                        Field.array("deny", Field.string()),
                        Field.bool("hide_groups_header").required().def(false),
                        Field.bool("always_use_authenticated_groups").required().def(false))
                .scope(PluginSchema.Scope.NO_CONSUMER)
                .check(EntityChecks.onlyOneOf("config.allow", "config.deny"))
                .check(EntityChecks.atLeastOneOf("config.allow", "config.deny"));
    }

    static PluginSchema hmacAuth() {
        return PluginSchema.of("hmac-auth",
                        Field.bool("hide_credentials").required().def(false),
                        Field.number("clock_skew").def(300).gt(0),
                        Field.string("anonymous"),
                        Field.bool("validate_request_body").required().def(false),
                        Field.array("enforce_headers", Field.string()).def(List.of()),
                        Field.array("algorithms", Field.string().oneOf(HMAC_ALGORITHMS.toArray())).def(HMAC_ALGORITHMS),
                        Field.string("realm"))
                .scope(PluginSchema.Scope.NO_CONSUMER);
    }
}
