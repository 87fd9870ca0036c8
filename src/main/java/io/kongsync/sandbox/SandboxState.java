package io.kongsync.sandbox;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The sandbox's data and its lock: reads share it, writes and {@code POST /config} (which swaps the whole store)
 * hold it exclusively. Never held while a latency delay runs.
 */
final class SandboxState {

    static final String EMPTY_HASH = "00000000000000000000000000000000";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private Store store;
    private String configHash = EMPTY_HASH;

    SandboxState(Clock clock) {
        this.clock = clock;
        this.store = new Store(clock);
    }

    /** An empty store on the sandbox's clock (a DB-less {@code POST /config} fills one). */
    Store freshStore() {
        return new Store(clock);
    }

    <T> T read(Function<Store, T> action) {
        lock.readLock().lock();
        try {
            return action.apply(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Under the write lock; rows whose TTL has run out are removed first, as Kong's cleanup would have. */
    <T> T write(Function<Store, T> action) {
        lock.writeLock().lock();
        try {
            store.purgeExpired();
            return action.apply(store);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under the read lock when {@code readOnly}, else the write lock. */
    <T> T apply(boolean readOnly, Function<Store, T> action) {
        return readOnly ? read(action) : write(action);
    }

    /** Replaces everything (DB-less {@code POST /config}); the caller holds the write lock via {@link #write}. */
    void replace(Store fresh, String hash) {
        this.store = fresh;
        this.configHash = hash;
    }

    String configHash() {
        lock.readLock().lock();
        try {
            return configHash;
        } finally {
            lock.readLock().unlock();
        }
    }
}
