package io.kongsync.kong;

import java.util.function.UnaryOperator;

/** Kong did not answer: connection refused or reset, premature close, TLS failure, or a timeout. */
public final class KongConnectionException extends KongException {

    private final boolean beforeSend;

    KongConnectionException(String method, String path, String detail, boolean beforeSend, int attempts,
                            boolean retryable, Throwable cause) {
        super(method, path, detail, attempts, retryable, cause);
        this.beforeSend = beforeSend;
    }

    /** The failure happened while connecting, so Kong cannot have received the request. */
    public boolean beforeSend() {
        return beforeSend;
    }

    @Override
    KongConnectionException withAttempts(int attempts) {
        return new KongConnectionException(method(), path(), detail(), beforeSend, attempts, isRetryable(), getCause());
    }

    @Override
    public KongConnectionException masked(UnaryOperator<String> mask) {
        return new KongConnectionException(method(), path(), mask.apply(detail()), beforeSend, attempts(),
                isRetryable(), getCause());
    }
}
