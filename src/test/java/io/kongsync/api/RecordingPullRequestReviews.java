package io.kongsync.api;

import io.kongsync.scm.Delivery;
import io.kongsync.scm.PullRequest;
import io.kongsync.scm.PullRequestReviews;
import io.kongsync.scm.Review;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the git providers' API clients (the scm package's): it records every call, in order, and answers
 * with the delivery the test chose.
 */
final class RecordingPullRequestReviews implements PullRequestReviews {

    record Published(PullRequest pullRequest, Review review) {
    }

    /** Every call, in order: "pending <head>" or "publish <head> <verdict>". */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<PullRequest> pending = new CopyOnWriteArrayList<>();
    final List<Published> published = new CopyOnWriteArrayList<>();
    volatile Delivery publishAnswer = Delivery.OK;

    @Override
    public Delivery pending(PullRequest pullRequest) {
        pending.add(pullRequest);
        calls.add("pending " + pullRequest.headCommit());
        return Delivery.OK;
    }

    @Override
    public Delivery publish(PullRequest pullRequest, Review review) {
        published.add(new Published(pullRequest, review));
        calls.add("publish " + pullRequest.headCommit() + " " + review.verdict());
        return publishAnswer;
    }

    /** Waits until {@code n} reviews were published (10 s at most) and returns the last. */
    Published awaitPublished(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (published.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " published reviews; calls: " + calls);
            }
            ServiceFixture.sleep(20);
        }
        return published.get(n - 1);
    }
}
