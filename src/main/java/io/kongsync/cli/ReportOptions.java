package io.kongsync.cli;

import io.kongsync.report.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report's format and where it goes; shared by the commands that print a plan. */
final class ReportOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json or markdown. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path outputFile;

    ReportFormat format() {
        return ReportFormat.parse(format);
    }

    void write(CommandSpec spec, String report) throws IOException {
        write(spec, outputFile, report);
    }

    /** To {@code file} when given, to stdout otherwise. */
    static void write(CommandSpec spec, Path file, String text) throws IOException {
        if (file != null) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }
}
