package io.kongsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH against a real embedded SSH server: the configured key, strict host keys, and clear errors. */
class SshSourceTest {

    @TempDir
    Path temp;

    private TestRepo repo;
    private KeyPair clientKey;
    private SshGitServer server;
    private String head;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(temp.resolve("remote"));
        head = repo.commit("routes", "routes/orders.yaml", "version: 1\n");
        clientKey = SshGitServer.rsaKeyPair();
        server = new SshGitServer(repo.origin(), clientKey.getPublic());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        repo.close();
    }

    private static String pem(KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "deploy key", encryption, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private GitSettings settings(String privateKey, String knownHosts) {
        return GitSettings.of(server.uri(), temp.resolve("git")).withSsh(privateKey, knownHosts);
    }

    private SourceException fetchFailure(GitSettings settings) {
        try (GitRouteSource source = new GitRouteSource(settings)) {
            return catchThrowableOfType(SourceException.class, () -> source.checkout(null));
        }
    }

    @Test
    void checksOutOverSshWithTheConfiguredKeyAndKnownHost() throws Exception {
        try (GitRouteSource source = new GitRouteSource(settings(pem(clientKey, null), server.knownHostsLine()))) {
            Snapshot snapshot = source.checkout(null);

            assertThat(snapshot.commit()).isEqualTo(head);
            assertThat(snapshot.routes().resolve("orders.yaml")).hasContent("version: 1");
            assertThat(source.info().uri()).isEqualTo(server.uri());
        }
    }

    @Test
    void aKeyWithEscapedNewlinesAsFromAnEnvironmentVariableWorks() throws Exception {
        String oneLine = pem(clientKey, null).replace("\n", "\\n");

        try (GitRouteSource source = new GitRouteSource(settings(oneLine, server.knownHostsLine()))) {
            assertThat(source.checkout(null).commit()).isEqualTo(head);
        }
    }

    @Test
    void aHostMissingFromKnownHostsIsRefusedNotAdded() throws Exception {
        String otherHost = "[127.0.0.2]:22 " + PublicKeyEntry.toString(SshGitServer.ecKeyPair().getPublic());

        SourceException error = fetchFailure(settings(pem(clientKey, null), otherHost));

        assertThat(error.getMessage()).startsWith("fetch from " + server.uri() + " failed: SSH host "
                + server.hostPattern() + " is not in kongsync.git.ssh-known-hosts (server sent EC key SHA256:");
    }

    @Test
    void withoutKnownHostsTheMachinesFilesAreUsedAndAnUnknownHostIsRefused() throws Exception {
        SourceException error = fetchFailure(settings(pem(clientKey, null), null));

        assertThat(error.getMessage()).contains("SSH host " + server.hostPattern() + " is not in ~/.ssh/known_hosts");
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        String impostor = server.hostPattern() + " " + PublicKeyEntry.toString(SshGitServer.ecKeyPair().getPublic());

        SourceException error = fetchFailure(settings(pem(clientKey, null), impostor));

        assertThat(error.getMessage()).contains("SSH host key of " + server.hostPattern()
                + " does not match kongsync.git.ssh-known-hosts (server sent EC key SHA256:");
    }

    @Test
    void aRevokedHostKeyIsRefused() throws Exception {
        String revoked = "@revoked " + server.knownHostsLine() + "\n" + server.knownHostsLine();

        SourceException error = fetchFailure(settings(pem(clientKey, null), revoked));

        assertThat(error.getMessage()).contains("SSH host key of " + server.hostPattern() + " is revoked");
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsWithoutShowingAnyKey() throws Exception {
        String otherKey = pem(SshGitServer.rsaKeyPair(), null);

        SourceException error = fetchFailure(settings(otherKey, server.knownHostsLine()));

        assertThat(error.getMessage()).startsWith("fetch from " + server.uri() + " failed: ");
        assertThat(error.getMessage()).doesNotContain(body(otherKey)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void unusablePrivateKeysAreRefusedUpFrontWithoutEchoingThem() throws Exception {
        String good = pem(clientKey, null);
        String corrupted = good.replace(body(good).substring(10, 60), "A".repeat(50));
        String encrypted = pem(SshGitServer.rsaKeyPair(), "correct horse");

        assertThatThrownBy(() -> new GitRouteSource(settings("ssh-rsa AAAAB3Nza... not a private key", null)))
                .isInstanceOf(SourceException.class)
                .hasMessage("the SSH private key (kongsync.git.ssh-private-key) is not PEM text:"
                        + " it must start with a -----BEGIN ... line");
        SourceException broken = catchThrowableOfType(SourceException.class,
                () -> new GitRouteSource(settings(corrupted, null)));
        assertThat(broken.getMessage())
                .startsWith("the SSH private key (kongsync.git.ssh-private-key) could not be read")
                .doesNotContain(body(corrupted).substring(0, 40));
        assertThatThrownBy(() -> new GitRouteSource(settings(encrypted, null)))
                .isInstanceOf(SourceException.class)
                .hasMessage("the SSH private key (kongsync.git.ssh-private-key) is encrypted;"
                        + " provide it without a passphrase")
                .hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> new GitRouteSource(settings(ed25519Pem(), null)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("ssh-ed25519")
                .hasMessageContaining("use an RSA or ECDSA key");
        assertThat(Files.exists(temp.resolve("git").resolve(GitRouteSource.REPOSITORY_DIR)))
                .as("nothing is set up with a bad key").isFalse();
    }

    @Test
    void knownHostsThatTrustNothingAreRefusedUpFront() throws Exception {
        assertThatThrownBy(() -> new GitRouteSource(settings(pem(clientKey, null), "github.com ssh-rsa not-base64!")))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("kongsync.git.ssh-known-hosts");
    }

    @Test
    void knownHostsLinesOfUnreadableKeyTypesAreSkipped() throws Exception {
        String keyscan = "# 127.0.0.1 SSH-2.0-OpenSSH\n"
                + server.hostPattern() + " ssh-ed25519 " + ed25519PublicKeyBase64() + "\n"
                + server.knownHostsLine() + "\n";

        try (GitRouteSource source = new GitRouteSource(settings(pem(clientKey, null), keyscan))) {
            assertThat(source.checkout(null).commit()).isEqualTo(head);
        }
    }

    private static String body(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    }

    /** An OpenSSH-format ed25519 key (random bytes; only the key type matters here). */
    private static String ed25519Pem() {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(600);
        buf.put("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        putString(buf, "none");
        putString(buf, "none");
        putString(buf, "");
        buf.putInt(1);
        byte[] publicBlob = ed25519PublicBlob();
        putBytes(buf, publicBlob);
        java.nio.ByteBuffer priv = java.nio.ByteBuffer.allocate(300);
        priv.putInt(42).putInt(42);
        putString(priv, "ssh-ed25519");
        putBytes(priv, new byte[32]);
        putBytes(priv, new byte[64]);
        putString(priv, "test");
        for (byte pad = 1; priv.position() % 8 != 0; pad++) {
            priv.put(pad);
        }
        byte[] privateBlock = java.util.Arrays.copyOf(priv.array(), priv.position());
        putBytes(buf, privateBlock);
        byte[] all = java.util.Arrays.copyOf(buf.array(), buf.position());
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(all)
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    private static String ed25519PublicKeyBase64() {
        return Base64.getEncoder().encodeToString(ed25519PublicBlob());
    }

    private static byte[] ed25519PublicBlob() {
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(51);
        putString(blob, "ssh-ed25519");
        putBytes(blob, new byte[32]);
        return blob.array();
    }

    private static void putString(java.nio.ByteBuffer buf, String s) {
        putBytes(buf, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void putBytes(java.nio.ByteBuffer buf, byte[] bytes) {
        buf.putInt(bytes.length).put(bytes);
    }
}
