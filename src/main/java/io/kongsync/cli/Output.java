package io.kongsync.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's report goes: a file when asked, stdout otherwise. */
final class Output {

    private Output() {
    }

    static void write(CommandSpec spec, Path file, String text) throws IOException {
        if (file != null) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }
}
