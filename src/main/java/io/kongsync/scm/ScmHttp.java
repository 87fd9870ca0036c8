package io.kongsync.scm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The one way kongsync's provider calls go out: the JDK's blocking HTTP client (no redirects followed, so a token
 * never travels to another address), JSON in and out, and the retries: an answer 5xx, 429 or 403 (GitHub's
 * secondary rate limit), or no answer at all, is tried again after the provider's {@code Retry-After} or
 * rate-limit reset, else an exponential backoff, every wait at most {@link ScmSettings.Retry#maxWait()}. What
 * finally fails is a {@link ScmCallFailed} naming provider, method, path, status and the provider's message;
 * nothing here logs a body or a header.
 */
final class ScmHttp {

    /** Waits between tries; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A 2xx answer: its status, headers and JSON body (a missing node when empty or not JSON). */
    record Answer(int status, HttpHeaders headers, JsonNode body) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger(ScmHttp.class);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final ScmSettings.Retry retry;
    private final Sleeper sleeper;
    private final Clock clock;

    ScmHttp(ScmSettings settings) {
        this(HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build(),
                settings.requestTimeout(), settings.retry(), duration -> Thread.sleep(duration.toMillis()),
                Clock.systemUTC());
    }

    ScmHttp(HttpClient client, Duration requestTimeout, ScmSettings.Retry retry, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Sends one call, with retries.
     *
     * @param provider the provider's name for problems, e.g. "GitHub"
     * @param headers  authentication and the provider's headers; never written anywhere
     * @param body     serialised as JSON; null for none
     * @param secrets  values scrubbed from the provider's message should it echo one
     */
    Answer send(String provider, String method, URI uri, Map<String, String> headers, Object body,
                Iterable<String> secrets) throws ScmCallFailed {
        HttpRequest request = request(method, uri, headers, body);
        String call = method + " " + uri.getRawPath();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                String reason = ScmMessages.trim(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage(), secrets);
                if (attempt >= retry.attempts()) {
                    throw new ScmCallFailed(0, provider + " did not answer " + call + tries(attempt) + ": " + reason);
                }
                pause(backoff(attempt), provider, call, "nothing");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScmCallFailed(0, provider + " call " + call + " was interrupted");
            }
            int status = response.statusCode();
            JsonNode json = ScmMessages.json(response.body());
            if (status >= 200 && status < 300) {
                return new Answer(status, response.headers(), json);
            }
            if (!retryable(status) || attempt >= retry.attempts()) {
                String message = ScmMessages.of(json, response.body(), response.headers(), secrets);
                throw new ScmCallFailed(status, provider + " answered " + status + " to " + call + tries(attempt)
                        + ": " + message);
            }
            pause(wait(response.headers(), attempt), provider, call, String.valueOf(status));
        }
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("User-Agent", "kongsync");
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return builder.build();
    }

    private void pause(Duration wait, String provider, String call, String what)
            throws ScmCallFailed {
        LOG.info("{} answered {} to {}; trying again in {} ms", provider, what, call, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScmCallFailed(0, provider + " call " + call + " was interrupted");
        }
    }

    static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 403;
    }

    private static String tries(int attempt) {
        return attempt == 1 ? "" : " after " + attempt + " tries";
    }

    /** The provider's {@code Retry-After}, else its rate-limit reset, else the backoff; at most the longest wait. */
    Duration wait(HttpHeaders headers, int attempt) {
        Optional<Duration> told = retryAfter(headers).or(() -> rateLimitReset(headers));
        return told.map(this::capped).orElseGet(() -> backoff(attempt));
    }

    private Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        return capped(retry.backoff().multipliedBy(factor));
    }

    private Duration capped(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(retry.maxWait()) > 0 ? retry.maxWait() : wait;
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    private Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** GitHub's primary rate limit: nothing left until {@code x-ratelimit-reset} (epoch seconds). */
    private Optional<Duration> rateLimitReset(HttpHeaders headers) {
        if (!headers.firstValue("x-ratelimit-remaining").map(String::strip).orElse("").equals("0")) {
            return Optional.empty();
        }
        try {
            return headers.firstValue("x-ratelimit-reset")
                    .map(reset -> Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
