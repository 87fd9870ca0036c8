package io.kongsync.service;

import java.util.Objects;

/**
 * A request for a sync or a dry run.
 *
 * @param ref    the commit, branch or tag to sync; null for the configured branch's head; checked by
 *               {@link RefNames#checked}
 * @param reason what asked for it, for people reading the history (e.g. "GitHub push to main at 1a2b3c4")
 */
public record SyncRequest(Trigger trigger, boolean dryRun, String ref, String reason) {

    public SyncRequest {
        Objects.requireNonNull(trigger, "trigger");
        ref = RefNames.checked(ref);
    }
}
