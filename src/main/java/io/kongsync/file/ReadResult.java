package io.kongsync.file;

import io.kongsync.validate.Diagnostic;

import java.util.List;

/**
 * The files read, in source order, and every problem found while reading them. A file with problems that still
 * parsed into a mapping is in {@code files} (so later checks can report more at once), but nothing may be applied
 * from a result with any diagnostic.
 */
public record ReadResult(List<DeckFile> files, List<Diagnostic> diagnostics) {

    public ReadResult {
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
    }
}
