package io.kongsync.cli;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The jar's entry point: {@code kongsync validate|diff|sync|dump|sandbox ...}; without a command it syncs
 * {@code routes/} into the sandbox.
 */
@Command(name = "kongsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kong Gateway configuration as code: validate decK-format files, plan and apply them.",
        subcommands = {ValidateCommand.class, DiffCommand.class, SyncCommand.class, DumpCommand.class,
                SandboxCommand.class, CommandLine.HelpCommand.class})
public final class KongsyncMain implements Callable<Integer> {

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

    /** For tests: run the default sync into the sandbox, then stop instead of serving until interrupted. */
    @CommandLine.Option(names = "--exit-after-sync", hidden = true)
    boolean exitAfterSync;

    /**
     * Without a command: start the sandbox (port 8001, or any free port if that is taken), sync {@code routes/} into
     * it, and keep it running so the result can be looked at with curl. The service takes over this default later.
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (Sandbox sandbox = startSandbox()) {
            err.println("kongsync: no Kong is configured, so this runs the kongsync sandbox (an in-memory stand-in for "
                    + "the Kong 3.9 Admin API, not a gateway) at " + sandbox.url() + " and syncs routes/ into it.");
            err.flush();
            int code = spec.commandLine().getSubcommands().get("sync")
                    .execute("--kong-addr", sandbox.url().toString());
            if (code != ExitCodes.OK || exitAfterSync) {
                return code;
            }
            err.println("kongsync: the sandbox keeps running; look at it with `curl " + sandbox.url()
                    + "/services` or `kongsync diff --kong-addr " + sandbox.url() + "`. Ctrl-C stops it.");
            err.flush();
            sandbox.awaitTermination();
            return ExitCodes.OK;
        }
    }

    private static Sandbox startSandbox() {
        try {
            return Sandbox.start(SandboxOptions.defaults().withPort(8001));
        } catch (RuntimeException portTaken) {
            return Sandbox.start(SandboxOptions.defaults());
        }
    }
}
