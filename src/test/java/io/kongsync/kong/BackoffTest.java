package io.kongsync.kong;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);

    private static KongConnectionException reset() {
        return new KongConnectionException("GET", "/", "connection failed", false, 1, true, null);
    }

    private static KongApiException tooMany(Duration retryAfter) {
        return new KongApiException("POST", "/config", new KongError(429, null, null, "busy", Map.of()), null,
                retryAfter, 1, true);
    }

    @RepeatedTest(20)
    void delaysDoubleWithinTheirJitter() {
        assertThat(Backoff.delay(POLICY, 1, reset())).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(Backoff.delay(POLICY, 2, reset())).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
        assertThat(Backoff.delay(POLICY, 3, reset())).isBetween(Duration.ofMillis(400), Duration.ofMillis(1200));
    }

    @RepeatedTest(20)
    void delaysNeverExceedTheCap() {
        assertThat(Backoff.delay(POLICY, 10, reset())).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
    }

    @Test
    void withoutJitterTheDelayIsExact() {
        RetryPolicy exact = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(Backoff.delay(exact, 1, reset())).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(exact, 3, reset())).isEqualTo(Duration.ofMillis(400));
        assertThat(Backoff.delay(exact, 5, reset())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        assertThat(Backoff.delay(POLICY, 1, tooMany(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(Backoff.delay(POLICY, 1, tooMany(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.delay(POLICY, 1, tooMany(Duration.ZERO))).isEqualTo(Duration.ZERO);
    }

    @Test
    void policiesHaveTheAgreedDefaultsAndRejectNonsense() {
        assertThat(RetryPolicy.defaults()).isEqualTo(POLICY);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
