package io.kongsync.cli;

import io.kongsync.convert.FormatConverter;
import io.kongsync.convert.FormatConverter.Conversion;
import io.kongsync.convert.FormatConverter.Outcome;
import io.kongsync.file.RawYaml;
import io.kongsync.file.ReadOptions;
import io.kongsync.validate.Diagnostic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert decK files from _format_version 1.1 or 2.1 (Kong 2.x; also files without one) to 3.0, as "
                + "'deck file convert --from kong-gateway-2.x --to kong-gateway-3.x' does: regex paths gain '~', "
                + "the version becomes \"3.0\", a rate-limiting-advanced plugin without a namespace gets one. Only "
                + "those values change; comments and layout stay. Prints what changed and why. Touches no gateway.")
final class ConvertCommand implements Callable<Integer> {

    private static final List<String> FROM = List.of(FormatConverter.FROM, "kong-gateway-2.x");
    private static final List<String> TO = List.of(FormatConverter.TO, "kong-gateway-3.x");
    private static final String NAMESPACE_CHARACTERS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int NAMESPACE_LENGTH = 32;

    @Option(names = {"-s", "--state"}, paramLabel = "PATH", required = true,
            description = "A decK-format file or directory (read recursively); repeatable; - for standard input.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--from", paramLabel = "VERSION", defaultValue = FormatConverter.FROM,
            description = "The files' format: 1.1 (decK's kong-gateway-2.x: files with 1.1, 2.1 or no "
                    + "_format_version). Default: ${DEFAULT-VALUE}")
    String from;

    @Option(names = "--to", paramLabel = "VERSION", defaultValue = FormatConverter.TO,
            description = "The format to write: 3.0 (decK's kong-gateway-3.x). Default: ${DEFAULT-VALUE}")
    String to;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE",
            description = "Write the converted file here (one input file). Without it or --in-place, the converted "
                    + "file goes to stdout and the summary to stderr.")
    Path outputFile;

    @Option(names = "--in-place", description = "Rewrite each file that needs converting where it is.")
    boolean inPlace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        RawYaml.Documents read = RawYaml.read(sources, ReadOptions.defaults());
        if (read.documents().size() > 1 && !inPlace) {
            throw new CommandLine.ParameterException(spec.commandLine(), read.documents().size()
                    + " files to convert: give --in-place ("
                    + (outputFile == null ? "stdout" : "--output-file") + " takes one file)");
        }
        Supplier<String> namespaces = randomNamespaces();
        List<Conversion> conversions = read.documents().stream()
                .map(document -> FormatConverter.convert(document, namespaces)).toList();
        List<Diagnostic> problems = new ArrayList<>(read.problems());
        for (Conversion conversion : conversions) {
            problems.addAll(conversion.problems());
            if (conversion.outcome() == Outcome.CONVERTED) {
                // a converted text that no longer parses is kongsync's fault; better refused than written
                problems.addAll(RawYaml.check(conversion.document().name(), conversion.text(),
                        ReadOptions.defaults()));
            }
        }
        if (stop(problems, err)) {
            return ExitCodes.ERROR;
        }
        PrintWriter summary = inPlace || outputFile != null ? spec.commandLine().getOut() : err;
        write(conversions);
        summarise(conversions, summary);
        return ExitCodes.OK;
    }

    private void checkOptions() {
        if (!FROM.contains(from.toLowerCase(Locale.ROOT)) || !TO.contains(to.toLowerCase(Locale.ROOT))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot convert from '" + from + "' to '"
                    + to + "': kongsync converts --from 1.1 (decK's kong-gateway-2.x) --to 3.0 (kong-gateway-3.x)");
        }
        if (inPlace && outputFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in-place and --output-file are mutually exclusive");
        }
        if (inPlace && sources.stream().anyMatch(source -> source.toString().equals("-"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in-place cannot rewrite standard input; give --output-file or leave both out for stdout");
        }
    }

    private static boolean stop(List<Diagnostic> problems, PrintWriter err) {
        if (problems.isEmpty()) {
            return false;
        }
        problems.stream().sorted().forEach(problem -> err.println(problem.format()));
        err.printf("%d problem%s found; nothing was written.%n", problems.size(), problems.size() == 1 ? "" : "s");
        err.flush();
        return true;
    }

    private void write(List<Conversion> conversions) throws IOException {
        if (inPlace) {
            for (Conversion conversion : conversions) {
                if (conversion.outcome() == Outcome.CONVERTED) {
                    replace(conversion.document().path(), conversion.text());
                }
            }
        } else if (outputFile != null) {
            replace(outputFile, conversions.isEmpty() ? "" : conversions.get(0).text());
        } else if (!conversions.isEmpty()) {
            spec.commandLine().getOut().print(conversions.get(0).text());
            spec.commandLine().getOut().flush();
        }
    }

    /**
     * A new file is written; an existing one is written beside itself, with its permissions, then moved over it
     * (through a symbolic link to where it points): never half a file.
     */
    private static void replace(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        Path target = file.toRealPath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file keeps the defaults
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void summarise(List<Conversion> conversions, PrintWriter out) {
        int converted = 0;
        for (Conversion conversion : conversions) {
            String name = conversion.document().name();
            if (conversion.outcome() == Outcome.CONVERTED) {
                converted++;
                out.println(name + ": converted from " + conversion.from() + " to " + FormatConverter.TO
                        + (inPlace ? " in place" : outputFile != null ? ", written to " + outputFile : "") + ":");
            }
            conversion.changes().forEach(change -> out.println("  " + change.format()));
            conversion.notes().forEach(note -> out.println("  " + note.format()));
        }
        out.printf("%d file%s converted, %d already %s.%n", converted, converted == 1 ? "" : "s",
                conversions.size() - converted, FormatConverter.TO);
        if (converted > 0) {
            out.println("Templates were left unsubstituted and comments kept. Check the changes, then run "
                    + "'kongsync validate' and 'kongsync diff'.");
        }
        out.flush();
    }

    private static Supplier<String> randomNamespaces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            StringBuilder namespace = new StringBuilder(NAMESPACE_LENGTH);
            for (int i = 0; i < NAMESPACE_LENGTH; i++) {
                namespace.append(NAMESPACE_CHARACTERS.charAt(random.nextInt(NAMESPACE_CHARACTERS.length())));
            }
            return namespace.toString();
        };
    }
}
