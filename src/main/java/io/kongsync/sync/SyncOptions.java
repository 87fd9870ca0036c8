package io.kongsync.sync;

import io.kongsync.plan.PlanOptions;

import java.util.Objects;

/**
 * How a sync runs.
 *
 * @param ownershipTag       the tag marking what kongsync manages
 * @param parallelism        how many writes may be in flight at once
 * @param massDeleteShare    the largest share of managed entities one sync may delete
 * @param allowMassDelete    lift the mass-delete guard
 * @param validateWithKong   ask Kong to validate every plugin config before writing anything
 */
public record SyncOptions(String ownershipTag, int parallelism, double massDeleteShare, boolean allowMassDelete,
                          boolean validateWithKong) {

    public static final int DEFAULT_PARALLELISM = 10;

    public SyncOptions {
        Objects.requireNonNull(ownershipTag, "ownershipTag");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        new MassDeleteGuard(massDeleteShare);
    }

    public static SyncOptions defaults() {
        return new SyncOptions(PlanOptions.DEFAULT_OWNERSHIP_TAG, DEFAULT_PARALLELISM, MassDeleteGuard.DEFAULT_SHARE,
                false, true);
    }

    public SyncOptions withParallelism(int n) {
        return new SyncOptions(ownershipTag, n, massDeleteShare, allowMassDelete, validateWithKong);
    }

    public SyncOptions withOwnershipTag(String tag) {
        return new SyncOptions(tag, parallelism, massDeleteShare, allowMassDelete, validateWithKong);
    }

    public SyncOptions withMassDelete(double share, boolean allow) {
        return new SyncOptions(ownershipTag, parallelism, share, allow, validateWithKong);
    }
}
