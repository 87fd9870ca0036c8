package io.kongsync.kong;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client repeats a failed request: exponential backoff starting at {@code firstBackoff}, doubling per retry,
 * capped at {@code maxBackoff}, each delay spread by {@code ±jitter} (a fraction of the delay).
 *
 * @param maxAttempts  total attempts including the first (1 = no retry)
 * @param firstBackoff delay before the first retry
 * @param maxBackoff   upper bound of every delay, including a server's {@code Retry-After}
 * @param jitter       0 to 1; 0.5 means each delay lies within ±50 % of its nominal value
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (firstBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** 5 attempts, 200 ms first backoff, 5 s cap, ±50 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
    }

    boolean allowsRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }
}
