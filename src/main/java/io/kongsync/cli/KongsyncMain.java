package io.kongsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The jar's entry point: {@code kongsync serve|validate|diff|sync|dump|convert|sandbox ...}; without a command it
 * serves.
 * An unknown command or word is an error, never the service.
 */
@Command(name = "kongsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kong Gateway configuration as code: validate decK-format files, plan and apply them.",
        subcommands = {ValidateCommand.class, DiffCommand.class, SyncCommand.class, DumpCommand.class,
                ConvertCommand.class, SandboxCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class KongsyncMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        withoutGroovyLookup();
        System.exit(run(args));
    }

    /**
     * For this process: picocli looks for Groovy's Closure class otherwise, opening every jar on the class path to
     * learn it is not there, a good part of {@code kongsync --help}. kongsync has no Groovy.
     */
    static void withoutGroovyLookup() {
        System.setProperty("picocli.disable.closures", "true");
    }

    /** Runs the CLI and returns its exit code (0 success, 1 invalid input or error, 2 changes pending). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the CLI with the given output and error writers (tests, embedding). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KongsyncMain());
        // picocli lends the root's @Unmatched leniency to every subcommand: `sync --dry-run` would sync. Only a
        // command with an @Unmatched of its own (serve) accepts what it does not know.
        cli.getSubcommands().values().forEach(command ->
                command.setUnmatchedArgumentsAllowed(!command.getCommandSpec().unmatchedArgsBindings().isEmpty()));
        cli.setExecutionStrategy(KongsyncMain::executeKnownArguments);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return ExitCodes.ERROR;
        });
        cli.setExitCodeExceptionMapper(ex -> ExitCodes.ERROR);
        return cli;
    }

    /**
     * Runs the command only when every argument is known; before help too, so {@code kongsync plan --help} is an
     * error rather than kongsync's help with exit 0.
     */
    private static int executeKnownArguments(CommandLine.ParseResult parseResult) {
        java.util.Optional<String> unknown = UnknownArguments.in(parseResult);
        if (unknown.isEmpty()) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        java.io.PrintWriter err = parseResult.commandSpec().commandLine().getErr();
        err.print(unknown.get());
        err.flush();
        return ExitCodes.ERROR;
    }

    /**
     * Without a command, the settings for {@code serve} (such as {@code --server.port=9090}); anything else here is
     * refused by {@link UnknownArguments} before it could reach the service.
     */
    @CommandLine.Unmatched
    java.util.List<String> serveArguments = new java.util.ArrayList<>();

    /** Without a command: {@code serve}. */
    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("serve").execute(serveArguments.toArray(String[]::new));
    }
}
