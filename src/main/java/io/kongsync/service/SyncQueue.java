package io.kongsync.service;

import java.time.Instant;
import java.util.Optional;

/**
 * Where syncs wait when several replicas share one store: any replica records a request here, and only the replica
 * that holds the sync lock takes them out and runs them, one at a time. Without a shared store the coordinator keeps
 * its queue in memory and there is no {@code SyncQueue}. Every call but {@link #holding} and {@link #replica} blocks.
 */
public interface SyncQueue {

    /** This replica's name (the host name or {@code kongsync.store.replica-name}). */
    String replica();

    /** Whether this replica held the sync lock at its last check (at most a second or two ago). Never blocks. */
    boolean holding();

    /** The replica that holds the sync lock now, as it named itself; empty when none does or the store cannot say. */
    Optional<String> holder();

    /**
     * Records a sync request: a new queued sync, or, when one is queued already (by any replica), folded into it.
     *
     * @return the queued record this request is now part of
     * @throws HistoryStore.Unavailable when the store cannot record it
     */
    SyncRecord enqueue(SyncRecord fresh, SyncRequest request);

    /** The holder only: the oldest queued sync, now recorded as running here; empty when none waits or not holder. */
    Optional<SyncRecord> claimNext(Instant now);

    /** The sync queued in the store, whichever replica asked for it. */
    Optional<SyncRecord> queued();

    /** The sync running on the holder, whichever replica it is. */
    Optional<SyncRecord> running();

    /**
     * Starts trying to take the sync lock (the first try before returning); {@code whileHolding} runs after every
     * check that finds this replica holding it, to start what waits in the queue.
     */
    void start(Runnable whileHolding);

    /** Stops trying and gives the lock up, so another replica takes over at once. */
    void close();
}
