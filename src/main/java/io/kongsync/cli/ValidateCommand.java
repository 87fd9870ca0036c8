package io.kongsync.cli;

import io.kongsync.state.StateLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the files: syntax, schema, references and Kong's rules. Touches no gateway.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StateLoader.Loaded loaded = StateLoader.loadDesired(source.sources(), source.loaderOptions());
        if (Diagnostics.print(loaded.diagnostics(), spec.commandLine().getErr())) {
            return ExitCodes.ERROR;
        }
        spec.commandLine().getOut().printf("%d files valid: %d entities.%n", loaded.files(), loaded.state().size());
        return ExitCodes.OK;
    }
}
