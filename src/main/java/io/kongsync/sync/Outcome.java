package io.kongsync.sync;

/**
 * What became of one operation.
 *
 * @param message  why it failed or was skipped; null when applied. Never holds a secret.
 * @param attempts requests sent for it (retries included); 0 when skipped
 * @param millis   time from its first request to its answer
 */
public record Outcome(Operation operation, Status status, String message, int attempts, long millis) {

    public enum Status {
        APPLIED, FAILED, SKIPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
