package io.kongsync.testsupport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

/** This machine's network interfaces, for tests of what listens where. */
public final class Interfaces {

    private Interfaces() {
    }

    /** An IPv4 address of an interface that is up and not loopback; null when the machine has none. */
    public static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : nic.inetAddresses().toList()) {
                if (address instanceof Inet4Address) {
                    return address;
                }
            }
        }
        return null;
    }
}
