package io.kongsync.service;

import io.kongsync.git.RouteSource;
import io.kongsync.git.Snapshot;
import io.kongsync.git.SourceException;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import io.kongsync.validate.Diagnostic;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one sync or dry run from start to end: check out the commit, read and check the files, then plan or sync
 * against the gateway. Reading git and the files is blocking and runs on the bounded-elastic scheduler.
 */
public final class SyncRunner {

    private final RouteSource source;
    private final Function<Path, StateLoader.Loaded> loader;
    private final Gateway gateway;
    private final Clock clock;

    /** @param loader reads and checks the files of a checked-out routes directory */
    public SyncRunner(RouteSource source, Function<Path, StateLoader.Loaded> loader, Gateway gateway, Clock clock) {
        this.source = source;
        this.loader = loader;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** A plan made now, and the commit it was made from. */
    public record DryRun(Snapshot snapshot, Syncer.Planned planned) {
    }

    /** Plans {@code ref} against the gateway; fails with {@link SyncFailure} when the source or the files fail. */
    public Mono<DryRun> plan(String ref) {
        return desired(ref).flatMap(files -> gateway.plan(files.loaded().state(), files.loaded().selectTags())
                .map(planned -> new DryRun(files.snapshot(), planned)));
    }

    /** Runs a started record to its end; never fails: every failure becomes a failed record. */
    public Mono<SyncRecord> run(SyncRecord started) {
        return desired(started.ref())
                .flatMap(files -> {
                    SyncRecord atCommit = started.atCommit(files.snapshot().commit(), files.snapshot().shortMessage());
                    return started.dryRun()
                            ? gateway.plan(files.loaded().state(), files.loaded().selectTags())
                                    .map(planned -> dryRunRecord(atCommit, planned))
                            : gateway.sync(files.loaded().state(), files.loaded().selectTags())
                                    .map(result -> syncRecord(atCommit, result));
                })
                .onErrorResume(e -> Mono.just(failedRecord(started, e)));
    }

    private record Desired(Snapshot snapshot, StateLoader.Loaded loaded) {
    }

    private Mono<Desired> desired(String ref) {
        return Mono.fromCallable(() -> {
            Snapshot snapshot;
            try {
                snapshot = source.checkout(ref);
            } catch (SourceException e) {
                throw new SyncFailure(SyncFailure.Kind.SOURCE, e.getMessage(), List.of(), null);
            }
            StateLoader.Loaded loaded = loader.apply(snapshot.routes());
            if (!loaded.diagnostics().isEmpty()) {
                int n = loaded.diagnostics().size();
                throw new SyncFailure(SyncFailure.Kind.INVALID_FILES, n + " problem" + (n == 1 ? "" : "s")
                        + " in the files" + at(snapshot) + "; nothing was applied",
                        loaded.diagnostics().stream().map(Diagnostic::format).toList(), snapshot.commit());
            }
            return new Desired(snapshot, loaded);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static String at(Snapshot snapshot) {
        return snapshot.commit() == null ? "" : " at " + snapshot.commit().substring(0, Math.min(12,
                snapshot.commit().length()));
    }

    private SyncRecord dryRunRecord(SyncRecord record, Syncer.Planned planned) {
        List<String> problems = planned.diagnostics().stream().map(Diagnostic::format).toList();
        String error = problems.isEmpty() ? null
                : "Kong rejects " + problems.size() + " plugin configuration" + (problems.size() == 1 ? "" : "s");
        StoredReports reports = new StoredReports(Reports.render(planned.plan(), ReportFormat.TEXT),
                Reports.render(planned.plan(), ReportFormat.JSON),
                Reports.render(planned.plan(), ReportFormat.MARKDOWN));
        return record.finished(clock.instant(), PlanSummary.of(planned.plan()), null, List.of(), error, problems,
                reports);
    }

    private SyncRecord syncRecord(SyncRecord record, SyncResult result) {
        List<OperationRecord> operations = result.outcomes().stream().map(OperationRecord::of).toList();
        List<String> problems = result.diagnostics().stream().map(Diagnostic::format).toList();
        StoredReports reports = new StoredReports(Reports.render(result, ReportFormat.TEXT),
                Reports.render(result, ReportFormat.JSON), Reports.render(result, ReportFormat.MARKDOWN));
        Boolean matches = result.remaining() == null ? null : result.remaining().isEmpty();
        return record.finished(clock.instant(), PlanSummary.of(result.plan()), matches, operations,
                result.succeeded() ? null : failure(result), problems, reports);
    }

    static String failure(SyncResult result) {
        if (result.refusal() != null) {
            return result.refusal();
        }
        if (!result.diagnostics().isEmpty()) {
            return "Kong rejects " + result.diagnostics().size() + " part" + (result.diagnostics().size() == 1
                    ? "" : "s") + " of the files; nothing was applied";
        }
        long failed = result.count(io.kongsync.sync.Outcome.Status.FAILED);
        if (failed > 0) {
            long skipped = result.count(io.kongsync.sync.Outcome.Status.SKIPPED);
            return failed + " operation" + (failed == 1 ? "" : "s") + " failed" + (skipped > 0 ? ", " + skipped
                    + " skipped because they depend on them" : "");
        }
        return "Kong, read again after the sync, still differs from the files in "
                + result.remaining().changes().size() + " change" + (result.remaining().changes().size() == 1
                ? "" : "s");
    }

    private SyncRecord failedRecord(SyncRecord record, Throwable e) {
        if (e instanceof SyncFailure f) {
            SyncRecord at = f.commit() == null ? record : record.atCommit(f.commit(), null);
            return at.finished(clock.instant(), null, null, List.of(), f.getMessage(), f.problems(), null);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return record.failed(clock.instant(), message);
    }
}
