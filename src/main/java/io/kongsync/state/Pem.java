package io.kongsync.state;

import io.kongsync.schema.CertificateChecks;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** PEM helpers for certificates. */
final class Pem {

    private Pem() {
    }

    /**
     * Kong's {@code ca_certificates.cert_digest}: the SHA-256 of the certificate's DER encoding, lowercase hex. The
     * certificate is read as Kong reads it ({@link CertificateChecks#parseCertificate}): the first one in the text.
     *
     * @throws IllegalArgumentException when the text is not a PEM certificate
     */
    static String certificateDigest(String pem) {
        X509Certificate cert = CertificateChecks.parseCertificate(pem.trim())
                .orElseThrow(() -> new IllegalArgumentException("not a valid PEM certificate"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("not a valid PEM certificate", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
