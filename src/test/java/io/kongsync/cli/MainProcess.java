package io.kongsync.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's real main in a child JVM, on the test class path: exit codes and {@code System.exit} as a pipeline meets
 * them. None of this machine's {@code KONGSYNC_} variables reach it; a test sets the ones it means.
 */
final class MainProcess {

    private MainProcess() {
    }

    static ProcessBuilder builder(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KongsyncMain.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("KONGSYNC_"));
        return builder;
    }
}
