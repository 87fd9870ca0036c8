package io.kongsync.kong;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.time.Duration;

/** Kong answered with an error status. */
public final class KongApiException extends KongException {

    private final KongError error;
    private final List<Map<String, Object>> flattenedErrors;
    private final Duration retryAfter;

    KongApiException(String method, String path, KongError error, List<Map<String, Object>> flattenedErrors,
                     Duration retryAfter, int attempts, boolean retryable) {
        super(method, path, error.summary(), attempts, retryable, null);
        this.error = error;
        this.flattenedErrors = flattenedErrors == null ? List.of() : List.copyOf(flattenedErrors);
        this.retryAfter = retryAfter;
    }

    public KongError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    /**
     * Kong's per-entity errors of a DB-less {@code POST /config} with {@code flatten_errors}: a list of
     * {@code {entity_type, entity_id, entity_name, entity_tags, entity, errors: [{type, field, message}]}}; empty otherwise.
     * The {@code entity} echoes the submitted entity, so it may hold secrets: never print it unmasked.
     */
    public List<Map<String, Object>> flattenedErrors() {
        return flattenedErrors;
    }

    /**
     * True for a 409 answered to a repeated request: the conflict may have been caused by an earlier attempt of this
     * very call that Kong carried out but whose answer was lost. After {@link KongClient#postRepeatable}, the caller
     * may treat it as success (the entity with that id exists).
     */
    public boolean isConflictOnRepeat() {
        return error.status() == 409 && attempts() > 1;
    }

    /** The server's {@code Retry-After}, if it sent one in seconds. */
    Duration retryAfter() {
        return retryAfter;
    }

    @Override
    KongApiException withAttempts(int attempts) {
        return new KongApiException(method(), path(), error, flattenedErrors, retryAfter, attempts, isRetryable());
    }

    /** Masks Kong's message; {@link #flattenedErrors()} and the error's fields stay as Kong sent them. */
    @Override
    public KongApiException masked(UnaryOperator<String> mask) {
        KongError maskedError = new KongError(error.status(), error.code(), error.name(),
                error.message() == null ? null : mask.apply(error.message()), error.fields());
        return new KongApiException(method(), path(), maskedError, flattenedErrors, retryAfter, attempts(),
                isRetryable());
    }
}
