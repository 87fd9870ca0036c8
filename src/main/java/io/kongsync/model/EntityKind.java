package io.kongsync.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of Kong entities kongsync manages, in dependency order: a kind only references kinds declared before it,
 * so creates and updates run in this order and deletes in the reverse.
 */
public enum EntityKind {
    CERTIFICATE("certificate", "certificates"),
    CA_CERTIFICATE("ca_certificate", "ca_certificates"),
    SERVICE("service", "services"),
    UPSTREAM("upstream", "upstreams"),
    TARGET("target", "targets"),
    ROUTE("route", "routes"),
    CONSUMER("consumer", "consumers"),
    KEYAUTH_CREDENTIAL("keyauth_credential", "keyauth_credentials"),
    BASICAUTH_CREDENTIAL("basicauth_credential", "basicauth_credentials"),
    JWT_SECRET("jwt_secret", "jwt_secrets"),
    ACL("acl", "acls"),
    PLUGIN("plugin", "plugins");

    private final String label;
    private final String collection;

    EntityKind(String label, String collection) {
        this.label = label;
        this.collection = collection;
    }

    /** Singular name used in reports, e.g. {@code route}. */
    public String label() {
        return label;
    }

    /** The decK file key and Kong DAO name, e.g. {@code routes}. */
    public String collection() {
        return collection;
    }

    public static Optional<EntityKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
