package io.kongsync.state;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** PEM helpers for certificates. */
final class Pem {

    private Pem() {
    }

    /**
     * Kong's {@code ca_certificates.cert_digest}: the SHA-256 of the certificate's DER encoding, lowercase hex.
     *
     * @throws IllegalArgumentException when the text is not a PEM certificate
     */
    static String certificateDigest(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a valid PEM certificate", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
