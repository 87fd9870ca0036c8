package io.kongsync.service;

import java.time.Instant;

/**
 * What the last drift check found: how far Kong is from the branch's head.
 *
 * @param changes pending changes; -1 when the check failed
 * @param plan    the plan's counts; null when the check failed
 * @param error   why the check failed; null otherwise
 */
public record DriftStatus(Instant checkedAt, String commit, int changes, PlanSummary plan, String error) {

    static DriftStatus failed(Instant now, String error) {
        return new DriftStatus(now, null, -1, null, error);
    }
}
