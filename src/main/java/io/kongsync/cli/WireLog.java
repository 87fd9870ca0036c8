package io.kongsync.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/**
 * The AWS SDK's HTTP client (Apache HttpClient 5) logs every byte it receives at DEBUG, SSM's decrypted values
 * included. Whatever the logging configuration, that logger stays off.
 */
final class WireLog {

    static final String LOGGER = "org.apache.hc.client5.http.wire";

    private WireLog() {
    }

    static void silence() {
        if (LoggerFactory.getLogger(LOGGER) instanceof ch.qos.logback.classic.Logger wire) {
            wire.setLevel(Level.OFF);
        }
    }
}
