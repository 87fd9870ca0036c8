package io.kongsync.cli;

import io.kongsync.plan.KongReferences;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the files: syntax, schema, references and Kong's rules. Touches no gateway; "
                + "resolves ssm references and, with --kong-discovery-namespace, checks upstreams in Cloud Map.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    AwsOptions aws;

    @Option(names = "--strict", description = "Treat warnings (paths that look like regexes without '~', routes with the same matching criteria, upstreams Cloud Map cannot serve) as errors.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        aws.check(spec, false);
        try (AwsAccess access = new AwsAccess(aws)) {
            StateLoader.Loaded loaded = StateLoader.loadDesired(source.sources(), source.offlineLoaderOptions(),
                    access.readOptions());
            if (Diagnostics.print(loaded.diagnostics(), spec.commandLine().getErr())) {
                return ExitCodes.ERROR;
            }
            List<Diagnostic> warnings = access.warnings(loaded);
            // references by id to entities only Kong may hold: never checkable here, so not counted by --strict
            Diagnostics.printWarnings(loaded.masking().maskAll(KongReferences.unchecked(loaded.state())),
                    spec.commandLine().getErr());
            Diagnostics.printWarnings(warnings, spec.commandLine().getErr());
            if (Diagnostics.strictStop(strict, warnings, spec.commandLine().getErr(), "the files are not valid.")) {
                return ExitCodes.ERROR;
            }
            spec.commandLine().getOut().printf("%d files valid: %d entities.%n", loaded.files(),
                    loaded.state().size());
            return ExitCodes.OK;
        }
    }
}
