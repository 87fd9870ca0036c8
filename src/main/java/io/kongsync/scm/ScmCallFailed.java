package io.kongsync.scm;

/**
 * A provider call that failed for good; its message is the {@link Delivery} problem line. Caught inside this
 * package, never thrown to callers.
 */
final class ScmCallFailed extends Exception {

    private final int status;

    ScmCallFailed(int status, String problem) {
        super(problem, null, false, false);
        this.status = status;
    }

    /** The provider's HTTP status; 0 when it did not answer or no call was made. */
    int status() {
        return status;
    }
}
