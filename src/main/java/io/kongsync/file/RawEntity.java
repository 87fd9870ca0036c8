package io.kongsync.file;

import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;

import java.util.Map;
import java.util.Set;

/**
 * One entity as written in a file, with decK's nesting undone: a route nested under a service carries
 * {@code service} as a {@link RawRef}, a plugin nested under a consumer carries {@code consumer}, and so on.
 *
 * @param kind           the entity kind
 * @param fields         the fields as written (nested children removed, parent references added)
 * @param origin         where the entity starts, with its document path ({@code services[0].routes[1]})
 * @param file           the file it came from, for positions of its fields
 * @param sensitivePaths field paths (relative to the entity, without list indexes) whose value was substituted
 */
public record RawEntity(EntityKind kind, Map<String, Object> fields, Origin origin, DeckFile file,
                        Set<String> sensitivePaths) {

    /** The position of a field path relative to this entity, e.g. {@code paths[0]} or {@code config.minute}. */
    public Origin originOf(String relativePath) {
        if (relativePath == null || relativePath.isEmpty() || relativePath.equals("@entity")) {
            return origin;
        }
        String sep = relativePath.startsWith("[") ? "" : ".";
        return file.positions().at(origin.path() + sep + relativePath);
    }
}
