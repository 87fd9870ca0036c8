package io.kongsync.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A check that needs a tool the machine may lack is skipped, with the reason, on a developer's machine, and fails on
 * CI (the environment variable {@code CI} is set): CI must really run it.
 */
public final class CiRequirement {

    private CiRequirement() {
    }

    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Never returns: fails on CI, aborts (skips) the test elsewhere. */
    public static <T> T unavailable(String check, String reason) {
        if (onCi()) {
            return fail(check + " must run on CI (CI is set), but " + reason);
        }
        return abort(check + " skipped: " + reason);
    }
}
