package io.kongsync.schema;

import io.kongsync.model.EntityKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kong's certificate, key and CA checks on real keys and certificates made with openssl for these tests
 * ({@code src/test/resources/certs}): a CA, an expired CA, RSA and EC leaf certificates (not CAs) with their keys in
 * PKCS#8, PKCS#1 and SEC1, another RSA key, and public keys; secp256k1 and brainpoolP256r1 certificates with their
 * keys (curves the JDK reads but cannot sign with), one without its public key, and another secp256k1 key.
 */
class CertificateChecksTest {

    private static final Map<String, Object> NONE = Map.of();

    static String pem(String name) {
        try (InputStream in = CertificateChecksTest.class.getResourceAsStream("/certs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource certs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyKeyFormatOpenSslWritesLoads() {
        assertThat(CertificateChecks.parseKey(pem("leaf-rsa.key"))).get().isInstanceOf(RSAPrivateKey.class);
        assertThat(CertificateChecks.parseKey(pem("leaf-rsa.pkcs1.key"))).get().isInstanceOf(RSAPrivateKey.class);
        assertThat(CertificateChecks.parseKey(pem("leaf-ec.key"))).get().isInstanceOf(ECPrivateKey.class);
        assertThat(CertificateChecks.parseKey(pem("leaf-ec.pkcs8.key"))).get().isInstanceOf(ECPrivateKey.class);
        for (String pub : List.of("rsa.pub", "ec.pub", "ed25519.pub")) {
            assertThat(CertificateChecks.parseKey(pem(pub))).as(pub).isPresent();
        }
        assertThat(CertificateChecks.parseKey("k")).isEmpty();
        assertThat(CertificateChecks.parseKey(pem("leaf-rsa.crt"))).isEmpty();
    }

    @Test
    void certificatesThatDoNotLoadAreInvalid() {
        Check check = CertificateChecks.certificate(true);
        String broken = pem("leaf-rsa.crt").replace("MII", "MIX");

        assertThat(check.test(pem("leaf-rsa.crt"))).isNull();
        assertThat(check.test(pem("ca.crt") + pem("leaf-ec.crt"))).isNull();
        assertThat(check.test("c")).startsWith("invalid certificate: x509.new: ");
        assertThat(check.test(broken)).startsWith("invalid certificate: x509.new: ");
        assertThat(check.test(pem("leaf-rsa.key"))).startsWith("invalid certificate: ");
        assertThat(check.test("{vault://env/cert}")).isNull();
        assertThat(CertificateChecks.certificate(false).test("{vault://env/cert}")).startsWith("invalid certificate: ");
    }

    @Test
    void keysThatDoNotLoadAreInvalid() {
        Check check = CertificateChecks.key(true);

        assertThat(check.test(pem("leaf-ec.key"))).isNull();
        assertThat(check.test("k")).startsWith("invalid key: pkey.new:load_key: ");
        assertThat(check.test(pem("leaf-rsa.crt"))).startsWith("invalid key: ");
        assertThat(check.test("{vault://env/key}")).isNull();
    }

    @Test
    void aKeyMatchesItsCertificateOnly() {
        EntityCheck check = CertificateChecks.keyMatches("cert", "key", CertificateChecks.KEY_MISMATCH);

        assertThat(check.test(pair("leaf-rsa.crt", "leaf-rsa.key"))).isEmpty();
        assertThat(check.test(pair("leaf-rsa.crt", "leaf-rsa.pkcs1.key"))).isEmpty();
        assertThat(check.test(pair("leaf-rsa.crt", "rsa.pub"))).isEmpty();
        assertThat(check.test(pair("leaf-ec.crt", "leaf-ec.key"))).isEmpty();
        assertThat(check.test(pair("leaf-ec.crt", "leaf-ec.pkcs8.key"))).isEmpty();
        assertThat(check.test(pair("leaf-rsa.crt", "other-rsa.key")))
                .containsExactly(new FieldError("@entity", "certificate does not match key"));
        assertThat(check.test(pair("leaf-rsa.crt", "leaf-ec.key"))).hasSize(1);
        assertThat(check.test(pair("leaf-ec.crt", "leaf-rsa.key"))).hasSize(1);
        assertThat(check.test(Map.of("cert", "c", "key", pem("other-rsa.key")))).as("left to the field check").isEmpty();
        assertThat(check.test(NONE)).isEmpty();
    }

    @Test
    void aKeyOnACurveTheJdkCannotSignWithMatchesByItsPublicPoint() {
        EntityCheck check = CertificateChecks.keyMatches("cert", "key", CertificateChecks.KEY_MISMATCH);

        assertThat(check.test(pair("secp256k1.crt", "secp256k1.key"))).isEmpty();
        assertThat(check.test(pair("secp256k1.crt", "secp256k1.pkcs8.key"))).isEmpty();
        assertThat(check.test(pair("secp256k1.crt", "secp256k1.nopub.key"))).as("no public key in the SEC1 key").isEmpty();
        assertThat(check.test(pair("secp256k1.crt", "secp256k1.pub"))).isEmpty();
        assertThat(check.test(pair("brainpool.crt", "brainpool.key"))).isEmpty();
        assertThat(check.test(pair("brainpool.crt", "brainpool.pkcs8.key"))).isEmpty();
        assertThat(check.test(pair("secp256k1.crt", "other-secp256k1.key")))
                .containsExactly(new FieldError("@entity", "certificate does not match key"));
        assertThat(check.test(pair("secp256k1.crt", "brainpool.key"))).as("another curve").hasSize(1);
        assertThat(check.test(pair("leaf-ec.crt", "secp256k1.key"))).hasSize(1);
        assertThat(KeyChecks.pem(Map.of("private_key", pem("secp256k1.key"), "public_key", pem("secp256k1.pub"))))
                .isNull();
        assertThat(KeyChecks.pem(Map.of("private_key", pem("other-secp256k1.key"), "public_key", pem("secp256k1.pub"))))
                .isEqualTo("public key does not match private key");
    }

    @Test
    void spacesAfterAPemHeaderAreToleratedAsOpenSslDoes() {
        String rsa = pem("rsa.pub").replace("-----BEGIN PUBLIC KEY-----\n", "-----BEGIN PUBLIC KEY-----  \t\r\n");

        assertThat(CertificateChecks.parseKey(rsa)).isPresent();
        assertThat(CertificateChecks.key(false).test(pem("leaf-ec.key").replace("KEY-----\n", "KEY----- \n"))).isNull();
        assertThat(CertificateChecks.certificate(false).test(pem("leaf-rsa.crt").replace("CATE-----\n", "CATE-----\t\n")))
                .isNull();
    }

    @Test
    void anAlternativeCertificateNeedsAnotherKeyType() {
        EntityCheck check = CertificateChecks.differentKeyTypes("cert", "cert_alt");

        assertThat(check.test(Map.of("cert", pem("leaf-rsa.crt"), "cert_alt", pem("leaf-ec.crt")))).isEmpty();
        assertThat(check.test(Map.of("cert", pem("leaf-rsa.crt"), "cert_alt", pem("ca.crt")))).containsExactly(
                new FieldError("@entity", "certificate and alternative certificate need to have different type "
                        + "(e.g. RSA and ECDSA), the provided certificates were both of the same type"));
        assertThat(check.test(Map.of("cert", pem("leaf-rsa.crt")))).isEmpty();
    }

    @Test
    void aCaCertificateIsOneUnexpiredCa() {
        EntityCheck now = CertificateChecks.caCertificate("cert", Clock.systemUTC());
        EntityCheck in2200 = CertificateChecks.caCertificate("cert",
                Clock.fixed(Instant.parse("2200-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThat(now.test(Map.of("cert", pem("ca.crt")))).isEmpty();
        assertThat(now.test(Map.of("cert", pem("expired-ca.crt"))))
                .containsExactly(new FieldError("@entity", "certificate expired, \"Not After\" time is in the past"));
        assertThat(in2200.test(Map.of("cert", pem("ca.crt")))).extracting(FieldError::message)
                .containsExactly("certificate expired, \"Not After\" time is in the past");
        assertThat(now.test(Map.of("cert", pem("leaf-rsa.crt")))).containsExactly(new FieldError("@entity",
                "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint"));
        assertThat(now.test(Map.of("cert", pem("ca.crt") + pem("leaf-rsa.crt"))))
                .containsExactly(new FieldError("@entity", "please submit only one certificate at a time"));
        assertThat(now.test(Map.of("cert", "c"))).isEmpty();
    }

    @Test
    void jwtPublicKeysMustLoad() {
        Check check = CertificateChecks.jwtKey();

        assertThat(check.test(pem("rsa.pub"))).isNull();
        assertThat(check.test(pem("ed25519.pub"))).isNull();
        assertThat(check.test("test")).isEqualTo("invalid key");
    }

    @Test
    void theEntitySchemasRunTheChecksInKongsOrder() {
        KongValidator validator = new KongValidator();
        var certificate = Schemas.entity(EntityKind.CERTIFICATE);

        assertThat(validator.validate(certificate, Map.of("cert", pem("leaf-rsa.crt"), "key", pem("leaf-rsa.key"),
                "cert_alt", pem("leaf-ec.crt"), "key_alt", pem("leaf-ec.key")))).isEmpty();
        assertThat(validator.validate(certificate, Map.of("cert", pem("leaf-rsa.crt"), "key", pem("other-rsa.key"))))
                .containsExactly(new FieldError("@entity", "certificate does not match key"));
        assertThat(validator.validate(certificate, Map.of("cert", pem("leaf-rsa.crt"), "key", pem("leaf-rsa.key"),
                "cert_alt", pem("leaf-ec.crt"), "key_alt", pem("leaf-rsa.key"))))
                .containsExactly(new FieldError("@entity", "alternative certificate does not match key"));
        assertThat(validator.validate(certificate, Map.of("cert", "c", "key", pem("leaf-rsa.key"))))
                .extracting(FieldError::path).containsExactly("cert");
        assertThat(validator.validate(Schemas.entity(EntityKind.CA_CERTIFICATE), Map.of("cert", pem("leaf-ec.crt"))))
                .extracting(FieldError::message)
                .containsExactly("certificate does not appear to be a CA because it is missing the \"CA\" basic constraint");
        assertThat(validator.validate(Schemas.entity(EntityKind.JWT_SECRET),
                Map.of("consumer", "bob", "algorithm", "PS256", "rsa_public_key", "test"))).containsExactly(
                new FieldError("@entity", "failed conditional validation given value of field 'algorithm'"),
                new FieldError("rsa_public_key", "invalid key"));
        assertThat(validator.validate(Schemas.entity(EntityKind.JWT_SECRET),
                Map.of("consumer", "bob", "algorithm", "ES256"))).as("Kong 3.9.1 asks no key of ES*").isEmpty();
    }

    private static Map<String, Object> pair(String cert, String key) {
        return Map.of("cert", pem(cert), "key", pem(key));
    }
}
