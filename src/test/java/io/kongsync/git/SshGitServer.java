package io.kongsync.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/** A real SSH server (Apache MINA sshd) serving one bare repository with JGit's upload-pack, user "git". */
final class SshGitServer implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;

    SshGitServer(Path bareRepository, PublicKey authorizedKey) throws IOException, GeneralSecurityException {
        this.hostKey = ecKeyPair();
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user)
                && KeyUtils.compareKeys(key, authorizedKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new UploadPackCommand(bareRepository, command));
        server.start();
    }

    static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    String uri() {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/acme/routes.git";
    }

    /** How JGit names this server in known_hosts terms. */
    String hostPattern() {
        return "[127.0.0.1]:" + server.getPort();
    }

    String knownHostsLine() {
        return hostPattern() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class UploadPackCommand implements Command {
        private final Path repository;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread worker;

        UploadPackCommand(Path repository, String command) {
            this.repository = repository;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            worker = new Thread(this::run, "ssh-upload-pack");
            worker.start();
        }

        private void run() {
            int status = 0;
            try {
                if (!command.startsWith("git-upload-pack")) {
                    err.write(("unsupported command: " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    status = 127;
                    return;
                }
                try (Repository repo = new FileRepositoryBuilder().setGitDir(repository.toFile()).setBare().build()) {
                    new UploadPack(repo).upload(in, out, err);
                }
                out.flush();
            } catch (IOException e) {
                status = 1;
            } finally {
                exit.onExit(status);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }
}
