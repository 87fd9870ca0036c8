package io.kongsync.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of {@code kongsync serve}, under {@code kongsync.*} (environment: {@code KONGSYNC_GIT_URI} and so
 * on). The secrets among them never print: each record's {@code toString} says only whether one is set.
 *
 * @param dataDir      where the git clone, its snapshots and the sync history live
 * @param syncOnStart  reconcile once when the service starts, so Kong matches git after every deployment
 * @param shutdownWait how long a stop waits for a running sync to end, once, before the server closes (ECS stops a
 *                     task 30 s after SIGTERM by default)
 * @param publicUrl    kongsync's own address as the reviewers of pull requests reach it (e.g.
 *                     {@code https://kongsync.example.com}); the reviews link to the full report there. Unset: no link
 * @param scm          the git providers' APIs that pull-request reviews are reported to
 * @param store        the shared store several replicas keep the history in; unset: files in {@code dataDir}
 */
@ConfigurationProperties("kongsync")
public record KongsyncProperties(@DefaultValue Git git, @DefaultValue Kong kong, @DefaultValue Api api,
                                 @DefaultValue Webhook webhook, @DefaultValue Drift drift,
                                 @DefaultValue Sync sync, @DefaultValue History history, @DefaultValue Aws aws,
                                 @DefaultValue("data") Path dataDir, @DefaultValue("true") boolean syncOnStart,
                                 @DefaultValue("20s") Duration shutdownWait, URI publicUrl, @DefaultValue Scm scm,
                                 @DefaultValue Store store) {

    /**
     * The repository holding the route files. Without {@code uri} the service reads the local {@code path}
     * directory instead.
     *
     * @param sshPrivateKey  a PEM private key, for {@code ssh://} and {@code git@host:} URIs
     * @param sshKnownHosts  known_hosts lines for the git server; required with an SSH key
     */
    public record Git(String uri, @DefaultValue("main") String branch, @DefaultValue("routes") String path,
                      String username, String password, String sshPrivateKey, String sshKnownHosts,
                      @DefaultValue("60s") Duration timeout) {

        @Override
        public String toString() {
            return "Git[uri=" + Redact.uri(uri) + ", branch=" + branch + ", path=" + path + ", username=" + username
                    + ", password=" + Redact.set(password) + ", sshPrivateKey=" + Redact.set(sshPrivateKey) + "]";
        }
    }

    /**
     * The Kong to keep in line. Without {@code adminUrl} (and without discovery) the service starts the kongsync
     * sandbox, an in-memory stand-in for the Kong Admin API, in-process and syncs into it.
     *
     * @param sandboxPort the sandbox's port when it runs (any free port when this one is taken)
     */
    public record Kong(URI adminUrl, String adminToken, Path caCert, @DefaultValue("30s") Duration timeout,
                       @DefaultValue("10") int parallelism, @DefaultValue("8001") int sandboxPort,
                       @DefaultValue Discovery discovery) {

        /** Kong's admin nodes are looked up in Cloud Map when both namespace and service are set. */
        public boolean discovered() {
            return discovery.namespace() != null && !discovery.namespace().isBlank() && discovery.service() != null
                    && !discovery.service().isBlank();
        }

        @Override
        public String toString() {
            return "Kong[adminUrl=" + adminUrl + ", adminToken=" + Redact.set(adminToken) + ", timeout=" + timeout
                    + ", parallelism=" + parallelism + "]";
        }
    }

    /**
     * Cloud Map: with {@code service}, Kong's admin nodes are the service's healthy instances (IP and port
     * attributes), looked up before every sync; with {@code namespace} alone, only service hosts and upstream
     * targets inside the namespace are checked (a warning when Cloud Map has no healthy instance for them).
     *
     * @param scheme {@code http} or {@code https} for the discovered admin URLs
     */
    public record Discovery(String namespace, String service, @DefaultValue("http") String scheme) {
    }

    /**
     * AWS for SSM references in route files and Cloud Map: the default credentials chain, and
     *
     * @param region   null for the SDK's default region chain ({@code AWS_REGION}, the ECS task's region...)
     * @param endpoint one endpoint for SSM and Cloud Map (LocalStack, VPC endpoints); null for AWS's own
     */
    public record Aws(String region, URI endpoint) {
    }

    /** @param token the Bearer token every {@code /api/v1} call but the webhooks needs; unset: loopback only */
    public record Api(String token) {

        @Override
        public String toString() {
            return "Api[token=" + Redact.set(token) + "]";
        }
    }

    /** A provider without its secret is disabled (its endpoint answers 404). */
    public record Webhook(String githubSecret, String gitlabToken, String bitbucketSecret,
                          @DefaultValue("1MB") DataSize maxBodySize) {

        @Override
        public String toString() {
            return "Webhook[github=" + Redact.set(githubSecret) + ", gitlab=" + Redact.set(gitlabToken)
                    + ", bitbucket=" + Redact.set(bitbucketSecret) + ", maxBodySize=" + maxBodySize + "]";
        }
    }

    /**
     * Where pull-request reviews (a comment and the commit status {@code kongsync/plan}) are reported, per provider.
     * A provider without a token (GitHub: or an App) is not reported to.
     *
     * @param timeout how long one call to a provider's API may take
     * @param retry   how a call that got 5xx, 429, 403 (GitHub's rate limit) or no answer is tried again
     */
    public record Scm(@DefaultValue GitHub github, @DefaultValue GitLab gitlab, @DefaultValue Bitbucket bitbucket,
                      @DefaultValue("10s") Duration timeout, @DefaultValue ScmRetry retry) {
    }

    /**
     * @param attempts tries per call, the first included
     * @param backoff  the wait before the second try, doubled before each further one
     * @param maxWait  the longest wait, also for a provider's {@code Retry-After}
     */
    public record ScmRetry(@DefaultValue("3") int attempts, @DefaultValue("1s") Duration backoff,
                           @DefaultValue("30s") Duration maxWait) {
    }

    /**
     * @param token             a token that may comment on pull requests and set commit statuses
     * @param apiUrl            GitHub Enterprise Server's API ({@code https://github.example.com/api/v3}); unset:
     *                          github.com's
     * @param appId             a GitHub App instead of a token: its id,
     * @param appPrivateKey     its private key (PEM),
     * @param appInstallationId and its installation on the repository's owner
     */
    public record GitHub(String token, URI apiUrl, String appId, String appPrivateKey, String appInstallationId) {

        @Override
        public String toString() {
            return "GitHub[token=" + Redact.set(token) + ", apiUrl=" + apiUrl + ", appId=" + appId
                    + ", appPrivateKey=" + Redact.set(appPrivateKey) + ", appInstallationId=" + appInstallationId
                    + "]";
        }
    }

    /** @param apiUrl a self-managed GitLab's API ({@code https://gitlab.example.com/api/v4}); unset: gitlab.com's */
    public record GitLab(String token, URI apiUrl) {

        @Override
        public String toString() {
            return "GitLab[token=" + Redact.set(token) + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * @param token    Bitbucket Cloud: an access token, or an app password with {@code username}; Data Center: an HTTP
     *                 access token
     * @param username Bitbucket Cloud's user for an app password; unset for a token
     * @param apiUrl   Bitbucket Data Center's address ({@code https://bitbucket.example.com}); unset: Bitbucket Cloud
     */
    public record Bitbucket(String token, String username, URI apiUrl) {

        @Override
        public String toString() {
            return "Bitbucket[token=" + Redact.set(token) + ", username=" + username + ", apiUrl=" + apiUrl + "]";
        }
    }

    /** @param interval 0 turns drift checks off */
    public record Drift(@DefaultValue("5m") Duration interval, @DefaultValue("false") boolean autoCorrect) {
    }

    /**
     * @param strict                upstream warnings fail a sync before anything is applied
     * @param maxConcurrentDryRuns  dry runs and plans that run at once (each holds a whole plan in memory)
     * @param maxWaitingDryRuns     dry runs and plans that may wait for a turn; more are answered 429
     * @param allowEmpty            a routes directory with no route file is valid (else a sync of it fails)
     */
    public record Sync(@DefaultValue("managed-by:kongsync") String ownershipTag,
                       @DefaultValue("25") double massDeleteThresholdPercent,
                       @DefaultValue("false") boolean allowMassDelete, @DefaultValue("false") boolean strict,
                       @DefaultValue("2") int maxConcurrentDryRuns, @DefaultValue("20") int maxWaitingDryRuns,
                       @DefaultValue("false") boolean allowEmpty) {
    }

    /** @param maxFileSize when the history file outgrows this it is compacted, the old one kept beside it */
    public record History(@DefaultValue("500") int maxRecords, @DefaultValue("10MB") DataSize maxFileSize) {
    }

    /**
     * The shared store, PostgreSQL: the sync history (pull requests' plans and reviews included) and the plans'
     * fingerprint key, for several replicas and for restarts on a fresh disk. Unset: the files in the data directory.
     *
     * @param url      a JDBC URL, {@code jdbc:postgresql://host:5432/kongsync}
     * @param password a secret (from SSM like the others); never in the URL
     * @param timeout  how long getting a connection may take: how soon a lost store fails a write
     * @param replicaName this replica's name among those sharing the store ({@code /api/v1/status}, the failure of a
     *                 sync it left); unset: the host name
     */
    public record Store(String url, String username, String password, @DefaultValue("5s") Duration timeout,
                        String replicaName) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }

        /** {@code replicaName}, else the host name ({@code HOSTNAME}, then what the network stack says). */
        public String replica() {
            if (replicaName != null && !replicaName.isBlank()) {
                return replicaName.trim();
            }
            String host = System.getenv("HOSTNAME");
            if (host != null && !host.isBlank()) {
                return host.trim();
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "kongsync";
            }
        }

        @Override
        public String toString() {
            return "Store[url=" + url + ", username=" + username + ", password=" + Redact.set(password)
                    + ", timeout=" + timeout + ", replicaName=" + replicaName + "]";
        }
    }

    static final class Redact {

        private Redact() {
        }

        static String set(String secret) {
            return secret == null || secret.isEmpty() ? "(unset)" : "(set)";
        }

        static String uri(String uri) {
            return uri == null ? null : uri.replaceAll("//[^/@]*@", "//");
        }
    }
}
