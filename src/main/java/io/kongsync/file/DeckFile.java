package io.kongsync.file;

import java.util.Map;
import java.util.Set;

/**
 * One parsed decK-format document, after template substitution.
 *
 * @param name             the file as the user named it (relative to the working directory where possible)
 * @param content          the document: {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double},
 *                         {@code Boolean}, null; map order as written
 * @param positions        where every node was written
 * @param substitutedPaths paths whose value came from a {@code ${{ ... }}} substitution; always masked in output
 */
public record DeckFile(String name, Map<String, Object> content, SourceMap positions, Set<String> substitutedPaths) {

    public DeckFile {
        substitutedPaths = Set.copyOf(substitutedPaths);
    }
}
