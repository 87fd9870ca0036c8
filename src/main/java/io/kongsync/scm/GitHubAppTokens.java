package io.kongsync.scm;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installation access tokens of a GitHub App: a JWT signed RS256 with the App's private key (issued a minute in the
 * past against clock drift, valid nine minutes, GitHub allowing at most ten) buys one from
 * {@code POST /app/installations/{id}/access_tokens}; it is kept until five minutes before its {@code expires_at}.
 */
final class GitHubAppTokens {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, for wrapping a PKCS#1 key into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private final ScmHttp http;
    private final String appId;
    private final PrivateKey key;
    private final URI tokenUrl;
    private final String name = ScmApi.GITHUB.displayName();
    private String token;
    private Instant renewAt = Instant.MIN;

    /** @throws IllegalArgumentException when the private key is not a PEM RSA private key */
    GitHubAppTokens(ScmHttp http, ScmSettings.GitHub settings) {
        this.http = http;
        this.appId = settings.appId();
        this.key = privateKey(settings.appPrivateKey());
        this.tokenUrl = URI.create(settings.apiUrl() + "/app/installations/" + settings.appInstallationId()
                + "/access_tokens");
    }

    /** A valid installation token, asked of GitHub only when none is kept or it expires soon. */
    synchronized String token() throws ScmCallFailed {
        Instant now = http.clock().instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String jwt = jwt(now);
        headers.put("Authorization", "Bearer " + jwt);
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", GitHubApi.API_VERSION);
        ScmHttp.Answer answer = http.send(name, "POST", tokenUrl, headers, null, List.of(jwt));
        String issued = GitHubApi.text(answer.body().get("token"));
        if (issued == null) {
            throw new ScmCallFailed(answer.status(), name + " answered POST " + tokenUrl.getRawPath()
                    + " without a token");
        }
        token = issued;
        renewAt = expiry(GitHubApi.text(answer.body().get("expires_at")), now).minus(RENEW_BEFORE_EXPIRY);
        return token;
    }

    /** GitHub's {@code expires_at}; an hour (what GitHub grants) when it sent none that reads. */
    private static Instant expiry(String expiresAt, Instant now) {
        if (expiresAt != null) {
            try {
                return Instant.parse(expiresAt);
            } catch (DateTimeParseException e) {
                // fall through to GitHub's usual lifetime
            }
        }
        return now.plus(Duration.ofHours(1));
    }

    /** The token kept now, to scrub from messages; null when none. */
    synchronized String cached() {
        return token;
    }

    String jwt(Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", now.minusSeconds(60).getEpochSecond());
        claims.put("exp", now.plusSeconds(9 * 60).getEpochSecond());
        claims.put("iss", appId.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(appId) : appId);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(ScmHttp.JSON.writeValueAsBytes(header)) + "."
                + base64.encodeToString(ScmHttp.JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the GitHub App JWT failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A PEM private key: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub hands them out) or PKCS#8. */
    static PrivateKey privateKey(String pem) {
        String text = pem.replace("\\n", "\n");
        boolean pkcs1 = text.contains("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(
                    "kongsync.scm.github.app-private-key is not a PEM private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
        String body = text.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("kongsync.scm.github.app-private-key is not a readable RSA private key");
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.writeBytes(der(0x04, pkcs1));
        return der(0x30, inner.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
