package io.kongsync.schema;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hash Kong's oauth2 plugin stores for a client secret when {@code hash_secret} is true:
 * {@code $pbkdf2-sha512$i=10000,l=32$<salt>$<hash>}, salt and hash in unpadded base64. The salt is random, so a
 * secret is compared with a stored hash by hashing it again with that hash's salt and parameters.
 */
public final class Pbkdf2Secret {

    private static final Pattern FORMAT =
            Pattern.compile("^\\$pbkdf2-sha512\\$i=(\\d+),l=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private Pbkdf2Secret() {
    }

    public static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return format(10000, 32, salt, derive(secret, salt, 10000, 32));
    }

    public static boolean isHash(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** True when {@code hashed} is Kong's hash of {@code secret}. */
    public static boolean matches(String secret, String hashed) {
        Matcher m = hashed == null ? null : FORMAT.matcher(hashed);
        if (secret == null || m == null || !m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        int length = Integer.parseInt(m.group(2));
        if (iterations > 1_000_000 || length > 128) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(3));
        byte[] expected = Base64.getDecoder().decode(m.group(4));
        return MessageDigest.isEqual(expected, derive(secret, salt, iterations, length));
    }

    private static String format(int iterations, int length, byte[] salt, byte[] hash) {
        return "$pbkdf2-sha512$i=" + iterations + ",l=" + length + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(hash);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, length * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
