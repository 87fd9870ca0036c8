package io.kongsync.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the sandbox: where to listen (port 0 picks a free port), DB-less or database mode, an artificial
 * per-request latency, and the Kong version it reports in {@code GET /}.
 */
public record SandboxOptions(String host, int port, boolean dbless, Duration latency, String version) {

    public SandboxOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        latency = latency == null ? Duration.ZERO : latency;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 0, false, Duration.ZERO, "3.9.1");
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(host, port, dbless, latency, version);
    }

    public SandboxOptions withDbless(boolean dbless) {
        return new SandboxOptions(host, port, dbless, latency, version);
    }

    public SandboxOptions withLatency(Duration latency) {
        return new SandboxOptions(host, port, dbless, latency, version);
    }

    public SandboxOptions withHost(String host) {
        return new SandboxOptions(host, port, dbless, latency, version);
    }
}
