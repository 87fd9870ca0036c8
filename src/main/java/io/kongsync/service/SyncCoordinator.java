package io.kongsync.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs syncs one at a time against the gateway. A sync requested while one runs waits as the single queued sync;
 * further requests fold into it, so it syncs the newest ref asked for. Dry runs change nothing and never wait.
 */
public final class SyncCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCoordinator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SyncRunner runner;
    private final HistoryStore history;
    private final SyncListener listener;
    private final Clock clock;

    private SyncRecord running;
    private SyncRecord queued;
    private int inFlight;

    public SyncCoordinator(SyncRunner runner, HistoryStore history, SyncListener listener, Clock clock) {
        this.runner = runner;
        this.history = history;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Accepts a request and returns its record as it stands now: running, or queued (possibly an earlier queued
     * record that this request was folded into).
     */
    public SyncRecord submit(SyncRequest request) {
        SyncRecord toStart;
        synchronized (this) {
            SyncRecord record = SyncRecord.queued(newId(), request, clock.instant());
            if (!request.dryRun() && running != null) {
                queued = queued == null ? record : queued.coalesce(request);
                history.save(queued);
                LOG.info("sync {} queued behind sync {} ({})", queued.id(), running.id(), describe(request));
                return queued;
            }
            toStart = record.running(clock.instant());
            if (!request.dryRun()) {
                running = toStart;
            }
            inFlight++;
        }
        start(toStart);
        return toStart;
    }

    private void start(SyncRecord record) {
        history.save(record);
        LOG.info("{} {} started ({})", record.dryRun() ? "dry run" : "sync", record.id(),
                describe(record.trigger(), record.ref(), record.reason()));
        runner.run(record).subscribe(this::finish, error -> finish(record.failed(clock.instant(),
                "internal error: " + error.getClass().getSimpleName())));
    }

    private void finish(SyncRecord done) {
        history.save(done);
        log(done);
        try {
            listener.finished(done);
        } catch (RuntimeException e) {
            LOG.warn("a sync listener failed: {}", e.toString());
        }
        SyncRecord next = null;
        synchronized (this) {
            inFlight--;
            if (!done.dryRun()) {
                running = null;
                if (queued != null) {
                    next = queued.running(clock.instant());
                    queued = null;
                    running = next;
                    inFlight++;
                }
            }
            notifyAll();
        }
        if (next != null) {
            start(next);
        }
    }

    private static void log(SyncRecord done) {
        String what = done.dryRun() ? "dry run" : "sync";
        String commit = done.commit() == null ? "" : " at " + done.commit().substring(0, Math.min(12,
                done.commit().length()));
        if (done.state() == SyncState.SUCCEEDED) {
            LOG.info("{} {} succeeded{}: {} change(s) in {} ms", what, done.id(), commit,
                    done.plan() == null ? 0 : done.plan().changes(), done.durationMillis());
        } else {
            LOG.warn("{} {} failed{}: {}", what, done.id(), commit, done.error());
        }
    }

    /** The running sync (not dry run), if any. */
    public synchronized Optional<SyncRecord> running() {
        return Optional.ofNullable(running);
    }

    public synchronized Optional<SyncRecord> queued() {
        return Optional.ofNullable(queued);
    }

    public synchronized boolean busy() {
        return running != null;
    }

    /** Waits until nothing runs or waits (shutdown, tests). @return false when the timeout passed first */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (inFlight > 0 || queued != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** A plan of {@code ref} made now, not recorded in the history. */
    public Mono<SyncRunner.DryRun> planNow(String ref) {
        return runner.plan(ref);
    }

    /** Sortable by time, unique across restarts: {@code <epoch millis base 36>-<6 random hex>}. */
    private String newId() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return Long.toString(clock.millis(), 36) + "-" + HexFormat.of().formatHex(random);
    }

    private static String describe(SyncRequest request) {
        return describe(request.trigger(), request.ref(), request.reason());
    }

    private static String describe(Trigger trigger, String ref, String reason) {
        return "trigger " + trigger.label() + (ref == null ? "" : ", ref " + ref)
                + (reason == null ? "" : ", " + reason);
    }
}
