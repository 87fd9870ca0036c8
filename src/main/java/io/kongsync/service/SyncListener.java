package io.kongsync.service;

/** Told when syncs and drift checks end (metrics, logs). Must not block. */
public interface SyncListener {

    default void finished(SyncRecord sync) {
    }

    default void driftChecked(DriftStatus drift) {
    }
}
