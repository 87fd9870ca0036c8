package io.kongsync.gokong;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import reactor.netty.ChannelBindException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Port 8001 on localhost, where go-kong 0.15's tests look for the Admin API, and the sandbox served there. The
 * sandbox listens on 127.0.0.1 only; {@link #inUse()} looks at every address localhost resolves to (often [::1]
 * too), because Go tries each of them and would talk to another server listening on any.
 */
final class AdminPort {

    static final int PORT = 8001;
    static final String IN_USE = "go-kong's integration tests need http://localhost:" + PORT
            + " and that port is in use by another process";
    /** How long a restart waits for the port to be free again (the previous sandbox's socket closing). */
    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(5);

    private AdminPort() {
    }

    /** Whether something already accepts connections on localhost:8001 (over IPv4 or IPv6). */
    static boolean inUse() {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        addresses.add(InetAddress.getLoopbackAddress());
        try {
            addresses.addAll(List.of(InetAddress.getAllByName("localhost")));
        } catch (UnknownHostException e) {
            // only the loopback address then
        }
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, PORT), 500);
                return true;
            } catch (IOException refused) {
                // nothing listens there
            }
        }
        return false;
    }

    /** A fresh, empty sandbox in database mode on 127.0.0.1:8001; null when the port stays taken. */
    static Sandbox startSandbox() {
        long deadline = System.nanoTime() + RESTART_PATIENCE.toNanos();
        while (true) {
            try {
                return Sandbox.start(SandboxOptions.defaults().withPort(PORT));
            } catch (ChannelBindException taken) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
