package io.kongsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's entry point. {@code kongsync validate|diff ...}; without a command it plans {@code routes/} against an
 * empty gateway (the service and the sandbox take over this default in later releases).
 */
@Command(name = "kongsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kong Gateway configuration as code: validate decK-format files, plan and apply them.",
        subcommands = {ValidateCommand.class, DiffCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class KongsyncMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
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
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return ExitCodes.ERROR;
        });
        cli.setExitCodeExceptionMapper(ex -> ExitCodes.ERROR);
        return cli;
    }

    @Override
    public void run() {
        CommandLine diff = spec.commandLine().getSubcommands().get("diff");
        diff.getErr().println("kongsync: no gateway is configured yet; planning routes/ against an empty Kong.");
        int code = diff.execute("--against-empty");
        if (code == ExitCodes.ERROR) {
            throw new CommandLine.ExecutionException(spec.commandLine(), "routes/ is not valid");
        }
    }
}
