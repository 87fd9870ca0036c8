package io.kongsync.file;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.validate.Diagnostic;

import java.util.List;
import java.util.Objects;

/**
 * The files read, in source order, and every problem found while reading them. A file with problems that still
 * parsed into a mapping is in {@code files} (so later checks can report more at once), but nothing may be applied
 * from a result with any diagnostic.
 *
 * @param diagnostics  already masked with {@code masking}
 * @param emptySources sources that hold no file to read (a directory without route files, a pipe), and why: an
 *                     error for whoever would apply an empty configuration, not for the reader
 * @param masking      masks every value the templates resolved; every later message about these files goes through it
 */
public record ReadResult(List<DeckFile> files, List<Diagnostic> diagnostics, List<Diagnostic> emptySources,
                         MaskingPolicy masking) {

    public ReadResult {
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
        emptySources = List.copyOf(emptySources);
        Objects.requireNonNull(masking, "masking");
    }
}
