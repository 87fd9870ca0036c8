package io.kongsync.dump;

import java.util.List;

/**
 * A rendered dump.
 *
 * @param yaml     the decK-format document
 * @param warnings what the document cannot carry faithfully (left-out entities, hashed passwords); never secret values
 */
public record Dump(String yaml, List<String> warnings) {

    public Dump {
        warnings = List.copyOf(warnings);
    }
}
