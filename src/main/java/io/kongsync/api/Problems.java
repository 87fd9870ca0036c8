package io.kongsync.api;

import io.kongsync.kong.KongException;
import io.kongsync.service.RefNames;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

/**
 * Every error of the API is RFC 9457 {@code application/problem+json}: the framework's own (bad JSON, unknown
 * parameters, wrong method) through {@link ResponseEntityExceptionHandler}, and kongsync's below.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message, null, false, false);
        }
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RefNames.InvalidRef.class)
    ProblemDetail invalidRef(RefNames.InvalidRef e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(SyncCoordinator.Busy.class)
    ResponseEntity<ProblemDetail> busy(SyncCoordinator.Busy e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create("urn:kongsync:problem:busy"));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }

    @ExceptionHandler(SyncCoordinator.Stopping.class)
    ProblemDetail stopping(SyncCoordinator.Stopping e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("urn:kongsync:problem:stopping"));
        return problem;
    }

    @ExceptionHandler(SyncCoordinator.HistoryUnavailable.class)
    ProblemDetail historyUnavailable(SyncCoordinator.HistoryUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("urn:kongsync:problem:history"));
        return problem;
    }

    @ExceptionHandler(HistoryStore.Unavailable.class)
    ProblemDetail historyUnreadable(HistoryStore.Unavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("urn:kongsync:problem:history"));
        return problem;
    }

    @ExceptionHandler(NotReady.class)
    ProblemDetail notReady(NotReady e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Invalid files are the request's fault as much as anyone's: 422 with every problem located. */
    @ExceptionHandler(SyncFailure.class)
    ProblemDetail syncFailure(SyncFailure e) {
        boolean files = e.kind() == SyncFailure.Kind.INVALID_FILES;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                files ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle(files ? "Invalid route files" : "The route source could not be read");
        problem.setType(URI.create(files ? "urn:kongsync:problem:invalid-files" : "urn:kongsync:problem:source"));
        if (e.commit() != null) {
            problem.setProperty("commit", e.commit());
        }
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(KongException.class)
    ProblemDetail kong(KongException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Kong's Admin API failed");
        problem.setType(URI.create("urn:kongsync:problem:kong"));
        return problem;
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
