package io.kongsync.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Trusted SSH host keys, checked strictly: a host that is not listed, or that presents a key other than the
 * listed ones, is refused. Nothing is ever added (no "accept-new"), so a first connection cannot be hijacked.
 * {@code @revoked} lines refuse their key; {@code @cert-authority} lines are not supported and ignored.
 * The last refusal is kept so the caller can say why a fetch failed.
 */
final class KnownHosts implements ServerKeyDatabase {

    private record Trusted(KnownHostEntry entry, PublicKey key, boolean revoked) {
    }

    private final List<Trusted> entries;
    private final String source;
    private volatile String lastRefusal;

    private KnownHosts(List<Trusted> entries, String source) {
        this.entries = entries;
        this.source = source;
    }

    /** Parses known_hosts text; lines whose key type this JVM cannot read are skipped. */
    static KnownHosts fromText(String text, String source) {
        List<KnownHostEntry> raw;
        try {
            raw = KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(text)));
        } catch (IOException | RuntimeException e) {
            throw new SourceException(source + " is not in known_hosts format (host key-type base64-key per line)");
        }
        List<Trusted> entries = new ArrayList<>();
        int unreadable = 0;
        for (KnownHostEntry entry : raw == null ? List.<KnownHostEntry>of() : raw) {
            AuthorizedKeyEntry keyEntry = entry.getKeyEntry();
            if (keyEntry == null || isMarked(entry, "cert-authority")) {
                continue;
            }
            try {
                PublicKey key = keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key == null) {
                    unreadable++;
                } else {
                    entries.add(new Trusted(entry, key, isMarked(entry, "revoked")));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                unreadable++;
            }
        }
        if (entries.stream().noneMatch(t -> !t.revoked()) && !text.isBlank()) {
            throw new SourceException(source + " has no usable host key"
                    + (unreadable > 0 ? " (" + unreadable + " of a key type this JVM cannot read, e.g. ssh-ed25519;"
                            + " include the host's ecdsa-sha2-nistp256 or ssh-rsa key)" : ""));
        }
        return new KnownHosts(List.copyOf(entries), source);
    }

    /** The machine's own known_hosts files, read only. */
    static KnownHosts fromSystemFiles() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                Path.of("/etc/ssh/ssh_known_hosts"))) {
            try {
                if (Files.isReadable(file)) {
                    text.append(Files.readString(file)).append('\n');
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable file trusts nothing
            }
        }
        if (text.toString().isBlank()) {
            return new KnownHosts(List.of(), "~/.ssh/known_hosts");
        }
        try {
            return fromText(text.toString(), "~/.ssh/known_hosts");
        } catch (SourceException e) {
            return new KnownHosts(List.of(), "~/.ssh/known_hosts");
        }
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        List<PublicKey> keys = new ArrayList<>();
        for (Trusted trusted : entries) {
            if (!trusted.revoked() && matches(trusted.entry(), connectAddress, remoteAddress)) {
                keys.add(trusted.key());
            }
        }
        return keys;
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        String fingerprint = serverKey.getAlgorithm() + " key " + KeyUtils.getFingerPrint(serverKey);
        String host = connectAddress == null ? String.valueOf(remoteAddress) : connectAddress;
        boolean known = false;
        for (Trusted trusted : entries) {
            if (!matches(trusted.entry(), connectAddress, remoteAddress)) {
                continue;
            }
            if (KeyUtils.compareKeys(trusted.key(), serverKey)) {
                if (trusted.revoked()) {
                    lastRefusal = "SSH host key of " + host + " is revoked in " + source + " (" + fingerprint + ")";
                    return false;
                }
                known = true;
            }
        }
        if (known) {
            lastRefusal = null;
            return true;
        }
        boolean hostListed = !lookup(connectAddress, remoteAddress, config).isEmpty();
        lastRefusal = hostListed
                ? "SSH host key of " + host + " does not match " + source + " (server sent " + fingerprint
                        + "); if the host really changed its key, update " + source
                : "SSH host " + host + " is not in " + source + " (server sent " + fingerprint
                        + "); add the host's known_hosts line after checking the fingerprint";
        return false;
    }

    /** sshd keeps the marker without its '@'; accept both spellings. */
    private static boolean isMarked(KnownHostEntry entry, String marker) {
        String m = entry.getMarker();
        return m != null && (m.equals(marker) || m.equals("@" + marker));
    }

    /** Why the last connection was refused, cleared by reading. */
    String takeRefusal() {
        String refusal = lastRefusal;
        lastRefusal = null;
        return refusal;
    }

    private static boolean matches(KnownHostEntry entry, String connectAddress, InetSocketAddress remote) {
        HostPort connect = HostPort.parse(connectAddress);
        if (connect != null && entry.isHostMatch(connect.host(), connect.port())) {
            return true;
        }
        return remote != null && entry.isHostMatch(remote.getHostString(), remote.getPort());
    }

    /** JGit names the server "host" for port 22 and "[host]:port" otherwise. */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            if (address == null || address.isEmpty()) {
                return null;
            }
            if (address.charAt(0) == '[') {
                int end = address.indexOf(']');
                if (end <= 1) {
                    return null;
                }
                int port = 22;
                if (end + 1 < address.length() && address.charAt(end + 1) == ':') {
                    try {
                        port = Integer.parseInt(address.substring(end + 2));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return new HostPort(address.substring(1, end), port);
            }
            int colon = address.lastIndexOf(':');
            if (colon > 0 && address.indexOf(':') == colon) {
                try {
                    return new HostPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    return new HostPort(address, 22);
                }
            }
            return new HostPort(address, 22);
        }
    }
}
