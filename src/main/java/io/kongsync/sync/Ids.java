package io.kongsync.sync;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.State;

import java.util.UUID;
import java.util.function.Function;

/**
 * The Kong id of every entity a sync writes or references: the id Kong already has for it, otherwise the id the
 * files give it (derived from its identity, so creates are idempotent PUTs).
 */
public record Ids(State desired, State current) implements Function<EntityKey, UUID> {

    @Override
    public UUID apply(EntityKey key) {
        Entity inKong = current.entities().get(key);
        if (inKong != null) {
            return inKong.id();
        }
        Entity inFiles = desired.entities().get(key);
        if (inFiles != null) {
            return inFiles.id();
        }
        if (key.id() != null) {
            return UUID.fromString(key.id());
        }
        return key.deterministicId();
    }
}
