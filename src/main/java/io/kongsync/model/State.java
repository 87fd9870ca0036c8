package io.kongsync.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A set of entities keyed by identity, in deterministic order. */
public record State(Map<EntityKey, Entity> entities) {

    public static final State EMPTY = new State(Map.of());

    public State {
        entities = Collections.unmodifiableMap(new TreeMap<>(entities));
    }

    public static State of(Collection<Entity> entities) {
        Map<EntityKey, Entity> map = new TreeMap<>();
        for (Entity e : entities) {
            map.put(e.key(), e);
        }
        return new State(map);
    }

    public Optional<Entity> get(EntityKey key) {
        return Optional.ofNullable(entities.get(key));
    }

    public List<Entity> ofKind(EntityKind kind) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : entities.values()) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    public int size() {
        return entities.size();
    }
}
