package io.kongsync.plan;

/** What a plan does to one entity. */
public enum Action {
    CREATE, UPDATE, DELETE;

    /** Lower-case name used in reports, e.g. {@code create}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
