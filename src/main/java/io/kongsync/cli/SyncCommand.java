package io.kongsync.cli;

import io.kongsync.kong.KongClient;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Make Kong match the files: plan, apply, then read Kong again and check it matches.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    KongOptions kong;

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

    @Mixin
    ReportOptions report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        kong.require(spec);
        ReportFormat reportFormat = report.format();
        StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), source.loaderOptions());
        if (Diagnostics.print(desired.diagnostics(), spec.commandLine().getErr())) {
            return ExitCodes.ERROR;
        }
        SyncOptions options = SyncOptions.defaults()
                .withOwnershipTag(source.ownershipTag)
                .withParallelism(parallelism)
                .withMassDelete(massDeletePercent / 100.0, allowMassDelete);
        SyncResult result;
        try (KongClient client = kong.connect(parallelism)) {
            result = new Syncer(client, options).sync(desired.state(), desired.selectTags()).block();
        }
        report.write(spec, Reports.render(result, reportFormat));
        return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
