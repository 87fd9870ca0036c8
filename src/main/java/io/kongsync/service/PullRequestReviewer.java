package io.kongsync.service;

import io.kongsync.scm.Delivery;
import io.kongsync.scm.PullRequest;
import io.kongsync.scm.PullRequestReviews;
import io.kongsync.scm.Review;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Reports pull requests' dry runs back on the pull requests: status {@code pending} when one is accepted, then the
 * comment and the final status when it finishes ({@link #finished}, a {@link SyncListener} call that never blocks).
 *
 * <p>The provider's API is called off the caller's thread, one call at a time per pull request, in the order the events
 * came: a plan of an older head that finishes after a newer head was accepted is not published, so the comment always
 * shows the newest head. What the provider answered is stored in the record ({@link SyncRecord#review()}); a provider
 * that fails never fails a dry run.
 */
public final class PullRequestReviewer implements SyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestReviewer.class);

    /** The status kongsync sets when too many dry runs run already to take this one on. */
    public static final String BUSY = "kongsync is busy, push again";

    private final PullRequestReviews reviews;
    private final HistoryStore history;
    private final URI publicUrl;
    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    /** The newest head accepted per pull request ({@link PullRequestRecord#key()}). */
    private final Map<String, String> newestHead = new ConcurrentHashMap<>();
    /** What the pending status's delivery reported, by pull request and head, until the review is published. */
    private final Map<String, List<String>> pendingProblems = new ConcurrentHashMap<>();

    /** @param publicUrl kongsync's address as reviewers reach it, for the link to the full report; null for none */
    public PullRequestReviewer(PullRequestReviews reviews, HistoryStore history, URI publicUrl) {
        this(reviews, history, publicUrl, task -> Schedulers.boundedElastic().schedule(task));
    }

    PullRequestReviewer(PullRequestReviews reviews, HistoryStore history, URI publicUrl, Executor executor) {
        this.reviews = reviews;
        this.history = history;
        this.publicUrl = publicUrl;
        this.executor = executor;
    }

    /**
     * A pull request's head is about to be planned: its status goes to pending. Called before the dry run is submitted,
     * so the pending status is always set before the final one. Never blocks.
     */
    public void accepted(PullRequestRecord pr) {
        newestHead.put(pr.key(), pr.headCommit());
        enqueue(pr.key(), () -> {
            Delivery delivery = call(() -> reviews.pending(pr.pullRequest()));
            if (!delivery.delivered()) {
                pendingProblems.put(pendingKey(pr), delivery.problems());
            }
        });
    }

    private static String pendingKey(PullRequestRecord pr) {
        return pr.key() + "@" + pr.headCommit();
    }

    /** kongsync did not take the plan on (e.g. {@link #BUSY}): the head's status says so. Never blocks. */
    public void refused(PullRequestRecord pr, String why) {
        enqueue(pr.key(), () -> {
            pendingProblems.remove(pendingKey(pr));
            Delivery delivery = call(() -> reviews.publish(pr.pullRequest(), PlanReviews.refused(pr.pullRequest(), why)));
            if (!delivery.delivered()) {
                LOG.warn("{}: could not report that it was not planned: {}", pr.describe(), delivery.problems());
            }
        });
    }

    @Override
    public void finished(SyncRecord done) {
        PullRequestRecord pr = done.pullRequest();
        if (pr == null || !done.dryRun()) {
            return;
        }
        String markdown = done.reports() == null ? null : done.reports().markdown();
        // the event's head, as accepted (Bitbucket Cloud's may be abbreviated; the record's is full by now)
        String acceptedHead = done.ref() != null ? done.ref() : pr.headCommit();
        enqueue(pr.key(), () -> publish(done, markdown, pr.key() + "@" + acceptedHead));
    }

    private void publish(SyncRecord done, String markdown, String pendingKey) {
        PullRequestRecord pr = done.pullRequest();
        List<String> problems = new ArrayList<>(pendingProblems.getOrDefault(pendingKey, List.of()));
        pendingProblems.remove(pendingKey);
        String newest = newestHead.get(pr.key());
        Review review = PlanReviews.of(done, markdown, publicUrl);
        ReviewRecord outcome;
        if (newest != null && !isSameCommit(newest, pr.headCommit())) {
            outcome = new ReviewRecord(label(review), review.description(), false, List.of("not published: "
                    + pr.describe() + " has a newer head, " + abbreviate(newest) + ", whose plan is published"));
        } else {
            PullRequest planned = pr.pullRequest();
            Delivery delivery = call(() -> reviews.publish(planned, review));
            problems.addAll(delivery.problems());
            outcome = new ReviewRecord(label(review), review.description(), problems.isEmpty(), problems);
        }
        if (!outcome.delivered()) {
            LOG.warn("dry run {} of {}: the review was not delivered: {}", done.id(), pr.describe(),
                    outcome.problems());
        }
        try {
            history.save(history.get(done.id()).orElse(done.withoutReports()).withReview(outcome));
        } catch (RuntimeException e) {
            LOG.warn("dry run {}: cannot record what was reported on {}: {}", done.id(), pr.describe(),
                    e.getMessage());
        }
    }

    /** The event's head may be abbreviated (Bitbucket Cloud) while the planned one is full. */
    private static boolean isSameCommit(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    private static String label(Review review) {
        return review.verdict().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String commit) {
        return commit.substring(0, Math.min(7, commit.length()));
    }

    /** A client that throws instead of reporting is reported as a failed delivery. */
    private static Delivery call(java.util.function.Supplier<Delivery> call) {
        try {
            Delivery delivery = call.get();
            return delivery == null ? Delivery.OK : delivery;
        } catch (RuntimeException e) {
            return new Delivery(List.of("the provider client failed: " + e.getClass().getSimpleName()));
        }
    }

    private void enqueue(String key, Runnable task) {
        CompletableFuture<Void> next = queues.compute(key, (k, tail) ->
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                        .thenRunAsync(() -> {
                            try {
                                task.run();
                            } catch (RuntimeException e) {
                                LOG.warn("reporting on a pull request failed: {}", e.toString());
                            }
                        }, executor));
        next.whenComplete((ignored, error) -> queues.remove(key, next));
    }
}
