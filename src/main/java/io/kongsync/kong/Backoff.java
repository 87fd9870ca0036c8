package io.kongsync.kong;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry loop: repeats a call while its failure is a {@link KongException#isRetryable() retryable} one and the
 * policy allows another attempt; waits the server's {@code Retry-After} when given (capped by {@code maxBackoff}),
 * otherwise an exponential backoff with jitter. Gives up with the last failure itself.
 */
final class Backoff {

    private Backoff() {
    }

    static Retry retry(RetryPolicy policy) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            int attemptsMade = (int) signal.totalRetries() + 1;
            if (!(failure instanceof KongException kong) || !kong.isRetryable() || !policy.allowsRetry(attemptsMade)) {
                return Mono.error(failure);
            }
            return Mono.delay(delay(policy, attemptsMade, kong)).thenReturn(signal);
        }));
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
