package io.kongsync.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sync history, as the coordinator, the API and the pull-request reviewer use it (Spring Cloud Config's
 * repository idea: one small interface, a store per backend). {@link FileHistoryStore} is the embedded default; the
 * shared store ({@code io.kongsync.store}) keeps it in PostgreSQL for several replicas.
 *
 * <p>Implementations may block (disk, a database): never call them on an event-loop thread.
 */
public interface HistoryStore {

    /**
     * Records a new state of a sync, its reports (when it carries them) kept apart. When the store cannot be written
     * this throws, and {@link #writeFailure()} says why until a write succeeds again; a record already known is still
     * remembered in its new state, a new one is not (its request was refused, so the history must not show it).
     */
    void save(SyncRecord record);

    /** Why the last write of the history failed, while it fails. */
    Optional<String> writeFailure();

    /** A finished record's report; empty when it has none, or it cannot be read. */
    Optional<StoredReports> reports(String id);

    /** A record without its reports. @throws Unavailable when the store cannot be read */
    Optional<SyncRecord> get(String id);

    /** A page of the history, newest first. @throws Unavailable when the store cannot be read */
    Page list(int page, int size);

    /** The newest finished sync that was not a dry run. @throws Unavailable when the store cannot be read */
    Optional<SyncRecord> lastSync();

    /** A page of the history, newest first. */
    record Page(List<SyncRecord> items, int page, int size, int total) {
    }

    /** The store cannot be read now (a database that went away); the message names no secret. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The embedded default: the history in {@code dataDir} ({@link FileHistoryStore#open}).
     *
     * @param maxRecords   how many records are kept
     * @param maxFileBytes the file size that triggers compaction
     */
    static HistoryStore open(Path dataDir, int maxRecords, long maxFileBytes, Instant now) {
        return FileHistoryStore.open(dataDir, maxRecords, maxFileBytes, now);
    }
}
