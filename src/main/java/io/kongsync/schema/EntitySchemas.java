package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.List;
import java.util.Map;

/**
 * Kong 3.9's core entity schemas (from Kong's Admin API). Server-generated metadata ({@code id},
 * {@code created_at}, {@code updated_at}) is deliberately absent: the normalizer drops it.
 */
final class EntitySchemas {

    static final List<String> SERVICE_PROTOCOLS =
            List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");

    private static final List<String> TLS_ONLY_SERVICE_FIELDS =
            List.of("client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates");

    /** kong/plugins/jwt/daos.lua at 3.9. */
    static final List<String> JWT_ALGORITHMS = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA");

    private EntitySchemas() {
    }

    static void register(Map<EntityKind, RecordSchema> registry) {
        registry.put(EntityKind.SERVICE, service());
        registry.put(EntityKind.ROUTE, RouteSchema.route());
        registry.put(EntityKind.CONSUMER, consumer());
        registry.put(EntityKind.UPSTREAM, UpstreamSchemas.upstream());
        registry.put(EntityKind.TARGET, UpstreamSchemas.target());
        registry.put(EntityKind.CERTIFICATE, certificate());
        registry.put(EntityKind.CA_CERTIFICATE, caCertificate());
        registry.put(EntityKind.KEYAUTH_CREDENTIAL, keyAuthCredential());
        registry.put(EntityKind.BASICAUTH_CREDENTIAL, basicAuthCredential());
        registry.put(EntityKind.JWT_SECRET, jwtSecret());
        registry.put(EntityKind.ACL, acl());
    }

    /** A {@code tags} field: a set of tag strings. */
    static Field tags() {
        return Field.set("tags", Field.string().check(Typedefs.TAG));
    }

    static RecordSchema service() {
        List<EntityCheck> checks = new java.util.ArrayList<>();
        checks.add(EntityChecks.nullWhen("protocol",
                p -> List.of("tcp", "tls", "udp", "grpc", "grpcs").contains(p), "path"));
        for (String field : TLS_ONLY_SERVICE_FIELDS) {
            checks.add(EntityChecks.nullWhen("protocol", p -> !"https".equals(p) && !"tls".equals(p), field));
        }
        return new RecordSchema(List.of(
                Field.string("name").check(Typedefs.UTF8_NAME),
                Field.integer("retries").def(5).between(0, 32767),
                Field.string("protocol").required().def("http").oneOf(SERVICE_PROTOCOLS.toArray()),
                Field.string("host").required().check(Typedefs.HOST),
                Field.integer("port").required().def(80).between(0, 65535),
                Field.string("path").check(Typedefs.PATH),
                Field.integer("connect_timeout").def(60000).between(1, 2147483646),
                Field.integer("write_timeout").def(60000).between(1, 2147483646),
                Field.integer("read_timeout").def(60000).between(1, 2147483646),
                tags(),
                Field.foreign("client_certificate", EntityKind.CERTIFICATE),
                Field.bool("tls_verify"),
                Field.integer("tls_verify_depth").between(0, 64),
                Field.array("ca_certificates", Field.string()),
                Field.bool("enabled").required().def(true)),
                checks,
                List.of(ServiceUrl::expand));
    }

    static RecordSchema consumer() {
        return new RecordSchema(List.of(
                Field.string("username"),
                Field.string("custom_id"),
                tags()),
                List.of(EntityChecks.atLeastOneOf("custom_id", "username")));
    }

    /**
     * kongsync models a certificate's SNIs as its {@code snis} field rather than as separate entities. Certificates
     * and keys are checked as Kong's OpenSSL loads them ({@link CertificateChecks}).
     */
    static RecordSchema certificate() {
        return new RecordSchema(List.of(
                Field.string("cert").required().check(CertificateChecks.certificate(true)),
                Field.string("key").required().secret().check(CertificateChecks.key(true)),
                Field.string("cert_alt").check(CertificateChecks.certificate(true)),
                Field.string("key_alt").secret().check(CertificateChecks.key(true)),
                tags(),
                Field.set("snis", Field.string().check(Typedefs.WILDCARD_SNI))),
                List.of(EntityChecks.mutuallyRequired("cert_alt", "key_alt"),
                        CertificateChecks.keyMatches("cert", "key", CertificateChecks.KEY_MISMATCH),
                        CertificateChecks.keyMatches("cert_alt", "key_alt", CertificateChecks.ALT_KEY_MISMATCH),
                        CertificateChecks.differentKeyTypes("cert", "cert_alt")));
    }

    static RecordSchema caCertificate() {
        return new RecordSchema(List.of(
                Field.string("cert").required().check(CertificateChecks.certificate(false)),
                Field.string("cert_digest").auto(),
                tags()),
                List.of(CertificateChecks.caCertificate("cert", java.time.Clock.systemUTC())));
    }

    /** {@code ttl} is accepted on input but Kong echoes the remaining seconds, so it is never compared. */
    static RecordSchema keyAuthCredential() {
        return new RecordSchema(List.of(
                Field.foreign("consumer", EntityKind.CONSUMER).required(),
                Field.string("key").auto().secret(),
                Field.integer("ttl").auto(),
                tags()),
                List.of());
    }

    static RecordSchema basicAuthCredential() {
        return new RecordSchema(List.of(
                Field.foreign("consumer", EntityKind.CONSUMER).required(),
                Field.string("username").required(),
                Field.string("password").required().secret(),
                tags()),
                List.of());
    }

    static RecordSchema jwtSecret() {
        // RS*, PS* and EdDSA need a public key OpenSSL loads; Kong 3.9.1 does not ask one of HS* or ES*.
        EntityCheck publicKeyRequired = EntityChecks.conditional("algorithm",
                a -> a instanceof String s && (s.startsWith("RS") || s.startsWith("PS") || s.equals("EdDSA")),
                "rsa_public_key", CertificateChecks.jwtKey());
        return new RecordSchema(List.of(
                Field.foreign("consumer", EntityKind.CONSUMER).required(),
                Field.string("key").auto(),
                Field.string("secret").auto().secret(),
                Field.string("rsa_public_key").secret(),
                Field.string("algorithm").def("HS256").oneOf(JWT_ALGORITHMS.toArray()),
                tags()),
                List.of(publicKeyRequired));
    }

    static RecordSchema acl() {
        return new RecordSchema(List.of(
                Field.foreign("consumer", EntityKind.CONSUMER).required(),
                Field.string("group").required(),
                tags()),
                List.of());
    }
}
