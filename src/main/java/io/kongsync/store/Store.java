package io.kongsync.store;

import io.kongsync.service.FileHistoryStore;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.PlanFingerprints;
import io.kongsync.service.SyncQueue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the service keeps between runs, and what replicas must share: the sync history (with the pull requests' plans
 * and their reviews, which are records in it) and the key of the plans' fingerprints. The drift status is not kept:
 * each process checks afresh. {@link #local} is the embedded default (files in the data directory); {@link
 * PostgresStore} is the shared one.
 */
public interface Store extends AutoCloseable {

    HistoryStore history();

    PlanFingerprints fingerprints();

    /** Where syncs wait when replicas share this store; empty: this process alone, its queue in memory. */
    default Optional<SyncQueue> syncQueue() {
        return Optional.empty();
    }

    /** Where it is, for the start-up log; never a secret. */
    String describe();

    @Override
    void close();

    /** The files in {@code dataDir}, as kongsync has always kept them. */
    static Store local(Path dataDir, int maxRecords, long maxFileBytes, Instant now) {
        HistoryStore history = FileHistoryStore.open(dataDir, maxRecords, maxFileBytes, now);
        PlanFingerprints fingerprints = PlanFingerprints.open(dataDir);
        String where = "files in " + dataDir.toAbsolutePath();
        return new Store() {
            @Override
            public HistoryStore history() {
                return history;
            }

            @Override
            public PlanFingerprints fingerprints() {
                return fingerprints;
            }

            @Override
            public String describe() {
                return where;
            }

            @Override
            public void close() {
                // files need no closing
            }
        };
    }
}
