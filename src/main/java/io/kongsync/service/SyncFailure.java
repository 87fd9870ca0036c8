package io.kongsync.service;

import java.util.List;

/**
 * A sync or plan that could not reach Kong's side: the source could not be read, or the files are invalid.
 * Nothing was applied. The message never holds a secret.
 *
 * @see Kind
 */
public final class SyncFailure extends RuntimeException {

    public enum Kind {
        /** git could not be fetched or the ref does not exist */
        SOURCE,
        /** the files have problems; {@link #problems()} lists them */
        INVALID_FILES
    }

    private final Kind kind;
    private final List<String> problems;
    private final String commit;

    /** @param commit the commit whose files failed; null when unknown */
    public SyncFailure(Kind kind, String message, List<String> problems, String commit) {
        super(message, null, false, false);
        this.kind = kind;
        this.problems = List.copyOf(problems);
        this.commit = commit;
    }

    public String commit() {
        return commit;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> problems() {
        return problems;
    }
}
