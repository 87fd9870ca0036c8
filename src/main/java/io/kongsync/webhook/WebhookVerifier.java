package io.kongsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from whoever holds the shared secret.
 *
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}.</li>
 *   <li>GitLab: {@code X-Gitlab-Token} equals the secret token (GitLab signs nothing).</li>
 *   <li>Bitbucket Cloud and Data Center: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>};
 *       both send the same {@code method=signature} form, and HMAC-SHA256 is the only method either uses,
 *       so any other method is refused.</li>
 * </ul>
 * Every comparison takes the same time whatever the bytes, and tokens are compared through their SHA-256
 * digests so that not even their length leaks. No secret configured means no request verifies.
 */
public final class WebhookVerifier {

    static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
    static final String GITLAB_TOKEN = "X-Gitlab-Token";
    static final String BITBUCKET_SIGNATURE = "X-Hub-Signature";
    private static final String SHA256_PREFIX = "sha256=";

    private WebhookVerifier() {
    }

    /**
     * Constant-time check of the request against the configured secret, over the raw body bytes.
     *
     * @param header case-insensitive header lookup, null when the header is absent
     * @return false when the secret is null or empty, the header is missing or malformed, or the check fails
     */
    public static boolean verify(Provider provider, String secret, Function<String, String> header, byte[] body) {
        if (secret == null || secret.isEmpty() || body == null) {
            return false;
        }
        return switch (provider) {
            case GITHUB -> hmacMatches(header.apply(GITHUB_SIGNATURE), secret, body);
            case GITLAB -> tokenMatches(header.apply(GITLAB_TOKEN), secret);
            case BITBUCKET -> hmacMatches(header.apply(BITBUCKET_SIGNATURE), secret, body);
        };
    }

    /** The header value a provider would send for this body: {@code sha256=<hex>}. Handy for tests and tooling. */
    public static String sign(String secret, byte[] body) {
        return SHA256_PREFIX + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    private static boolean hmacMatches(String signature, String secret, byte[] body) {
        if (signature == null) {
            return false;
        }
        String value = signature.trim();
        if (!value.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(value.substring(SHA256_PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), claimed);
    }

    private static boolean tokenMatches(String token, String secret) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), sha256(secret));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
