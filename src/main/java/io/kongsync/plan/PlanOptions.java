package io.kongsync.plan;

import java.util.Objects;
import java.util.Set;

/**
 * How the planner decides what kongsync owns.
 *
 * @param ownershipTag the tag every entity kongsync manages carries
 * @param selectTags   tags the files select; an entity in Kong is managed only when it carries all of them too
 */
public record PlanOptions(String ownershipTag, Set<String> selectTags) {

    public static final String DEFAULT_OWNERSHIP_TAG = "managed-by:kongsync";

    public PlanOptions {
        Objects.requireNonNull(ownershipTag, "ownershipTag");
        selectTags = selectTags == null ? Set.of() : Set.copyOf(selectTags);
    }

    /** The ownership tag {@code managed-by:kongsync} and no select tags. */
    public PlanOptions() {
        this(DEFAULT_OWNERSHIP_TAG, Set.of());
    }

    /** The ownership tag {@code managed-by:kongsync} and no select tags. */
    public static PlanOptions defaults() {
        return new PlanOptions();
    }

    public PlanOptions withSelectTags(Set<String> tags) {
        return new PlanOptions(ownershipTag, tags);
    }
}
