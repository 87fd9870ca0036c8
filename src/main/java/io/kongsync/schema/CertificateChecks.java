package io.kongsync.schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong 3.9's checks of certificates and keys, with its messages, in pure JDK crypto: the {@code certificate} and
 * {@code key} typedefs (a value OpenSSL cannot load), the entity checks of {@code certificates} (key matches
 * certificate, alternative certificate of another key type) and of {@code ca_certificates} (one certificate, not
 * expired, a CA), and the JWT plugin's check of {@code rsa_public_key}.
 * <p>
 * Keys are read as OpenSSL reads them: PEM or DER, PKCS#8, PKCS#1 ({@code RSA PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}) or a public key (X.509 SubjectPublicKeyInfo or PKCS#1). A message after
 * {@code x509.new:} or {@code pkey.new:load_key:} is OpenSSL's in Kong; here it says in plain words what failed.
 * Values of referenceable fields that are vault references ({@code {vault://...}}) are not checked, as Kong resolves
 * them later.
 */
public final class CertificateChecks {

    public static final String KEY_MISMATCH = "certificate does not match key";
    public static final String ALT_KEY_MISMATCH = "alternative certificate does not match key";
    public static final String SAME_KEY_TYPE = "certificate and alternative certificate need to have different type "
            + "(e.g. RSA and ECDSA), the provided certificates were both of the same type";
    public static final String MORE_THAN_ONE = "please submit only one certificate at a time";
    public static final String EXPIRED = "certificate expired, \"Not After\" time is in the past";
    public static final String NOT_A_CA = "certificate does not appear to be a CA because it is missing the \"CA\" "
            + "basic constraint";
    /** The JWT plugin's word for an {@code rsa_public_key} OpenSSL cannot load. */
    public static final String INVALID_JWT_KEY = "invalid key";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----[ \\t]*\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> CERTIFICATE_LABELS = List.of("CERTIFICATE", "X509 CERTIFICATE");
    private static final String CERT_TAG = "-----BEGIN CERTIFICATE-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA",
            "X25519", "X448");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateChecks() {
    }

    // ---- field checks ------------------------------------------------------------------------------------------------

    /** Kong's {@code certificate} typedef: {@code invalid certificate: ...} when OpenSSL cannot load it. */
    public static Check certificate(boolean referenceable) {
        return value -> {
            if (!(value instanceof String text) || (referenceable && isReference(text))) {
                return null;
            }
            String why = certificateProblem(text);
            return why == null ? null : "invalid certificate: x509.new: " + why;
        };
    }

    /** Kong's {@code key} typedef: {@code invalid key: ...} when OpenSSL cannot load it. */
    public static Check key(boolean referenceable) {
        return value -> {
            if (!(value instanceof String text) || (referenceable && isReference(text))) {
                return null;
            }
            return parseKey(text).isPresent() ? null : "invalid key: pkey.new:load_key: " + keyProblem(text);
        };
    }

    /** The JWT plugin's {@code rsa_public_key} check: any key OpenSSL loads, else {@code invalid key}. */
    public static Check jwtKey() {
        return value -> value instanceof String text && parseKey(text).isEmpty() ? INVALID_JWT_KEY : null;
    }

    // ---- entity checks -----------------------------------------------------------------------------------------------

    /**
     * A certificate's public key must be its key's: {@code message} as an {@code @entity} error otherwise. Skipped
     * when either field is unset, a reference, or does not load (the field checks report that).
     */
    public static EntityCheck keyMatches(String certField, String keyField, String message) {
        return record -> {
            Optional<X509Certificate> cert = loaded(record, certField).flatMap(CertificateChecks::parseCertificate);
            Optional<Key> key = loaded(record, keyField).flatMap(CertificateChecks::parseKey);
            if (cert.isEmpty() || key.isEmpty() || matches(cert.get().getPublicKey(), key.get())) {
                return List.of();
            }
            return List.of(new FieldError(FieldError.ENTITY, message));
        };
    }

    /** A certificate and its alternative must hold keys of different types (RSA and ECDSA). */
    public static EntityCheck differentKeyTypes(String certField, String altField) {
        return record -> {
            Optional<X509Certificate> cert = loaded(record, certField).flatMap(CertificateChecks::parseCertificate);
            Optional<X509Certificate> alt = loaded(record, altField).flatMap(CertificateChecks::parseCertificate);
            if (cert.isEmpty() || alt.isEmpty()
                    || !keyType(cert.get().getPublicKey()).equals(keyType(alt.get().getPublicKey()))) {
                return List.of();
            }
            return List.of(new FieldError(FieldError.ENTITY, SAME_KEY_TYPE));
        };
    }

    /** A CA certificate: only one in the text, not expired at {@code clock}'s now, with the CA basic constraint. */
    public static EntityCheck caCertificate(String field, Clock clock) {
        return record -> {
            if (!(record.get(field) instanceof String text)) {
                return List.of();
            }
            Optional<X509Certificate> cert = parseCertificate(text);
            if (cert.isEmpty()) {
                return List.of();
            }
            int first = text.indexOf(CERT_TAG);
            String problem = first >= 0 && text.indexOf(CERT_TAG, first + CERT_TAG.length()) >= 0 ? MORE_THAN_ONE
                    : cert.get().getNotAfter().toInstant().isBefore(clock.instant()) ? EXPIRED
                    : cert.get().getBasicConstraints() < 0 ? NOT_A_CA
                    : null;
            return problem == null ? List.of() : List.of(new FieldError(FieldError.ENTITY, problem));
        };
    }

    // ---- parsing -----------------------------------------------------------------------------------------------------

    /** The first certificate of the text: its first PEM {@code CERTIFICATE} block, or the text as DER. */
    public static Optional<X509Certificate> parseCertificate(String text) {
        byte[] der = firstBlock(text, CERTIFICATE_LABELS).orElseGet(() -> text.getBytes(StandardCharsets.ISO_8859_1));
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A private or public key as OpenSSL loads one: the first PEM block holding a key (an encrypted one does not
     * load without its passphrase), or the text as DER.
     */
    public static Optional<Key> parseKey(String text) {
        Matcher m = PEM.matcher(text);
        boolean anyBlock = false;
        while (m.find()) {
            anyBlock = true;
            Optional<byte[]> der = decode(m.group(2));
            if (der.isEmpty()) {
                continue;
            }
            Optional<Key> key = switch (m.group(1)) {
                case "PRIVATE KEY" -> pkcs8(der.get());
                case "RSA PRIVATE KEY" -> pkcs8(sequence(der(0x02, new byte[]{0}), RSA_ALGORITHM, der(0x04, der.get())));
                case "EC PRIVATE KEY" -> sec1(der.get());
                case "PUBLIC KEY" -> spki(der.get());
                case "RSA PUBLIC KEY" -> spki(sequence(RSA_ALGORITHM, der(0x03, concat(new byte[]{0}, der.get()))));
                default -> Optional.empty();
            };
            if (key.isPresent()) {
                return key;
            }
        }
        if (anyBlock) {
            return Optional.empty();
        }
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        Optional<Key> key = pkcs8(raw);
        return key.isPresent() ? key : spki(raw);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static String certificateProblem(String text) {
        if (parseCertificate(text).isPresent()) {
            return null;
        }
        return firstBlock(text, CERTIFICATE_LABELS).isPresent()
                ? "the CERTIFICATE block does not decode as an X.509 certificate"
                : "no PEM CERTIFICATE block, and not a DER certificate";
    }

    private static String keyProblem(String text) {
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            return "no PEM key block, and not a DER key";
        }
        return m.group(1).startsWith("ENCRYPTED") ? "an encrypted key needs a passphrase"
                : "the " + m.group(1) + " block does not decode as a key";
    }

    private static boolean isReference(String text) {
        return text.startsWith("{vault://") && text.endsWith("}");
    }

    /** The field's text when it is set and not a vault reference. */
    private static Optional<String> loaded(Map<String, Object> record, String field) {
        return record.get(field) instanceof String text && !isReference(text) ? Optional.of(text) : Optional.empty();
    }

    /**
     * Whether {@code key} is {@code certificateKey}'s private key, or that very public key. As Kong compares public
     * keys, the private key's public half is compared: RSA's modulus and exponent, EC's point computed from the private
     * scalar (which needs no signing, so curves the JDK cannot sign with are judged too); other keys sign and verify.
     * When the JDK can decide neither way the keys are taken to match, leaving the judgement to Kong.
     */
    static boolean matches(PublicKey certificateKey, Key key) {
        if (!certificateKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        if (key instanceof PublicKey pub) {
            return certificateKey instanceof ECPublicKey ec && pub instanceof ECPublicKey other
                    ? sameCurve(ec.getParams(), other.getParams()) && ec.getW().equals(other.getW())
                    : java.util.Arrays.equals(certificateKey.getEncoded(), pub.getEncoded());
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return certificateKey instanceof RSAPublicKey pub && pub.getModulus().equals(rsa.getModulus())
                    && pub.getPublicExponent().equals(rsa.getPublicExponent());
        }
        if (key instanceof ECPrivateKey ec && certificateKey instanceof ECPublicKey pub) {
            if (!sameCurve(pub.getParams(), ec.getParams())) {
                return false;
            }
            Optional<ECPoint> point = EcPoints.publicPoint(ec);
            return point.isEmpty() || point.get().equals(pub.getW());
        }
        return signsAndVerifies(certificateKey, (PrivateKey) key);
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator());
    }

    /** Whether a signature by {@code key} verifies with {@code certificateKey}; true when the JDK cannot sign. */
    private static boolean signsAndVerifies(PublicKey certificateKey, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        byte[] data = new byte[32];
        RANDOM.nextBytes(data);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            signature = signer.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            return true;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** OpenSSL's key type: RSA, EC, Ed25519 and Ed448 apart, RSA-PSS apart from RSA. */
    private static String keyType(PublicKey key) {
        return key instanceof EdECKey ed ? ed.getParams().getName() : key.getAlgorithm();
    }

    private static Optional<byte[]> firstBlock(String text, List<String> labels) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (labels.contains(m.group(1))) {
                return decode(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Key> pkcs8(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return Optional.empty();
    }

    private static Optional<Key> spki(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return Optional.empty();
    }

    /** A SEC1 {@code ECPrivateKey} wrapped as PKCS#8, with the curve its {@code [0]} parameters name. */
    private static Optional<Key> sec1(byte[] der) {
        List<byte[]> elements = elements(der);
        for (byte[] element : elements) {
            if ((element[0] & 0xff) == 0xa0) {
                byte[] curve = content(element);
                if (curve.length == 0 || curve[0] != 0x06) {
                    return Optional.empty();
                }
                byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curve);
                return pkcs8(sequence(der(0x02, new byte[]{0}), algorithm, der(0x04, der)));
            }
        }
        return Optional.empty();
    }

    /** The TLVs inside a constructed TLV; empty when it does not parse. */
    private static List<byte[]> elements(byte[] tlv) {
        List<byte[]> out = new ArrayList<>();
        try {
            byte[] body = content(tlv);
            int i = 0;
            while (i < body.length) {
                int start = i;
                i++;
                int length = body[i++] & 0xff;
                if (length > 0x80) {
                    int n = length - 0x80;
                    length = 0;
                    for (int k = 0; k < n; k++) {
                        length = (length << 8) | (body[i++] & 0xff);
                    }
                }
                i += length;
                if (i > body.length) {
                    return List.of();
                }
                out.add(java.util.Arrays.copyOfRange(body, start, i));
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The content octets of one TLV. */
    private static byte[] content(byte[] tlv) {
        int i = 1;
        int length = tlv[i++] & 0xff;
        if (length > 0x80) {
            int n = length - 0x80;
            length = 0;
            for (int k = 0; k < n; k++) {
                length = (length << 8) | (tlv[i++] & 0xff);
            }
        }
        return java.util.Arrays.copyOfRange(tlv, i, i + length);
    }

    private static byte[] sequence(byte[]... parts) {
        return der(0x30, concat(parts));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = java.math.BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String text) {
        return java.util.HexFormat.of().parseHex(text);
    }
}
