package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
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

    /** @param names how to name a source in messages instead of as given ({@link ReadOptions#sourceNames()}) */
    static List<Input> expand(List<Path> sources, Map<Path, String> names, List<Diagnostic> diagnostics) {
        List<Input> inputs = new ArrayList<>();
        for (Path source : sources) {
            String given = source.toString();
            String shown = names.containsKey(source) ? names.get(source) : given;
            if (given.equals(STDIN)) {
                inputs.add(new Input(STDIN_NAME, null));
            } else if (Files.isDirectory(source)) {
                inputs.addAll(directory(source, shown, diagnostics));
            } else if (Files.isRegularFile(source)) {
                inputs.add(new Input(slashes(shown.isEmpty() ? String.valueOf(source.getFileName()) : shown), source));
            } else {
                diagnostics.add(new Diagnostic(new Origin(slashes(shown), 0, 0, ""), "no such file or directory"));
            }
        }
        return inputs;
    }

    /** The YAML and JSON files below a directory, hidden ones left out, in order of relative path. */
    private static List<Input> directory(Path dir, String shown, List<Diagnostic> diagnostics) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isHidden(file) && isDeckFile(file) && Files.isRegularFile(file)) {
                        found.add(file);
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
        List<Input> inputs = new ArrayList<>();
        found.stream()
                .map(file -> slashes(dir.relativize(file).toString()))
                .sorted(Comparator.naturalOrder())
                .forEach(relative -> inputs.add(new Input(displayName(shown, relative), dir.resolve(relative))));
        return inputs;
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
