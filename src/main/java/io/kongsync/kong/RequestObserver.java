package io.kongsync.kong;

/** Told of every Admin API request {@link KongClient} sends, retries included (metrics). Must not block. */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (method, status) -> {
    };

    /** @param status the HTTP status, or 0 when no answer arrived (connection failure, timeout) */
    void observed(String method, int status);
}
