package io.kongsync.cli;

import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show the plan: what would change in Kong to make it match the files.")
final class DiffCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--current", paramLabel = "FILE",
                description = "A decK-format file (or a Kong-style echo with ids) holding the current state, "
                        + "for offline plans.")
        String current;

        /** Plans against an empty gateway; the default command's, until kongsync has a gateway of its own. */
        @Option(names = "--against-empty", hidden = true)
        boolean empty;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json or markdown. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path outputFile;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when the plan is not empty (0 when it is, 1 on error).")
    boolean detailedExitCode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat = ReportFormat.parse(format);
        StateLoader.Options options = source.loaderOptions();
        StateLoader.Loaded desired = StateLoader.loadDesired(source.sources(), options);
        List<io.kongsync.validate.Diagnostic> problems = new ArrayList<>(desired.diagnostics());
        io.kongsync.model.State current = io.kongsync.model.State.EMPTY;
        if (!target.empty) {
            StateLoader.Loaded loadedCurrent = StateLoader.loadCurrent(Path.of(target.current), options);
            problems.addAll(loadedCurrent.diagnostics());
            current = loadedCurrent.state();
        }
        if (Diagnostics.print(problems, spec.commandLine().getErr())) {
            return ExitCodes.ERROR;
        }
        Plan plan = Planner.plan(desired.state(), current,
                new PlanOptions(options.ownershipTag(), desired.selectTags()));
        String report = Reports.render(plan, reportFormat);
        if (outputFile != null) {
            Files.writeString(outputFile, report, StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
        }
        if (!plan.conflicts().isEmpty()) {
            spec.commandLine().getErr().printf("%d conflict%s with entities kongsync does not manage.%n",
                    plan.conflicts().size(), plan.conflicts().size() == 1 ? "" : "s");
            return ExitCodes.ERROR;
        }
        return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
