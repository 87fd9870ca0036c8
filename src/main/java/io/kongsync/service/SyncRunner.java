package io.kongsync.service;

import io.kongsync.git.RouteSource;
import io.kongsync.git.Snapshot;
import io.kongsync.git.SourceException;
import io.kongsync.model.State;
import io.kongsync.report.FailureReport;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import io.kongsync.report.ReviewComparison;
import io.kongsync.report.SourceLinks;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import io.kongsync.validate.Diagnostic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs one sync or dry run from start to end: check out the commit, read and check the files, then plan or sync
 * against the gateway. Reading git and the files is blocking and runs on the bounded-elastic scheduler.
 */
public final class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final RouteSource source;
    private final Function<Path, StateLoader.Loaded> loader;
    private final Gateway gateway;
    private final Clock clock;
    private final Function<State, List<Diagnostic>> upstreamCheck;
    private final boolean strict;
    private final ReviewedPlans reviewedPlans;

    /** @param loader reads and checks the files of a checked-out routes directory */
    public SyncRunner(RouteSource source, Function<Path, StateLoader.Loaded> loader, Gateway gateway, Clock clock) {
        this(source, loader, gateway, clock, files -> List.of(), false);
    }

    /**
     * @param upstreamCheck warnings about the desired state (Cloud Map hosts without healthy instances); blocking
     * @param strict        warnings fail the sync before anything is applied
     */
    public SyncRunner(RouteSource source, Function<Path, StateLoader.Loaded> loader, Gateway gateway, Clock clock,
                      Function<State, List<Diagnostic>> upstreamCheck, boolean strict) {
        this(source, loader, gateway, clock, upstreamCheck, strict, null);
    }

    /**
     * @param reviewedPlans fingerprints the plans of pull requests and compares each sync with the review of the
     *                      pull request it applies; null to do neither
     */
    public SyncRunner(RouteSource source, Function<Path, StateLoader.Loaded> loader, Gateway gateway, Clock clock,
                      Function<State, List<Diagnostic>> upstreamCheck, boolean strict, ReviewedPlans reviewedPlans) {
        this.reviewedPlans = reviewedPlans;
        this.source = source;
        this.loader = loader;
        this.gateway = gateway;
        this.clock = clock;
        this.upstreamCheck = upstreamCheck;
        this.strict = strict;
    }

    /** A plan made now, the commit it was made from and the warnings it carries. */
    public record DryRun(Snapshot snapshot, Syncer.Planned planned, List<Diagnostic> warnings) {
    }

    /** Plans {@code ref} against the gateway; fails with {@link SyncFailure} when the source or the files fail. */
    public Mono<DryRun> plan(String ref) {
        return desired(ref, null).flatMap(files -> gateway.plan(files.loaded().state(), files.loaded().selectTags())
                .map(planned -> new DryRun(files.snapshot(), planned, files.warnings())));
    }

    /**
     * Runs a started record to its end; never fails: every failure becomes a failed record that keeps its commit and
     * whatever plan and outcomes it got to, with a report.
     */
    public Mono<SyncRecord> run(SyncRecord started) {
        return desired(started.ref(), started.pullRequest())
                .flatMap(files -> {
                    SyncRecord atCommit = started.atCommit(files.snapshot().commit(), files.snapshot().shortMessage())
                            .withWarningsAndNodes(formatted(files.warnings()), List.of());
                    if (strict && !files.warnings().isEmpty()) {
                        return Mono.just(failedRecord(atCommit, new SyncFailure(SyncFailure.Kind.INVALID_FILES,
                                files.warnings().size() + " warning" + (files.warnings().size() == 1 ? "" : "s")
                                        + " and kongsync.sync.strict is on; nothing was applied",
                                formatted(files.warnings()), atCommit.commit())));
                    }
                    Mono<SyncRecord> done = started.dryRun()
                            ? gateway.plan(files.loaded().state(), files.loaded().selectTags())
                                    .flatMap(planned -> blocking(() -> pullRequestPlanned(
                                            dryRunRecord(atCommit, planned, files.warnings()), planned)))
                            : gateway.sync(files.loaded().state(), files.loaded().selectTags())
                                    .flatMap(result -> blocking(() -> reviewed(atCommit, result, files.warnings())));
                    return done.onErrorResume(e -> Mono.just(failedRecord(atCommit, e)));
                })
                .onErrorResume(e -> Mono.just(failedRecord(started, e)));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** A pull request's dry run keeps its full head, its routes tree and the fingerprint of the plan it shows. */
    private SyncRecord pullRequestPlanned(SyncRecord record, Syncer.Planned planned) {
        if (record.pullRequest() == null || reviewedPlans == null) {
            return record;
        }
        return record.withPlannedPullRequest(record.pullRequest().atHead(record.commit(),
                reviewedPlans.routesTree(record.commit())), reviewedPlans.fingerprint(planned.plan()));
    }

    /**
     * The sync's record; a sync of a commit that merges a reviewed pull request says, in the record and its reports,
     * whether it applied the reviewed plan.
     */
    private SyncRecord reviewed(SyncRecord record, SyncResult result, List<Diagnostic> warnings) {
        ReviewedPlan review = reviewedPlan(record, result);
        SyncRecord synced = syncRecord(record, result, warnings, review);
        return review == null ? synced : synced.withReviewedPlan(review);
    }

    private ReviewedPlan reviewedPlan(SyncRecord record, SyncResult result) {
        if (reviewedPlans == null || result.plan() == null) {
            return null;
        }
        try {
            return reviewedPlans.compare(record.id(), record.commit(), result.plan()).orElse(null);
        } catch (RuntimeException e) {
            // the comparison explains a sync, it must never fail one
            LOG.warn("sync {}: cannot compare with a reviewed plan: {}", record.id(), e.getMessage());
            return null;
        }
    }

    private static ReviewComparison comparison(ReviewedPlan review) {
        if (review == null) {
            return null;
        }
        String pullRequest = new io.kongsync.scm.PullRequest(review.api(), review.repository(), review.number(),
                review.reviewedCommit() == null ? "" : review.reviewedCommit(), null, null).describe();
        return new ReviewComparison(pullRequest, review.reviewedCommit(), review.matches(), review.notReviewed(),
                review.reviewedButNotApplied());
    }

    /** Links to the files' lines: the pull request's repository, else the clone address when its host is known. */
    private SourceLinks links(SyncRecord record) {
        if (record.commit() == null) {
            return SourceLinks.NONE;
        }
        PullRequestRecord pullRequest = record.pullRequest();
        if (pullRequest != null && pullRequest.repositoryUrl() != null) {
            return SourceLinks.of(switch (pullRequest.api()) {
                case GITHUB -> SourceLinks.Host.GITHUB;
                case GITLAB -> SourceLinks.Host.GITLAB;
                case BITBUCKET_CLOUD -> SourceLinks.Host.BITBUCKET_CLOUD;
                case BITBUCKET_DATA_CENTER -> SourceLinks.Host.BITBUCKET_DATA_CENTER;
            }, pullRequest.repositoryUrl(), record.commit());
        }
        return "git".equals(source.info().kind()) ? SourceLinks.forRemote(source.info().uri(), record.commit())
                : SourceLinks.NONE;
    }

    private record Desired(Snapshot snapshot, StateLoader.Loaded loaded, List<Diagnostic> warnings) {
    }

    private static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }

    private Mono<Desired> desired(String ref, PullRequestRecord pullRequest) {
        return Mono.fromCallable(() -> {
            Snapshot snapshot;
            try {
                snapshot = checkout(ref, pullRequest);
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
            List<Diagnostic> warnings = new ArrayList<>(loaded.warnings());
            warnings.addAll(upstreamCheck.apply(loaded.state()));
            return new Desired(snapshot, loaded, warnings);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A pull request's head is usually here already (the webhook fetched it to see what it changes); else fetch it. */
    private Snapshot checkout(String ref, PullRequestRecord pullRequest) {
        try {
            return source.checkout(ref);
        } catch (SourceException notHere) {
            if (pullRequest == null) {
                throw notHere;
            }
            return source.checkout(source.fetchPullRequest(pullRequest.head()));
        }
    }

    private static String at(Snapshot snapshot) {
        return snapshot.commit() == null ? "" : " at " + snapshot.commit().substring(0, Math.min(12,
                snapshot.commit().length()));
    }

    private SyncRecord dryRunRecord(SyncRecord record, Syncer.Planned planned, List<Diagnostic> warnings) {
        List<String> problems = planned.diagnostics().stream().map(Diagnostic::format).toList();
        String error = problems.isEmpty() ? null
                : "Kong rejects " + problems.size() + " plugin configuration" + (problems.size() == 1 ? "" : "s");
        if (error == null && record.pullRequest() != null) {
            // a pull request's plan is the one its merge will apply: what a sync would refuse fails its review
            error = gateway.refusal(planned);
        }
        SourceLinks links = links(record);
        StoredReports reports = new StoredReports(Reports.render(planned.plan(), warnings, ReportFormat.TEXT, links),
                Reports.render(planned.plan(), warnings, ReportFormat.JSON, links),
                Reports.render(planned.plan(), warnings, ReportFormat.MARKDOWN, links));
        return record.finished(clock.instant(), PlanSummary.of(planned.plan()), null, List.of(), error, problems,
                reports);
    }

    private SyncRecord syncRecord(SyncRecord record, SyncResult result, List<Diagnostic> warnings,
                                  ReviewedPlan review) {
        List<OperationRecord> operations = result.outcomes().stream().map(OperationRecord::of).toList();
        List<String> problems = result.diagnostics().stream().map(Diagnostic::format).toList();
        SourceLinks links = links(record);
        ReviewComparison comparison = comparison(review);
        StoredReports reports = new StoredReports(
                Reports.render(result, warnings, ReportFormat.TEXT, links, comparison),
                Reports.render(result, warnings, ReportFormat.JSON, links, comparison),
                Reports.render(result, warnings, ReportFormat.MARKDOWN, links, comparison));
        Boolean matches = result.remaining() == null ? null : result.remaining().isEmpty();
        return record.withWarningsAndNodes(record.warnings(), result.nodes().stream().map(NodeRecord::of).toList())
                .finished(clock.instant(), PlanSummary.of(result.plan()), matches, operations,
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
        if (result.nodesLeftBehind() > 0) {
            var behind = result.nodes().stream().filter(io.kongsync.sync.NodeResult::leftBehind).toList();
            return behind.size() + " Kong node" + (behind.size() == 1 ? " was" : "s were") + " left behind: "
                    + String.join("; ", behind.stream().map(n -> n.node().adminUrl() + " (" + n.message() + ")")
                    .toList());
        }
        long failed = result.count(io.kongsync.sync.Outcome.Status.FAILED);
        if (failed > 0) {
            long skipped = result.count(io.kongsync.sync.Outcome.Status.SKIPPED);
            return failed + " operation" + (failed == 1 ? "" : "s") + " failed" + (skipped > 0 ? ", " + skipped
                    + " skipped because they depend on them" : "");
        }
        if (result.readBackFailure() != null) {
            return "Kong could not be read again after the sync, so whether it matches the files is unknown: "
                    + result.readBackFailure();
        }
        return "Kong, read again after the sync, still differs from the files in "
                + result.remaining().changes().size() + " change" + (result.remaining().changes().size() == 1
                ? "" : "s");
    }

    private SyncRecord failedRecord(SyncRecord record, Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        List<String> problems = e instanceof SyncFailure f ? f.problems() : List.of();
        SyncRecord at = e instanceof SyncFailure f && f.commit() != null && record.commit() == null
                ? record.atCommit(f.commit(), null) : record;
        String what = record.dryRun() ? "Dry run" : "Sync";
        StoredReports reports = new StoredReports(FailureReport.render(what, message, problems, ReportFormat.TEXT),
                FailureReport.render(what, message, problems, ReportFormat.JSON),
                FailureReport.render(what, message, problems, ReportFormat.MARKDOWN));
        return at.finished(clock.instant(), record.plan(), null, record.operations(), message, problems, reports);
    }
}
