package io.kongsync.kong;


import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a retry ({@link KongClient} repeats a call while its failure is a
 * {@link KongException#isRetryable() retryable} one and the policy allows another attempt, and gives up with the last
 * failure itself): the server's {@code Retry-After} when given (capped by {@code maxBackoff}), otherwise an
 * exponential backoff with jitter.
 */
final class Backoff {

    private Backoff() {
    }

    static Duration delay(RetryPolicy policy, int attemptsMade, KongException failure) {
        if (failure instanceof KongApiException api && api.retryAfter() != null) {
            return min(api.retryAfter(), policy.maxBackoff());
        }
        long first = policy.firstBackoff().toNanos();
        int doublings = Math.min(attemptsMade - 1, 30);
        double nominal = Math.min((double) first * (1L << doublings), policy.maxBackoff().toNanos());
        double spread = nominal * policy.jitter();
        double jittered = spread == 0 ? nominal
                : nominal - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
        return min(Duration.ofNanos((long) Math.max(0, jittered)), policy.maxBackoff());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
