package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training runs behind the launcher's class-data archives ({@code bin/kongsync}, {@code KONGSYNC_CDS=train}): the
 * commands run in one JVM, so that it has loaded every class they need when the archive is written. Without an option:
 * help, {@code validate} and an offline {@code diff}. With {@code --against-kong}: {@code sync}, {@code diff} and
 * {@code dump} against the sandbox on a free loopback port. Offline and quick; the commands' output is dropped.
 *
 * <p>Arguments: {@code [--against-kong] PATH...}, the decK-format files or directories to train on. Exits 1, with the
 * command's errors, when one of them does not end as it should: a broken training run would leave a useless archive.
 */
public final class StartupTraining {

    static final String AGAINST_KONG = "--against-kong";

    private StartupTraining() {
    }

    public static void main(String[] args) {
        List<String> paths = new ArrayList<>(List.of(args));
        boolean againstKong = paths.remove(AGAINST_KONG);
        if (paths.isEmpty()) {
            System.err.println("usage: StartupTraining [" + AGAINST_KONG + "] PATH... (decK-format files or "
                    + "directories that validate)");
            System.exit(ExitCodes.ERROR);
        }
        KongsyncMain.withoutGroovyLookup();
        if (againstKong) {
            try (Sandbox kong = Sandbox.start(SandboxOptions.defaults().withPort(0))) {
                run(againstKong(paths, kong.url().toString()));
            }
        } else {
            run(offline(paths));
        }
        System.exit(ExitCodes.OK);
    }

    static List<List<String>> offline(List<String> paths) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--help"));
        commands.add(List.of("--version"));
        for (String command : List.of("validate", "diff", "sync", "dump", "convert", "sandbox", "serve")) {
            commands.add(List.of(command, "--help"));
        }
        commands.add(concat(List.of("validate"), sources(paths)));
        for (String format : List.of("text", "json", "markdown")) {
            commands.add(concat(List.of("diff", "--output", format, "--current", paths.get(0)), sources(paths)));
        }
        return commands;
    }

    static List<List<String>> againstKong(List<String> paths, String kongUrl) {
        return List.of(
                concat(List.of("sync", "--kong-addr", kongUrl), sources(paths)),
                concat(List.of("diff", "--kong-addr", kongUrl), sources(paths)),
                List.of("dump", "--kong-addr", kongUrl));
    }

    private static void run(List<List<String>> commands) {
        for (List<String> command : commands) {
            StringWriter err = new StringWriter();
            int code = KongsyncMain.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    command.toArray(String[]::new));
            if (code != ExitCodes.OK) {
                System.err.println("training run: kongsync " + String.join(" ", command) + " exited " + code);
                System.err.print(err);
                System.exit(ExitCodes.ERROR);
            }
        }
    }

    private static List<String> sources(List<String> paths) {
        List<String> sources = new ArrayList<>();
        for (String path : paths) {
            sources.add("-s");
            sources.add(path);
        }
        return sources;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }
}
