package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;

/**
 * An entity in the files that already exists in Kong but is not managed by kongsync: the plan leaves it alone.
 * The message never contains a secret (a secret identity name is masked).
 */
public record Conflict(EntityKey key, Entity desired, Entity current, String message) {
}
