package io.kongsync.cli;

import io.kongsync.kong.KongClient;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.Syncer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show the plan: what would change in Kong to make it match the files.")
final class DiffCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    KongOptions kong;

    @Option(names = "--current", paramLabel = "FILE",
            description = "A decK-format file (or a Kong-style echo with ids) holding the current state, for offline "
                    + "plans. Taken instead of --kong-addr.")
    Path current;

    @Mixin
    ReportOptions report;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when the plan is not empty (0 when it is, 1 on error).")
    boolean detailedExitCode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (current == null && !kong.isSet()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the current state: give --kong-addr=URL (or KONGSYNC_KONG_ADDR) or --current=FILE");
        }
        ReportFormat reportFormat = report.format();
        StateLoader.Options options = source.loaderOptions();
        StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), options);
        if (Diagnostics.print(desired.diagnostics(), spec.commandLine().getErr())) {
            return ExitCodes.ERROR;
        }
        Plan plan = current == null ? planAgainstKong(desired) : planOffline(desired, options);
        if (plan == null) {
            return ExitCodes.ERROR;
        }
        report.write(spec, Reports.render(plan, reportFormat));
        if (!plan.conflicts().isEmpty()) {
            spec.commandLine().getErr().printf("%d conflict%s with entities kongsync does not manage.%n",
                    plan.conflicts().size(), plan.conflicts().size() == 1 ? "" : "s");
            return ExitCodes.ERROR;
        }
        return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    /** The plan against the current state in a file; null when that file has problems. */
    private Plan planOffline(StateLoader.Loaded desired, StateLoader.Options options) {
        StateLoader.Loaded inKong = StateLoader.loadCurrent(current, options);
        if (Diagnostics.print(inKong.diagnostics(), spec.commandLine().getErr())) {
            return null;
        }
        return Planner.plan(desired.state(), inKong.state(),
                new PlanOptions(options.ownershipTag(), desired.selectTags()));
    }

    /** The plan against a live Kong, whose own validation of plugin configs counts as problems in the files. */
    private Plan planAgainstKong(StateLoader.Loaded desired) {
        SyncOptions syncOptions = SyncOptions.defaults().withOwnershipTag(source.ownershipTag);
        try (KongClient client = kong.connect(syncOptions.parallelism())) {
            Syncer.Planned planned = new Syncer(client, syncOptions).plan(desired.state(), desired.selectTags())
                    .block();
            if (Diagnostics.print(planned.diagnostics(), spec.commandLine().getErr())) {
                return null;
            }
            return planned.plan();
        }
    }
}
