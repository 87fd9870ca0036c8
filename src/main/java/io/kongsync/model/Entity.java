package io.kongsync.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One Kong entity in normalized form.
 *
 * @param key            its identity
 * @param id             its Kong id: derived from the key for entities in the files, as read for entities in Kong
 * @param fields         Kong field name to normalized value (defaults filled, sets sorted). References to other
 *                       entities are {@link EntityKey} values, never raw ids.
 * @param origin         where it was declared
 * @param sensitivePaths dotted field paths whose values must never be shown (secrets and substituted values)
 */
public record Entity(EntityKey key, UUID id, Map<String, Object> fields, Origin origin, Set<String> sensitivePaths) {

    public Entity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(fields);
        origin = origin == null ? Origin.KONG : origin;
        sensitivePaths = sensitivePaths == null ? Set.of() : Set.copyOf(sensitivePaths);
    }

    public EntityKind kind() {
        return key.kind();
    }

    public Object field(String name) {
        return fields.get(name);
    }

    @SuppressWarnings("unchecked")
    public Set<String> tags() {
        Object tags = fields.get("tags");
        return tags instanceof java.util.Collection<?> c ? Set.copyOf((java.util.Collection<String>) c) : Set.of();
    }

    public boolean isSensitive(String path) {
        for (String p : sensitivePaths) {
            if (path.equals(p) || path.startsWith(p + ".") || p.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }
}
