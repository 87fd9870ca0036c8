package io.kongsync.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Kong stores a basic-auth password as {@code sha1_hex(password .. consumer_id)} and returns only that hash. */
final class BasicAuthPassword {

    private BasicAuthPassword() {
    }

    static boolean matches(String plaintext, Object stored, UUID consumerId) {
        return consumerId != null && stored instanceof String hash && hash.equalsIgnoreCase(hash(plaintext, consumerId));
    }

    static String hash(String plaintext, UUID consumerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((plaintext + consumerId).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}
