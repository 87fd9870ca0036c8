package io.kongsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A throwaway self-signed CA certificate and its key, made for these tests only. */
final class Pem {

    private Pem() {
    }

    static String cert() {
        return read("/sandbox/ca-cert.pem");
    }

    static String key() {
        return read("/sandbox/ca-key.pem");
    }

    private static String read(String resource) {
        try (InputStream in = Pem.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
