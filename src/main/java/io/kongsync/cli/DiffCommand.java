package io.kongsync.cli;

import io.kongsync.git.RevisionFiles;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongNode;
import io.kongsync.plan.KongReferences;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--strict", description = "Treat warnings (paths that look like regexes without '~', routes with the same matching criteria, upstreams Cloud Map cannot serve) as errors: exit 1.")
    boolean strict;

    @Option(names = "--current", paramLabel = "FILE",
            description = "A decK-format file (or a Kong-style echo with ids) holding the current state, for offline "
                    + "plans. Taken instead of --kong-addr. When no entity in it carries the ownership tag (a plain "
                    + "decK file, a kongsync dump), every entity in it counts as kongsync's; otherwise the tag "
                    + "decides, as in Kong.")
    Path current;

    @Option(names = "--base-ref", paramLabel = "REF",
            description = "Plan against the -s paths as they are at this git revision (a branch such as origin/main, "
                    + "a tag, a commit, HEAD~1), read from the repository that holds them, instead of against Kong: "
                    + "what merging the working tree's files would change. Every entity there counts as kongsync's; "
                    + "a path that does not exist there counts as empty. Not with --current or --kong-addr.")
    String baseRef;

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
        checkOneCurrentState();
        ReportFormat reportFormat = report.format();
        StateLoader.Options options = current != null || baseRef != null ? source.offlineLoaderOptions()
                : source.loaderOptions();
        try (AwsAccess access = new AwsAccess(aws);
             RevisionFiles base = baseRef == null ? null : RevisionFiles.read(source.sources(), baseRef)) {
            StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), options, access.readOptions());
            if (Diagnostics.print(desired.diagnostics(), spec.commandLine().getErr())) {
                return ExitCodes.ERROR;
            }
            List<Diagnostic> warnings = access.warnings(desired);
            List<Diagnostic> shown = new ArrayList<>(warnings);
            Plan plan = plan(desired, base, access, options, shown);
            if (plan == null) {
                return ExitCodes.ERROR;
            }
            report.write(spec, Reports.render(plan, shown, reportFormat));
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

    /** The plan against whichever current state was given; null when it has problems (printed). */
    private Plan plan(StateLoader.Loaded desired, RevisionFiles base, AwsAccess access, StateLoader.Options options,
                      List<Diagnostic> warnings) {
        PrintWriter err = spec.commandLine().getErr();
        if (base != null) {
            return planOffline(desired, OfflineCurrent.atRevision(base, baseRef, options, access.readOptions(), err),
                    options, warnings);
        }
        if (current != null) {
            return planOffline(desired, OfflineCurrent.fromFile(current, options, err), options, warnings);
        }
        return aws.discoversKong() ? planAgainstGateway(access.kongNodes(), desired) : planAgainstKong(desired);
    }

    /**
     * Exactly one current state: Kong (--kong-addr or discovery), --current or --base-ref. --current is taken instead
     * of Kong as it always was; --base-ref refuses a Kong given on the command line (one from the environment is
     * left unused, as for --current).
     */
    private void checkOneCurrentState() {
        if (baseRef != null) {
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            for (String other : List.of("--current", "--kong-addr", "--kong-discovery-service")) {
                if (parsed.hasMatchedOption(other)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--base-ref and " + other
                            + " are mutually exclusive: --base-ref plans against the files at a git revision, "
                            + other + " against " + (other.equals("--current") ? "a file" : "Kong"));
                }
            }
            return;
        }
        if (current == null && !kong.isSet() && !aws.discoversKong()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the current state: give --kong-addr=URL (or KONGSYNC_KONG_ADDR), "
                            + "--kong-discovery-namespace with --kong-discovery-service, --current=FILE "
                            + "or --base-ref=REF");
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

    /** The plan against a current state read without Kong; null when it has problems (printed). */
    /**
     * References by id to entities only Kong may hold (made by hand there) cannot be checked without Kong: each is a
     * warning in the report, not an error, and is not counted by --strict, which no offline plan could then pass.
     */
    private Plan planOffline(StateLoader.Loaded desired, OfflineCurrent.Current current, StateLoader.Options options,
                             List<Diagnostic> warnings) {
        if (Diagnostics.print(current.loaded().diagnostics(), spec.commandLine().getErr())) {
            return null;
        }
        PlanOptions planOptions = new PlanOptions(options.ownershipTag(), desired.selectTags(), current.ownsAll());
        KongReferences.Resolved resolved = KongReferences.offline(desired.state(), current.loaded().state(),
                planOptions);
        warnings.addAll(desired.masking().maskAll(resolved.unresolved()));
        return Planner.plan(resolved.desired(), current.loaded().state(), planOptions);
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
