package io.kongsync.cli;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongNode;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.GatewaySyncer;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.Syncer;
import io.kongsync.validate.Diagnostic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show the plan: what would change in Kong to make it match the files.")
final class DiffCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    KongOptions kong;

    @Mixin
    AwsOptions aws;

    @Option(names = "--strict", description = "Treat warnings (upstreams Cloud Map cannot serve) as errors: exit 1.")
    boolean strict;

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
        aws.check(spec, kong.isSet());
        if (current == null && !kong.isSet() && !aws.discoversKong()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the current state: give --kong-addr=URL (or KONGSYNC_KONG_ADDR), "
                            + "--kong-discovery-namespace with --kong-discovery-service, or --current=FILE");
        }
        ReportFormat reportFormat = report.format();
        StateLoader.Options options = source.loaderOptions();
        try (AwsAccess access = new AwsAccess(aws)) {
            StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), options, access.readOptions());
            if (Diagnostics.print(desired.diagnostics(), spec.commandLine().getErr())) {
                return ExitCodes.ERROR;
            }
            List<Diagnostic> warnings = access.upstreamWarnings(desired.state());
            Plan plan = current != null ? planOffline(desired, options)
                    : aws.discoversKong() ? planAgainstGateway(access.kongNodes(), desired) : planAgainstKong(desired);
            if (plan == null) {
                return ExitCodes.ERROR;
            }
            report.write(spec, Reports.render(plan, warnings, reportFormat));
            if (!plan.conflicts().isEmpty()) {
                spec.commandLine().getErr().printf("%d conflict%s with entities kongsync does not manage.%n",
                        plan.conflicts().size(), plan.conflicts().size() == 1 ? "" : "s");
                return ExitCodes.ERROR;
            }
            if (Diagnostics.strictStop(strict, warnings, spec.commandLine().getErr(), "failing the plan.")) {
                return ExitCodes.ERROR;
            }
            return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }

    /** The plan against the first discovered node that answers. */
    private Plan planAgainstGateway(List<KongNode> nodes, StateLoader.Loaded desired) {
        SyncOptions syncOptions = SyncOptions.defaults().withOwnershipTag(source.ownershipTag);
        try (GatewaySyncer gateway = GatewaySyncer.connect(nodes, kong.settings(nodes.get(0).adminUrl(),
                syncOptions.parallelism()), syncOptions)) {
            return checked(gateway.plan(desired.state(), desired.selectTags()).block());
        }
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
            return checked(new Syncer(client, syncOptions).plan(desired.state(), desired.selectTags()).block());
        }
    }

    /** The plan, or null when Kong rejected a plugin config (printed). */
    private Plan checked(Syncer.Planned planned) {
        if (Diagnostics.print(planned.diagnostics(), spec.commandLine().getErr())) {
            return null;
        }
        return planned.plan();
    }
}
