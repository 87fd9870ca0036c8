package io.kongsync.git;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.security.auth.login.FailedLoginException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The SSH client for one repository: the private key from the settings (not ~/.ssh), host keys checked strictly
 * against the configured known hosts, and no ~/.ssh/config. Without a configured key, JGit's default identity
 * files under ~/.ssh are tried.
 */
final class SshAccess implements AutoCloseable {

    static final String KEY_SETTING = "the SSH private key (kongsync.git.ssh-private-key)";
    static final String KNOWN_HOSTS_SETTING = "kongsync.git.ssh-known-hosts";

    private final KnownHosts knownHosts;
    private final SshdSessionFactory factory;

    SshAccess(String privateKeyPem, String knownHostsText, Path fallbackHome) {
        this.knownHosts = knownHostsText == null
                ? KnownHosts.fromSystemFiles()
                : KnownHosts.fromText(knownHostsText, KNOWN_HOSTS_SETTING);
        File userHome = FS.DETECTED.userHome();
        File homeDir = userHome != null ? userHome : fallbackHome.toFile();
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(homeDir)
                .setSshDirectory(new File(homeDir, ".ssh"))
                .setConfigFile(sshDir -> null)
                .setServerKeyDatabase((home, sshDir) -> knownHosts);
        if (privateKeyPem != null && !privateKeyPem.isBlank()) {
            List<KeyPair> keys = parsePrivateKey(privateKeyPem);
            builder.setDefaultIdentities(sshDir -> List.of())
                    .setDefaultKeysProvider(sshDir -> keys)
                    .setPreferredAuthentications("publickey");
        }
        this.factory = builder.build(null);
    }

    /** Reads a PEM private key; the error names the problem, never the key's content. */
    static List<KeyPair> parsePrivateKey(String pem) {
        String text = pem.strip().replace("\\n", "\n") + "\n";
        if (!text.startsWith("-----BEGIN ")) {
            throw new SourceException(KEY_SETTING + " is not PEM text: it must start with a -----BEGIN ... line");
        }
        Iterable<KeyPair> pairs;
        try {
            pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("kongsync.git.ssh-private-key"),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
        } catch (FailedLoginException e) {
            throw new SourceException(KEY_SETTING + " is encrypted; provide it without a passphrase");
        } catch (java.security.NoSuchAlgorithmException e) {
            String type = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("ed25519")
                    ? "ssh-ed25519 (needs BouncyCastle or net.i2p EdDSA on the classpath)" : "this key type";
            throw new SourceException(KEY_SETTING + " cannot be used: " + type + " is not supported;"
                    + " use an RSA or ECDSA key");
        } catch (Exception e) {
            throw new SourceException(KEY_SETTING + " could not be read (" + e.getClass().getSimpleName()
                    + "); expected an unencrypted OpenSSH, PKCS#1 or PKCS#8 private key");
        }
        List<KeyPair> keys = new ArrayList<>();
        if (pairs != null) {
            pairs.forEach(keys::add);
        }
        if (keys.isEmpty()) {
            throw new SourceException(KEY_SETTING + " holds no private key");
        }
        return List.copyOf(keys);
    }

    void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    /** Why the last host key was refused, or null. */
    String takeHostKeyRefusal() {
        return knownHosts.takeRefusal();
    }

    @Override
    public void close() {
        factory.close();
    }
}
