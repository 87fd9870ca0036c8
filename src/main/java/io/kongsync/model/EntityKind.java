package io.kongsync.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of Kong entities kongsync manages, each with its descriptor ({@link KindSpec}): how it is named in reports
 * and decK files, where Kong's Admin API serves it, what identifies it, which entity it lives under. Declared in
 * dependency order: a kind only references kinds declared before it, so creates and updates run in this order and
 * deletes in the reverse. A new kind is one constant here; everything else reads the descriptor. What only some
 * kinds do (a secret Kong hashes, a certificate's SNIs) stays with the code that does it.
 */
public enum EntityKind {
    VAULT(KindSpec.of("vault", "vaults").admin("vaults").identity("prefix")),
    CERTIFICATE(KindSpec.of("certificate", "certificates").admin("certificates")
            .identity(KindSpec.Identity.FIRST_SNI, "snis").unique("snis")),
    CA_CERTIFICATE(KindSpec.of("ca_certificate", "ca_certificates").admin("ca_certificates")
            .identity(KindSpec.Identity.CERT_DIGEST, "cert")),
    KEY_SET(KindSpec.of("key_set", "key_sets").admin("key-sets").identity("name")),
    KEY(KindSpec.of("key", "keys").admin("keys").identity("name")),
    SERVICE(KindSpec.of("service", "services").admin("services").identity("name").identifiedByIdWhenUnnamed()),
    UPSTREAM(KindSpec.of("upstream", "upstreams").admin("upstreams").identity("name")),
    TARGET(KindSpec.of("target", "targets").under("upstream", "upstreams", "targets").listedOnlyUnderParent()
            .putOnlyUpdates().identity("target")),
    ROUTE(KindSpec.of("route", "routes").admin("routes").identity("name").identifiedByIdWhenUnnamed()),
    CONSUMER(KindSpec.of("consumer", "consumers").admin("consumers")
            .identity(KindSpec.Identity.USERNAME_OR_CUSTOM_ID, "username").unique("username", "custom_id")),
    KEYAUTH_CREDENTIAL(KindSpec.of("keyauth_credential", "keyauth_credentials").admin("key-auths")
            .under("consumer", "consumers", "key-auth").identity("key").maskedIdentity().unique("key")),
    BASICAUTH_CREDENTIAL(KindSpec.of("basicauth_credential", "basicauth_credentials").admin("basic-auths")
            .under("consumer", "consumers", "basic-auth").identity("username").unique("username")),
    JWT_SECRET(KindSpec.of("jwt_secret", "jwt_secrets").admin("jwts")
            .under("consumer", "consumers", "jwt").identity("key").unique("key")),
    HMACAUTH_CREDENTIAL(KindSpec.of("hmacauth_credential", "hmacauth_credentials").admin("hmac-auths")
            .under("consumer", "consumers", "hmac-auth").identity("username").unique("username")),
    OAUTH2_CREDENTIAL(KindSpec.of("oauth2_credential", "oauth2_credentials").admin("oauth2")
            .under("consumer", "consumers", "oauth2").identity("client_id").unique("client_id")),
    ACL(KindSpec.of("acl", "acls").admin("acls").under("consumer", "consumers", "acls").identity("group")),
    PLUGIN(KindSpec.of("plugin", "plugins").admin("plugins").identity(KindSpec.Identity.PLUGIN, "name")
            .unique("instance_name"));

    private final KindSpec spec;

    EntityKind(KindSpec spec) {
        this.spec = spec;
    }

    /** Singular name used in reports, e.g. {@code route}. */
    public String label() {
        return spec.label();
    }

    /** The decK file key and Kong DAO name, e.g. {@code routes}. */
    public String collection() {
        return spec.collection();
    }

    public KindSpec spec() {
        return spec;
    }

    /** The kind this one lives under in Kong's Admin API and decK files (upstream for targets), if any. */
    public Optional<EntityKind> parent() {
        return spec.parentCollection() == null ? Optional.empty() : fromCollection(spec.parentCollection());
    }

    /** The kinds that live under this one (credentials under consumers), in order. */
    public List<EntityKind> children() {
        return Arrays.stream(values()).filter(k -> k.parent().filter(p -> p == this).isPresent()).toList();
    }

    public static Optional<EntityKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }

    public static Optional<EntityKind> fromCollection(String collection) {
        return Arrays.stream(values()).filter(k -> k.collection().equals(collection)).findFirst();
    }
}
