package io.kongsync.file;

import io.kongsync.model.EntityKind;

import java.util.UUID;

/**
 * A reference to another entity as written in a file: by name ({@code service: nyan}, {@code {name: nyan}}) or by id
 * ({@code {id: 3f...}}, as in a Kong-style echo). Resolved to an {@code EntityKey} when the state is built.
 */
public record RawRef(EntityKind kind, String name, String id) {

    /** An id in Kong's form (lower case), however the file wrote it: Kong's ids compare that way. */
    public RawRef {
        if (id != null) {
            try {
                id = UUID.fromString(id).toString();
            } catch (IllegalArgumentException notAUuid) {
                // kept as written, for the checks to report
            }
        }
    }

    public static RawRef byName(EntityKind kind, String name) {
        return new RawRef(kind, name, null);
    }

    @Override
    public String toString() {
        return name != null ? name : "id " + id;
    }
}
