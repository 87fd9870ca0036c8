package io.kongsync.store;

/** The shared store cannot be reached or prepared at start. The message names the URL and user, never the password. */
public final class StoreUnreachable extends RuntimeException {

    StoreUnreachable(String message) {
        super(message, null, false, false);
    }
}
