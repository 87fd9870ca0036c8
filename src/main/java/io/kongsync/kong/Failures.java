package io.kongsync.kong;

import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Classifies why no answer came, and decides whether a failure is worth another attempt. */
final class Failures {

    private Failures() {
    }

    static KongConnectionException connectionFailure(String method, String path, Replay replay, Duration readTimeout,
                                                     Throwable failure) {
        Throwable cause = rootOfInterest(failure);
        String detail;
        boolean beforeSend;
        boolean transientFailure;
        if (cause instanceof UnknownHostException) {
            detail = "unknown host " + cause.getMessage();
            beforeSend = true;
            transientFailure = false;
        } else if (cause instanceof SSLException) {
            detail = "TLS failure: " + cause.getMessage();
            beforeSend = true;
            transientFailure = false;
        } else if (cause instanceof ConnectException) {
            // also netty's ConnectTimeoutException
            detail = "cannot connect: " + cause.getMessage();
            beforeSend = true;
            transientFailure = true;
        } else if (cause.getClass().getSimpleName().equals("PoolAcquireTimeoutException")) {
            // every pooled connection stayed busy: the request never left
            detail = "no free connection in the pool: " + cause.getMessage();
            beforeSend = true;
            transientFailure = true;
        } else if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            detail = "no answer within " + readTimeout.toMillis() + " ms";
            beforeSend = false;
            transientFailure = true;
        } else if (cause instanceof PrematureCloseException) {
            detail = "connection closed before the answer was complete";
            beforeSend = false;
            transientFailure = true;
        } else if (cause instanceof IOException) {
            detail = "connection failed: " + cause.getMessage();
            beforeSend = false;
            transientFailure = true;
        } else {
            detail = "request failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage());
            beforeSend = false;
            transientFailure = false;
        }
        boolean retryable = transientFailure && (replay == Replay.ALWAYS || beforeSend);
        return new KongConnectionException(method, path, detail, beforeSend, 1, retryable, cause);
    }

    static boolean retryableStatus(int status, Replay replay) {
        if (status == 429 || status == 503) {
            return true;
        }
        return replay == Replay.ALWAYS && status >= 500;
    }

    /** Skips the wrappers (Reactor's, Netty's) down to the first cause we know. */
    private static Throwable rootOfInterest(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof IOException || current instanceof TimeoutException
                    || current instanceof java.util.concurrent.TimeoutException) {
                return current;
            }
            if (current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
        return failure;
    }
}
