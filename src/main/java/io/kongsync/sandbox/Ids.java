package io.kongsync.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ids and generated secrets. */
final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static boolean isUuid(Object value) {
        return value instanceof String s && s.length() == 36 && UUID_TEXT.matcher(s).matches();
    }

    static String random() {
        return UUID.randomUUID().toString();
    }

    /** Kong's {@code random_string}: 32 hex characters, used for generated keys and secrets. */
    static String randomSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
