package io.kongsync.git;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach a git repository of route files.
 *
 * @param uri            https://, ssh://, scp-like (git@host:org/repo.git), file:// or a local path. Credentials in
 *                       its user-info are used (when username/password are not set) but never stored or shown.
 * @param branch         the branch to follow; default {@code main}
 * @param path           the routes directory (or single file) inside the repository; default {@code routes};
 *                       "" or "." for the repository root
 * @param username       HTTPS user name (for a token: any non-empty name, e.g. {@code x-access-token}, or the
 *                       token itself when the host wants it there and password is empty)
 * @param password       HTTPS password or token; also used for SSH password authentication
 * @param sshPrivateKey  PEM text of an unencrypted private key (OpenSSH, PKCS#1 or PKCS#8; RSA or ECDSA) used
 *                       instead of anything under ~/.ssh
 * @param sshKnownHosts  known_hosts text trusted for SSH host keys. Host keys are always checked strictly: a host
 *                       that is not listed, or presents a different key, is refused, never added. When null the
 *                       machine's ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts are read (never written).
 * @param workDir        directory owned by the source: the bare clone and the per-commit snapshots live under it
 * @param timeout        network timeout for fetches (rounded up to whole seconds); default 60 s
 */
public record GitSettings(String uri, String branch, String path, String username, String password,
        String sshPrivateKey, String sshKnownHosts, Path workDir, Duration timeout) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_PATH = "routes";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public GitSettings {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("git uri is required");
        }
        if (workDir == null) {
            throw new IllegalArgumentException("git work directory is required");
        }
        uri = uri.trim();
        branch = branch == null || branch.isBlank() ? DEFAULT_BRANCH : branch.trim();
        path = path == null ? DEFAULT_PATH : normalizePath(path);
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }

    /** Settings with the defaults for everything but the URI and work directory. */
    public static GitSettings of(String uri, Path workDir) {
        return new GitSettings(uri, null, null, null, null, null, null, workDir, null);
    }

    public GitSettings withBranch(String newBranch) {
        return new GitSettings(uri, newBranch, path, username, password, sshPrivateKey, sshKnownHosts, workDir, timeout);
    }

    public GitSettings withPath(String newPath) {
        return new GitSettings(uri, branch, newPath, username, password, sshPrivateKey, sshKnownHosts, workDir, timeout);
    }

    public GitSettings withCredentials(String newUsername, String newPassword) {
        return new GitSettings(uri, branch, path, newUsername, newPassword, sshPrivateKey, sshKnownHosts, workDir,
                timeout);
    }

    public GitSettings withSsh(String privateKey, String knownHosts) {
        return new GitSettings(uri, branch, path, username, password, privateKey, knownHosts, workDir, timeout);
    }

    public GitSettings withTimeout(Duration newTimeout) {
        return new GitSettings(uri, branch, path, username, password, sshPrivateKey, sshKnownHosts, workDir,
                newTimeout);
    }

    /** Settings hold secrets: never print them. */
    @Override
    public String toString() {
        return "GitSettings[uri=" + RemoteUri.display(uri) + ", branch=" + branch + ", path=" + path
                + ", username=" + (username == null ? "none" : "set") + ", password=" + mask(password)
                + ", sshPrivateKey=" + mask(sshPrivateKey) + ", sshKnownHosts=" + (sshKnownHosts == null ? "none" : "set")
                + ", workDir=" + workDir + ", timeout=" + timeout + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "none" : "****";
    }

    static String normalizePath(String path) {
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(".")) {
            p = "";
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("git path must stay inside the repository: " + path);
            }
        }
        return p;
    }
}
