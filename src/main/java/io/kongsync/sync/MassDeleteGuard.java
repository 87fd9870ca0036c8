package io.kongsync.sync;

import io.kongsync.plan.Plan;

import java.util.Optional;

/**
 * Refuses a sync that would delete more than a share of what kongsync manages, or all of it: an emptied or
 * half-pushed {@code routes/} must never wipe a gateway. {@code --allow-mass-delete} lifts the guard.
 *
 * @param maxShare the largest share of managed entities one sync may delete, 0 to 1 (default 0.25)
 */
public record MassDeleteGuard(double maxShare) {

    public static final double DEFAULT_SHARE = 0.25;

    public MassDeleteGuard {
        if (maxShare < 0 || maxShare > 1) {
            throw new IllegalArgumentException("the mass-delete share must be between 0 and 1, was " + maxShare);
        }
    }

    /**
     * @param managed how many entities in Kong kongsync manages now
     * @return why the plan is refused, or empty when it may go ahead
     */
    public Optional<String> check(Plan plan, int managed) {
        int deletes = plan.summary().delete();
        if (deletes == 0 || managed == 0) {
            return Optional.empty();
        }
        boolean all = deletes >= managed;
        if (!all && deletes <= maxShare * managed) {
            return Optional.empty();
        }
        String what = all ? "all " + managed + " entities" : deletes + " of the " + managed + " entities ("
                + Math.round(100.0 * deletes / managed) + " %)";
        return Optional.of("Refusing to delete " + what + " kongsync manages in Kong; the limit is "
                + Math.round(maxShare * 100) + " %. If the files are meant to remove that much, run again with "
                + "--allow-mass-delete.");
    }
}
