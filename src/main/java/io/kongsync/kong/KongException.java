package io.kongsync.kong;

import java.util.function.UnaryOperator;

/**
 * Every failure the client reports. The message is one line naming the request ({@code METHOD path}) and what went
 * wrong; it never holds request bodies or the admin token.
 */
public class KongException extends RuntimeException {

    private final String method;
    private final String path;
    private final String detail;
    private final int attempts;
    private final boolean retryable;

    KongException(String method, String path, String detail, int attempts, boolean retryable, Throwable cause) {
        super(method + " " + path + ": " + detail + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), cause);
        this.method = method;
        this.path = path;
        this.detail = detail;
        this.attempts = attempts;
        this.retryable = retryable;
    }

    public String method() {
        return method;
    }

    /** The request path relative to the admin URL, with its query string. */
    public String path() {
        return path;
    }

    /** How many requests were sent for this call, retries included. */
    public int attempts() {
        return attempts;
    }

    /** The failure is of a kind the client retries for this request (it may have run out of attempts). */
    public boolean isRetryable() {
        return retryable;
    }

    String detail() {
        return detail;
    }

    /** The same failure, recording how many attempts were made. */
    KongException withAttempts(int attempts) {
        return new KongException(method, path, detail, attempts, retryable, getCause());
    }

    /**
     * The same failure with {@code mask} applied to what Kong said: Kong may quote submitted values, and only the
     * caller knows which of them are secret.
     */
    public KongException masked(UnaryOperator<String> mask) {
        return new KongException(method, path, mask.apply(detail), attempts, retryable, getCause());
    }
}
