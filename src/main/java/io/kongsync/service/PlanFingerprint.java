package io.kongsync.service;

import java.util.List;

/**
 * A plan as a pull request's review showed it, kept to compare with the sync that applies the merge. It holds no
 * value from the files or Kong: each change is a keyed hash (HMAC-SHA256 under a key of this kongsync's data directory)
 * of its action, entity and field values, with the description the reports show (secrets masked).
 */
public record PlanFingerprint(List<Change> changes) {

    /**
     * @param change e.g. {@code update route orders-read (service orders)}, a secret identity shown as
     *               {@code (sensitive)}
     * @param hash   hex HMAC of everything the change does
     */
    public record Change(String change, String hash) {
    }

    public PlanFingerprint {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
