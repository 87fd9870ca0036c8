package io.kongsync.plan;

import io.kongsync.model.Entity;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * How the planner decides what kongsync owns.
 *
 * @param ownershipTag the tag every entity kongsync manages carries
 * @param selectTags   tags the files select; an entity in Kong is managed only when it carries all of them too
 * @param ownsAll      kongsync owns the whole configuration (DB-less Kong): every entity in Kong is managed, whatever
 *                     its tags, so anything the files do not hold is deleted
 */
public record PlanOptions(String ownershipTag, Set<String> selectTags, boolean ownsAll) {

    public static final String DEFAULT_OWNERSHIP_TAG = "managed-by:kongsync";

    public PlanOptions {
        Objects.requireNonNull(ownershipTag, "ownershipTag");
        selectTags = selectTags == null ? Set.of() : Set.copyOf(selectTags);
    }

    public PlanOptions(String ownershipTag, Set<String> selectTags) {
        this(ownershipTag, selectTags, false);
    }

    /** The ownership tag {@code managed-by:kongsync} and no select tags. */
    public PlanOptions() {
        this(DEFAULT_OWNERSHIP_TAG, Set.of());
    }

    /** The ownership tag {@code managed-by:kongsync} and no select tags. */
    public static PlanOptions defaults() {
        return new PlanOptions();
    }

    /**
     * Whether an entity in Kong is kongsync's to update and delete: it carries the ownership tag and every select tag,
     * or kongsync owns everything. Reads the tag list in place: this runs for every entity.
     */
    public boolean manages(Entity entity) {
        if (ownsAll) {
            return true;
        }
        if (!(entity.field("tags") instanceof Collection<?> tags) || !tags.contains(ownershipTag)) {
            return false;
        }
        for (String tag : selectTags) {
            if (!tags.contains(tag)) {
                return false;
            }
        }
        return true;
    }

    public PlanOptions withSelectTags(Set<String> tags) {
        return new PlanOptions(ownershipTag, tags, ownsAll);
    }

    public PlanOptions owningAll() {
        return new PlanOptions(ownershipTag, selectTags, true);
    }
}
