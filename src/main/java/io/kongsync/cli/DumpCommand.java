package io.kongsync.cli;

import io.kongsync.dump.Dump;
import io.kongsync.dump.DumpOptions;
import io.kongsync.dump.Dumper;
import io.kongsync.kong.KongClient;
import io.kongsync.model.State;
import io.kongsync.plan.PlanOptions;
import io.kongsync.sync.KongStateReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Export what kongsync manages in Kong as a decK-format file (nested, no ids, defaults left out). "
                + "`diff -s` of that file plans no changes.")
final class DumpCommand implements Callable<Integer> {

    @Mixin
    KongOptions kong;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write the file here instead of stdout.")
    Path outputFile;

    @Option(names = "--ownership-tag", paramLabel = "TAG", defaultValue = PlanOptions.DEFAULT_OWNERSHIP_TAG,
            description = "The tag that marks the entities kongsync manages. Default: ${DEFAULT-VALUE}")
    String ownershipTag;

    @Option(names = "--select-tag", paramLabel = "TAG",
            description = "Export only entities that also carry this tag, written as _info.select_tags; repeatable.")
    List<String> selectTags = List.of();

    @Option(names = "--all", description = "Export every entity in Kong, managed by kongsync or not.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        kong.require(spec);
        State current;
        try (KongClient client = kong.connect(8)) {
            current = new KongStateReader(8).read(client, ownershipTag).block();
        }
        Dump dump = Dumper.dump(current, new DumpOptions(ownershipTag, new LinkedHashSet<>(selectTags), all));
        dump.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        ReportOptions.write(spec, outputFile, dump.yaml());
        return ExitCodes.OK;
    }
}
