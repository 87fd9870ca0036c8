package io.kongsync.service;

import io.kongsync.sync.Outcome;

/**
 * One operation of a sync as the history keeps it.
 *
 * @param operation e.g. {@code create route nyan (service=nyan)}, secret identities masked
 * @param status    {@code applied}, {@code failed} or {@code skipped}
 * @param error     why it failed or was skipped; null when applied; never holds a secret
 */
public record OperationRecord(String operation, String status, String error, int attempts, long millis) {

    static OperationRecord of(Outcome outcome) {
        return new OperationRecord(outcome.operation().describe(), outcome.status().label(), outcome.message(),
                outcome.attempts(), outcome.millis());
    }
}
