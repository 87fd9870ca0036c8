package io.kongsync.git;

/**
 * A route source could not provide the files. The message is meant for users and never holds a credential;
 * for that reason the underlying exception is not attached (its message may hold a URI with a password).
 */
public final class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }
}
