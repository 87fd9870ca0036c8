package io.kongsync.scm;

import java.net.URI;
import java.time.Duration;

/**
 * How kongsync reaches the git providers' APIs to comment on pull requests and set commit statuses. Made from
 * {@code kongsync.scm.*} ({@code github.token}, {@code github.api-url}, {@code github.app-id},
 * {@code github.app-private-key}, {@code github.app-installation-id}, {@code gitlab.token}, {@code gitlab.api-url},
 * {@code bitbucket.token}, {@code bitbucket.username}, {@code bitbucket.api-url}, {@code timeout} as the request
 * timeout, {@code retry.attempts}, {@code retry.backoff}, {@code retry.max-wait}) by the service's configuration.
 * Every part may be null and gets its default. No {@code toString} prints a secret, only whether it is set.
 */
public record ScmSettings(GitHub github, GitLab gitlab, Bitbucket bitbucket, Duration connectTimeout,
                          Duration requestTimeout, Retry retry) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    public ScmSettings {
        github = github == null ? new GitHub(null, null, null, null, null) : github;
        gitlab = gitlab == null ? new GitLab(null, null) : gitlab;
        bitbucket = bitbucket == null ? new Bitbucket(null, null, null) : bitbucket;
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect-timeout");
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "request-timeout");
        retry = retry == null ? Retry.defaults() : retry;
    }

    /** No credentials, the public services' addresses, default timeouts and retries. */
    public static ScmSettings defaults() {
        return new ScmSettings(null, null, null, null, null, null);
    }

    public ScmSettings withGitHub(GitHub github) {
        return new ScmSettings(github, gitlab, bitbucket, connectTimeout, requestTimeout, retry);
    }

    public ScmSettings withGitLab(GitLab gitlab) {
        return new ScmSettings(github, gitlab, bitbucket, connectTimeout, requestTimeout, retry);
    }

    public ScmSettings withBitbucket(Bitbucket bitbucket) {
        return new ScmSettings(github, gitlab, bitbucket, connectTimeout, requestTimeout, retry);
    }

    public ScmSettings withRetry(Retry retry) {
        return new ScmSettings(github, gitlab, bitbucket, connectTimeout, requestTimeout, retry);
    }

    public ScmSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new ScmSettings(github, gitlab, bitbucket, connectTimeout, requestTimeout, retry);
    }

    /**
     * GitHub or GitHub Enterprise Server: a token (personal, fine-grained or an installation's), or a GitHub App's
     * credentials, from which kongsync makes installation tokens itself. The token wins when both are set.
     *
     * @param token             {@code kongsync.scm.github.token}
     * @param apiUrl            {@code https://api.github.com}; Enterprise Server: {@code https://HOST/api/v3}
     * @param appId             the GitHub App's id (or client id), the JWT's issuer
     * @param appPrivateKey     the App's private key, PEM (PKCS#1 as GitHub hands it out, or PKCS#8)
     * @param appInstallationId the App's installation on the repositories' account
     */
    public record GitHub(String token, URI apiUrl, String appId, String appPrivateKey, Long appInstallationId) {

        public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

        public GitHub {
            token = blankToNull(token);
            apiUrl = baseUrl(apiUrl, DEFAULT_API_URL, "github.api-url");
            appId = blankToNull(appId);
            appPrivateKey = blankToNull(appPrivateKey);
        }

        public static GitHub token(String token) {
            return new GitHub(token, null, null, null, null);
        }

        public GitHub withApiUrl(URI apiUrl) {
            return new GitHub(token, apiUrl, appId, appPrivateKey, appInstallationId);
        }

        /** Whether the App's id, key and installation are all set. */
        public boolean hasApp() {
            return appId != null && appPrivateKey != null && appInstallationId != null;
        }

        @Override
        public String toString() {
            return "GitHub[token=" + set(token) + ", apiUrl=" + apiUrl + ", appId=" + appId + ", appPrivateKey="
                    + set(appPrivateKey) + ", appInstallationId=" + appInstallationId + "]";
        }
    }

    /**
     * GitLab.com or a self-managed GitLab.
     *
     * @param token  {@code kongsync.scm.gitlab.token}: a personal, project or group access token with {@code api}
     * @param apiUrl {@code https://gitlab.com/api/v4}; self-managed: {@code https://HOST/api/v4}
     */
    public record GitLab(String token, URI apiUrl) {

        public static final URI DEFAULT_API_URL = URI.create("https://gitlab.com/api/v4");

        public GitLab {
            token = blankToNull(token);
            apiUrl = baseUrl(apiUrl, DEFAULT_API_URL, "gitlab.api-url");
        }

        public static GitLab token(String token) {
            return new GitLab(token, null);
        }

        public GitLab withApiUrl(URI apiUrl) {
            return new GitLab(token, apiUrl);
        }

        @Override
        public String toString() {
            return "GitLab[token=" + set(token) + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * Bitbucket Cloud or Bitbucket Data Center; which API a pull request is talked to follows its
     * {@link PullRequest#api()}. Cloud's calls go to {@code apiUrl} (its REST 2.0 root); Data Center's to the server's
     * base address in {@code apiUrl} followed by {@code /rest/api/latest/...}, so a Data Center needs its address set.
     *
     * @param token    an access token (sent as Bearer), or with {@code username} the password to it (Basic): a Cloud
     *                 app password or API token, a Data Center password or HTTP access token
     * @param username set for Basic authentication (Cloud: the Bitbucket username for an app password, the account's
     *                 email for an API token); null for Bearer
     * @param apiUrl   {@code https://api.bitbucket.org/2.0} (Cloud); Data Center: its base address, e.g.
     *                 {@code https://bitbucket.example.com} or {@code https://example.com/bitbucket}
     */
    public record Bitbucket(String token, String username, URI apiUrl) {

        public static final URI CLOUD_API_URL = URI.create("https://api.bitbucket.org/2.0");

        public Bitbucket {
            token = blankToNull(token);
            username = blankToNull(username);
            apiUrl = baseUrl(apiUrl, CLOUD_API_URL, "bitbucket.api-url");
        }

        public static Bitbucket token(String token) {
            return new Bitbucket(token, null, null);
        }

        public Bitbucket withApiUrl(URI apiUrl) {
            return new Bitbucket(token, username, apiUrl);
        }

        /** Whether {@link #apiUrl} is still Bitbucket Cloud's, i.e. no Data Center address was given. */
        public boolean cloudAddress() {
            return CLOUD_API_URL.equals(apiUrl);
        }

        @Override
        public String toString() {
            return "Bitbucket[token=" + set(token) + ", username=" + username + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * Calls answered 5xx, 429 or 403 (GitHub's secondary rate limit), or not answered at all, are tried again.
     *
     * @param attempts tries per call, the first included (at least 1; default 3)
     * @param backoff  the wait before the second try, doubled before each further one (default 1s)
     * @param maxWait  the longest wait, also for a provider's {@code Retry-After} (default 30s)
     */
    public record Retry(int attempts, Duration backoff, Duration maxWait) {

        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("kongsync.scm.retry.attempts must be at least 1, was " + attempts);
            }
            backoff = backoff == null || backoff.isNegative() ? Duration.ofSeconds(1) : backoff;
            maxWait = maxWait == null || maxWait.isNegative() ? Duration.ofSeconds(30) : maxWait;
        }

        public static Retry defaults() {
            return new Retry(3, null, null);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String set(String secret) {
        return secret == null ? "(not set)" : "(set)";
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("kongsync.scm." + name + " must be positive, was " + value);
        }
        return value;
    }

    /** An http(s) address without a trailing slash, so paths can be appended. */
    private static URI baseUrl(URI value, URI fallback, String name) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value.getRawUserInfo() != null || value.getRawQuery() != null || value.getRawFragment() != null) {
            throw new IllegalArgumentException("kongsync.scm." + name
                    + " must be a plain address without user, query or fragment");
        }
        String scheme = value.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || value.getHost() == null) {
            throw new IllegalArgumentException("kongsync.scm." + name + " must be an http or https URL, was " + value);
        }
        String text = value.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
