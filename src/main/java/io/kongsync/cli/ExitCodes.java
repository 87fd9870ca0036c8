package io.kongsync.cli;

/** The exit codes users' pipelines depend on. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Invalid input, or any error. */
    public static final int ERROR = 1;
    /** With {@code --detailed-exitcode}: the plan is not empty. */
    public static final int CHANGES = 2;

    private ExitCodes() {
    }
}
