package io.kongsync.kong;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach the Kong Admin API.
 *
 * @param adminUrl       base URL of the Admin API, e.g. {@code http://localhost:8001}; may carry a path prefix
 * @param adminToken     sent as {@code Kong-Admin-Token} when not null (Enterprise RBAC; OSS ignores it)
 * @param caCertificate  PEM file of the CA that signed an https Admin API's certificate; null = the JDK's trust store
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    longest wait for the response (and between reads of its body)
 * @param retry          retry policy for transient failures
 * @param maxConnections size of the connection pool
 */
public record KongSettings(URI adminUrl, String adminToken, Path caCertificate,
                           Duration connectTimeout, Duration readTimeout, RetryPolicy retry, int maxConnections) {

    public KongSettings {
        Objects.requireNonNull(adminUrl, "adminUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        String scheme = adminUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("admin URL must be http or https: " + adminUrl);
        }
        if (adminUrl.getHost() == null) {
            throw new IllegalArgumentException("admin URL has no host: " + adminUrl);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    /** 5 s connect, 30 s read, {@link RetryPolicy#defaults()}, 64 connections, no token, JDK trust store. */
    public static KongSettings of(URI adminUrl) {
        return new KongSettings(adminUrl, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.defaults(), 64);
    }

    public KongSettings withAdminUrl(URI adminUrl) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withAdminToken(String adminToken) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withCaCertificate(Path caCertificate) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withConnectTimeout(Duration connectTimeout) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withReadTimeout(Duration readTimeout) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withRetry(RetryPolicy retry) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    public KongSettings withMaxConnections(int maxConnections) {
        return new KongSettings(adminUrl, adminToken, caCertificate, connectTimeout, readTimeout, retry, maxConnections);
    }

    /** Never prints the token, only whether one is set. */
    @Override
    public String toString() {
        return "KongSettings[adminUrl=" + adminUrl
                + ", adminToken=" + (adminToken == null ? "none" : "******")
                + ", caCertificate=" + caCertificate
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", retry=" + retry
                + ", maxConnections=" + maxConnections + "]";
    }
}
