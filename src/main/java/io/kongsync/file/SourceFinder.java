package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Expands the sources named by the user into the files to read, each with the name the user will recognise. */
final class SourceFinder {

    static final String STDIN = "-";
    static final String STDIN_NAME = "<stdin>";

    /** One file to read; {@code path} is null for standard input. */
    record Input(String name, Path path) {
        boolean isStdin() {
            return path == null;
        }
    }

    private SourceFinder() {
    }

    /**
     * @param names       how to name a source in messages instead of as given ({@link ReadOptions#sourceNames()})
     * @param diagnostics sources that cannot be read
     * @param empty       sources that hold no file to read, and why; whether that is a problem is up to the caller
     */
    static List<Input> expand(List<Path> sources, Map<Path, String> names, List<Diagnostic> diagnostics,
                              List<Diagnostic> empty) {
        List<Input> inputs = new ArrayList<>();
        for (Path source : sources) {
            String given = source.toString();
            String shown = names.containsKey(source) ? names.get(source) : given;
            Origin origin = new Origin(slashes(shown.isEmpty() ? String.valueOf(source.getFileName()) : shown), 0, 0,
                    "");
            if (given.equals(STDIN)) {
                inputs.add(new Input(STDIN_NAME, null));
            } else if (Files.isDirectory(source)) {
                int before = inputs.size();
                int skipped = directory(source, shown, inputs, diagnostics);
                if (inputs.size() == before) {
                    empty.add(new Diagnostic(origin, "holds no route files (.yaml, .yml or .json)" + (skipped == 0
                            ? "" : "; " + skipped + (skipped == 1 ? " that is" : " that are")
                            + " not a regular file " + (skipped == 1 ? "was" : "were") + " left out")));
                }
            } else if (Files.isRegularFile(source)) {
                inputs.add(new Input(origin.file(), source));
            } else if (Files.exists(source)) {
                empty.add(new Diagnostic(origin, "is not a regular file (a pipe, device or socket)"));
            } else if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                diagnostics.add(new Diagnostic(origin,
                        "no such file or directory (a symbolic link to a missing file)"));
            } else {
                diagnostics.add(new Diagnostic(origin, "no such file or directory"));
            }
        }
        return inputs;
    }

    /**
     * Adds the YAML and JSON files below a directory, hidden ones left out, in order of relative path; returns how
     * many were left out for not being regular files (pipes, dangling symbolic links ...).
     */
    private static int directory(Path dir, String shown, List<Input> inputs, List<Diagnostic> diagnostics) {
        List<Path> found = new ArrayList<>();
        int[] skipped = new int[1];
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isHidden(file) && isDeckFile(file)) {
                        if (Files.isRegularFile(file)) {
                            found.add(file);
                        } else {
                            skipped[0]++;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(new Origin(slashes(shown), 0, 0, ""),
                    "cannot list directory: " + IoErrors.reason(e)));
        } catch (UncheckedIOException e) {
            diagnostics.add(new Diagnostic(new Origin(slashes(shown), 0, 0, ""),
                    "cannot list directory: " + IoErrors.reason(e.getCause())));
        }
        found.stream()
                .map(file -> slashes(dir.relativize(file).toString()))
                .sorted(Comparator.naturalOrder())
                .forEach(relative -> inputs.add(new Input(displayName(shown, relative), dir.resolve(relative))));
        return skipped[0];
    }

    private static String displayName(String given, String relative) {
        String base = slashes(given);
        while (base.length() > 1 && base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        while (base.startsWith("./")) {
            base = base.substring(2);
        }
        return base.equals(".") || base.isEmpty() ? relative : base + "/" + relative;
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isDeckFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String slashes(String path) {
        return path.replace('\\', '/');
    }
}
