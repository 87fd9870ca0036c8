package io.kongsync.sandbox;

import io.kongsync.schema.RouterFlavor;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the sandbox: where to listen (port 0 picks a free port), DB-less or database mode, an artificial
 * per-request latency, the Kong version it reports in {@code GET /}, the clock of its timestamps and TTLs, and the
 * router flavor it runs.
 */
public record SandboxOptions(String host, int port, boolean dbless, Duration latency, String version, Clock clock,
                             RouterFlavor routerFlavor) {

    public SandboxOptions {
        routerFlavor = routerFlavor == null ? RouterFlavor.DEFAULT : routerFlavor;
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        clock = clock == null ? Clock.systemUTC() : clock;
        latency = latency == null ? Duration.ZERO : latency;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    public SandboxOptions(String host, int port, boolean dbless, Duration latency, String version, Clock clock) {
        this(host, port, dbless, latency, version, clock, RouterFlavor.DEFAULT);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 0, false, Duration.ZERO, "3.9.1", Clock.systemUTC());
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }

    public SandboxOptions withDbless(boolean dbless) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }

    public SandboxOptions withLatency(Duration latency) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }

    public SandboxOptions withHost(String host) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }

    /** Kong's {@code router_flavor}: reported in {@code GET /}, and the routes schema the sandbox validates with. */
    public SandboxOptions withRouterFlavor(RouterFlavor routerFlavor) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }

    /** Timestamps and key-auth TTLs follow {@code clock} (tests move time forward without sleeping). */
    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(host, port, dbless, latency, version, clock, routerFlavor);
    }
}
