package io.kongsync.sandbox;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The sandbox's data and its lock: reads share it, writes and {@code POST /config} (which swaps the whole store)
 * hold it exclusively. Never held while a latency delay runs.
 */
final class SandboxState {

    static final String EMPTY_HASH = "00000000000000000000000000000000";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Store store = new Store();
    private String configHash = EMPTY_HASH;

    <T> T read(Function<Store, T> action) {
        lock.readLock().lock();
        try {
            return action.apply(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Function<Store, T> action) {
        lock.writeLock().lock();
        try {
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
