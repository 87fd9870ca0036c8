package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;

import java.util.List;
import java.util.Objects;

/**
 * One entity the plan creates, updates or deletes.
 *
 * @param fields  for a create the fields the files set (differing from the schema default), for an update the fields
 *                that differ, for a delete none
 * @param desired the entity in the files; null for a delete
 * @param current the entity in Kong; null for a create
 */
public record Change(Action action, EntityKey key, List<FieldChange> fields, Entity desired, Entity current) {

    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(key, "key");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
