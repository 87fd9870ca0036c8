package io.kongsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the launcher's class-data archive ({@code bin/kongsync}, {@code KONGSYNC_CDS=train}): runs
 * the short commands people start most, help, {@code validate} and an offline {@code diff}, in one JVM, so the JVM
 * writing the archive at exit has loaded every class they need. Offline and quick; the commands' output is dropped.
 *
 * <p>Arguments: the decK-format files or directories to train on. Exits 1, with the command's errors, when one of
 * them does not end as it should: a broken training run would leave a useless archive.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: StartupTraining PATH... (decK-format files or directories that validate)");
            System.exit(ExitCodes.ERROR);
        }
        KongsyncMain.withoutGroovyLookup();
        for (List<String> command : commands(List.of(args))) {
            StringWriter err = new StringWriter();
            int code = KongsyncMain.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    command.toArray(String[]::new));
            if (code != ExitCodes.OK) {
                System.err.println("training run: kongsync " + String.join(" ", command) + " exited " + code);
                System.err.print(err);
                System.exit(ExitCodes.ERROR);
            }
        }
        System.exit(ExitCodes.OK);
    }

    static List<List<String>> commands(List<String> paths) {
        List<String> sources = new ArrayList<>();
        for (String path : paths) {
            sources.add("-s");
            sources.add(path);
        }
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--help"));
        commands.add(List.of("--version"));
        for (String command : List.of("validate", "diff", "sync", "dump", "sandbox", "serve")) {
            commands.add(List.of(command, "--help"));
        }
        commands.add(concat(List.of("validate"), sources));
        for (String format : List.of("text", "json", "markdown")) {
            List<String> diff = concat(List.of("diff", "--output", format), sources);
            diff.add("--current");
            diff.add(paths.get(0));
            commands.add(diff);
        }
        return commands;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }
}
