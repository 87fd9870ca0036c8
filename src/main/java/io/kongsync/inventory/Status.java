package io.kongsync.inventory;

import java.util.Locale;

/** How an entity in the files compares with the one Kong runs. */
public enum Status {
    /** In the files and in Kong, the same. */
    IN_SYNC,
    /** In the files and in Kong, different: the plan updates it, or Kong holds it without kongsync's tag. */
    DIFFERS,
    /** In Kong, not in the files: the plan deletes it, or kongsync does not manage it. */
    ONLY_IN_KONG,
    /** In the files, not yet in Kong: the plan creates it. */
    ONLY_IN_FILES;

    /** {@code in_sync}, {@code differs}, {@code only_in_kong}, {@code only_in_files}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
