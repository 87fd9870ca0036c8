package io.kongsync.cli;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongNode;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.GatewaySyncer;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import io.kongsync.validate.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Make Kong match the files: plan, apply, then read Kong again and check it matches.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    KongOptions kong;

    @Mixin
    AwsOptions aws;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Admin API writes in flight at once (database mode). Default: ${DEFAULT-VALUE}")
    int parallelism;

    @Option(names = "--allow-mass-delete",
            description = "Apply a plan that deletes more than the threshold share of the managed entities, or all.")
    boolean allowMassDelete;

    @Option(names = "--mass-delete-threshold", paramLabel = "PERCENT", defaultValue = "25",
            description = "The largest share of managed entities one sync may delete without --allow-mass-delete. "
                    + "Default: ${DEFAULT-VALUE}")
    double massDeletePercent;

    @Option(names = "--strict",
            description = "Treat warnings (paths that look like regexes without '~', routes with the same matching criteria, upstreams Cloud Map cannot serve) as errors: apply nothing.")
    boolean strict;

    @Mixin
    ReportOptions report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        kong.require(spec, aws);
        ReportFormat reportFormat = report.format();
        try (AwsAccess access = new AwsAccess(aws)) {
            StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), source.loaderOptions(),
                    access.readOptions());
            if (Diagnostics.print(desired.diagnostics(), spec.commandLine().getErr())) {
                return ExitCodes.ERROR;
            }
            List<Diagnostic> warnings = access.warnings(desired);
            if (strict && !warnings.isEmpty()) {
                Diagnostics.printWarnings(warnings, spec.commandLine().getErr());
                Diagnostics.strictStop(strict, warnings, spec.commandLine().getErr(), "nothing was applied.");
                return ExitCodes.ERROR;
            }
            SyncOptions options = SyncOptions.defaults()
                    .withOwnershipTag(source.ownershipTag)
                    .withParallelism(parallelism)
                    .withMassDelete(massDeletePercent / 100.0, allowMassDelete);
            SyncResult result = aws.discoversKong() ? syncGateway(access.kongNodes(), desired, options)
                    : syncOne(desired, options);
            report.write(spec, Reports.render(result, warnings, reportFormat));
            return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    private SyncResult syncOne(StateLoader.Loaded desired, SyncOptions options) {
        try (KongClient client = kong.connect(parallelism)) {
            return new Syncer(client, options).sync(desired.state(), desired.selectTags()).block();
        }
    }

    private SyncResult syncGateway(List<KongNode> nodes, StateLoader.Loaded desired, SyncOptions options) {
        try (GatewaySyncer gateway = GatewaySyncer.connect(nodes, kong.settings(nodes.get(0).adminUrl(),
                parallelism), options)) {
            return gateway.sync(desired.state(), desired.selectTags()).block();
        }
    }
}
