package io.kongsync.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs syncs one at a time against the gateway. A sync requested while one runs waits as the single queued sync;
 * further requests fold into it, so it syncs the newest ref asked for. Dry runs (recorded ones and
 * {@link #planNow plans}) change nothing and never wait for a sync, but only {@link DryRunLimits#concurrent} run at
 * once and {@link DryRunLimits#waiting} more wait their turn; beyond that a request is refused with {@link Busy}, so
 * no burst of dry runs can exhaust memory.
 *
 * <p>With a {@link SyncQueue} (replicas sharing a store) a sync request is recorded in the store's queue, folded into
 * the one queued there whichever replica asked, and only the replica holding the sync lock runs syncs; dry runs run
 * where they were asked for, in the same bounded order.
 *
 * <p>The coordinator's own state never depends on the history being writable: a sync whose start cannot be recorded
 * is refused ({@link HistoryUnavailable}) before anything runs, and a failure to record an end is logged while the
 * next sync still starts.
 */
public final class SyncCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCoordinator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param concurrent dry runs that may run at once
     * @param waiting    dry runs that may wait for a turn; more are refused
     * @param retryAfter what a refused caller is told to wait
     */
    public record DryRunLimits(int concurrent, int waiting, Duration retryAfter) {

        public DryRunLimits {
            if (concurrent < 1 || waiting < 0) {
                throw new IllegalArgumentException("dry runs: at least 1 concurrent and 0 waiting, was " + concurrent
                        + " and " + waiting);
            }
        }

        public static DryRunLimits defaults() {
            return new DryRunLimits(2, 20, Duration.ofSeconds(10));
        }
    }

    /** Too many dry runs already run and wait; ask again after {@link #retryAfter()}. */
    public static final class Busy extends RuntimeException {
        private final Duration retryAfter;

        Busy(DryRunLimits limits) {
            super(limits.concurrent() + " dry runs are running and " + limits.waiting() + " are waiting; "
                    + "ask again later", null, false, false);
            this.retryAfter = limits.retryAfter();
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** kongsync is stopping: nothing new starts. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("kongsync is stopping; ask again once it runs again", null, false, false);
        }
    }

    /** The sync history cannot be written, so a sync is not started: a change to Kong must leave a record. */
    public static final class HistoryUnavailable extends RuntimeException {
        HistoryUnavailable(RuntimeException cause) {
            super("the sync history cannot be written (" + cause.getMessage() + "); nothing was started", cause);
        }
    }

    private final SyncRunner runner;
    private final HistoryStore history;
    private final SyncListener listener;
    private final Clock clock;
    private final DryRunLimits limits;
    /** null: this process alone, its queue in memory */
    private final SyncQueue shared;

    private SyncRecord running;
    private SyncRecord queued;
    private int inFlight;
    private int dryRunsRunning;
    private boolean closed;
    private final Deque<Waiter> dryRunsWaiting = new ArrayDeque<>();

    /** A dry run waiting for a slot; {@code granted} (under the coordinator's lock) once the slot is its own. */
    private static final class Waiter {
        final Runnable start;
        boolean granted;

        Waiter(Runnable start) {
            this.start = start;
        }
    }

    public SyncCoordinator(SyncRunner runner, HistoryStore history, SyncListener listener, Clock clock) {
        this(runner, history, listener, clock, DryRunLimits.defaults());
    }

    public SyncCoordinator(SyncRunner runner, HistoryStore history, SyncListener listener, Clock clock,
                           DryRunLimits limits) {
        this(runner, history, listener, clock, limits, null);
    }

    /** @param shared the store's queue when replicas share one; null for this process alone */
    public SyncCoordinator(SyncRunner runner, HistoryStore history, SyncListener listener, Clock clock,
                           DryRunLimits limits, SyncQueue shared) {
        this.runner = runner;
        this.history = history;
        this.listener = listener;
        this.clock = clock;
        this.limits = limits;
        this.shared = shared;
    }

    /**
     * Accepts a request and returns its record as it stands now: running, or queued (possibly an earlier queued
     * record that this request was folded into).
     *
     * @throws Busy               a dry run when too many run and wait already
     * @throws HistoryUnavailable when the request cannot be recorded; nothing was started
     */
    public SyncRecord submit(SyncRequest request) {
        SyncRecord record = SyncRecord.queued(newId(), request, clock.instant());
        return request.dryRun() ? submitDryRun(record) : submitSync(record, request);
    }

    private SyncRecord submitSync(SyncRecord record, SyncRequest request) {
        if (shared != null) {
            return submitShared(record, request);
        }
        SyncRecord toStart;
        synchronized (this) {
            refuseWhenClosed();
            if (running != null) {
                SyncRecord folded = queued == null ? record : queued.coalesce(request);
                record(folded);
                queued = folded;
                LOG.info("sync {} queued behind sync {} ({})", queued.id(), running.id(), describe(request));
                return queued;
            }
            toStart = record.running(clock.instant());
            record(toStart);
            running = toStart;
            inFlight++;
        }
        run(toStart);
        return toStart;
    }

    /** Into the store's queue; started here at once when this replica holds the lock and runs nothing. */
    private SyncRecord submitShared(SyncRecord record, SyncRequest request) {
        synchronized (this) {
            refuseWhenClosed();
        }
        SyncRecord accepted;
        try {
            accepted = shared.enqueue(record, request);
        } catch (RuntimeException e) {
            LOG.error("cannot record sync {}: {}", record.id(), e.getMessage());
            throw new HistoryUnavailable(e);
        }
        LOG.info("sync {} queued in the store ({}){}", accepted.id(), describe(request),
                accepted.id().equals(record.id()) ? "" : ", folded into the sync queued there");
        SyncRecord started = startNext();
        return started != null && started.id().equals(accepted.id()) ? started : accepted;
    }

    /**
     * With a shared store: starts the oldest sync queued there when this replica holds the sync lock and runs none.
     * Blocking; the lock's checks call it every second, so requests recorded by other replicas start here too.
     *
     * @return the sync started, or null
     */
    public SyncRecord startNext() {
        SyncRecord next;
        synchronized (this) {
            if (shared == null || closed || running != null || !shared.holding()) {
                return null;
            }
            next = shared.claimNext(clock.instant()).orElse(null);
            if (next == null) {
                return null;
            }
            running = next;
            inFlight++;
        }
        run(next);
        return next;
    }

    /** Whether this process runs syncs and drift checks: always alone, only while holding the lock with replicas. */
    public boolean runsSyncs() {
        return shared == null || shared.holding();
    }

    private SyncRecord submitDryRun(SyncRecord record) {
        SyncRecord toStart;
        synchronized (this) {
            refuseWhenClosed();
            if (dryRunsRunning >= limits.concurrent()) {
                if (dryRunsWaiting.size() >= limits.waiting()) {
                    throw new Busy(limits);
                }
                record(record);
                inFlight++;
                dryRunsWaiting.addLast(new Waiter(() -> startWaitingDryRun(record)));
                return record;
            }
            toStart = record.running(clock.instant());
            record(toStart);
            dryRunsRunning++;
            inFlight++;
        }
        run(toStart);
        return toStart;
    }

    /** Called with a dry-run slot already taken. */
    private void startWaitingDryRun(SyncRecord waiting) {
        if (Schedulers.isInNonBlockingThread()) {
            // a plan that gave its slot back ended on an event loop; recording this start may block
            Schedulers.boundedElastic().schedule(() -> startWaitingDryRun(waiting));
            return;
        }
        SyncRecord toStart = waiting.running(clock.instant());
        try {
            history.save(toStart);
        } catch (RuntimeException e) {
            LOG.error("cannot record the start of dry run {}: {}", toStart.id(), e.getMessage());
        }
        run(toStart);
    }

    /**
     * Stops accepting work (shutdown): later requests get {@link Stopping}, and a queued sync is not started (it is
     * recorded as queued, so the next start marks it failed and its start-up sync does the work).
     */
    public synchronized void close() {
        closed = true;
        if (queued != null) {
            LOG.info("sync {} stays queued: kongsync is stopping", queued.id());
            queued = null;
        }
        notifyAll();
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new Stopping();
        }
    }

    /** Saves a record, or refuses the request when it cannot be saved. */
    private void record(SyncRecord record) {
        try {
            history.save(record);
        } catch (RuntimeException e) {
            LOG.error("cannot record {} {}: {}", record.dryRun() ? "dry run" : "sync", record.id(), e.getMessage());
            throw new HistoryUnavailable(e);
        }
    }

    private void run(SyncRecord record) {
        LOG.info("{} {} started ({})", record.dryRun() ? "dry run" : "sync", record.id(),
                describe(record.trigger(), record.ref(), record.reason()));
        runner.run(record).subscribe(this::finish, error -> finish(record.failed(clock.instant(),
                "internal error: " + error.getClass().getSimpleName())));
    }

    /**
     * Records the end and frees the slot whatever happens: an OutOfMemoryError from one large report (a failed
     * allocation, recovered from once it unwinds) must not leave the sync "running" and every later one refused.
     */
    private void finish(SyncRecord done) {
        if (Schedulers.isInNonBlockingThread()) {
            // a run that failed on Kong's answer ends on the HTTP client's event loop; recording it may block
            Schedulers.boundedElastic().schedule(() -> finish(done));
            return;
        }
        try {
            recordEnd(done);
            log(done);
            try {
                listener.finished(done);
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.warn("a sync listener failed: {}", e.toString());
            }
        } finally {
            if (done.dryRun()) {
                finishDryRun();
            } else {
                finishSync();
            }
        }
    }

    private void recordEnd(SyncRecord done) {
        try {
            history.save(done);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("cannot record the end of {} {} ({}): {}", done.dryRun() ? "dry run" : "sync", done.id(),
                    done.state().label(), e.toString());
            if (done.reports() != null) {
                try {
                    history.save(done.withoutReports());
                    LOG.warn("{} {} is recorded without its report", done.dryRun() ? "dry run" : "sync", done.id());
                } catch (RuntimeException | OutOfMemoryError again) {
                    LOG.error("cannot record {} {} even without its report: {}", done.dryRun() ? "dry run" : "sync",
                            done.id(), again.toString());
                }
            }
        }
    }

    private void finishSync() {
        if (shared != null) {
            synchronized (this) {
                inFlight--;
                running = null;
                notifyAll();
            }
            startNext();
            return;
        }
        SyncRecord next = null;
        synchronized (this) {
            inFlight--;
            running = null;
            if (queued != null && !closed) {
                next = queued.running(clock.instant());
                queued = null;
                try {
                    history.save(next);
                } catch (RuntimeException e) {
                    LOG.error("cannot record the start of sync {}; it is not started: {}", next.id(), e.getMessage());
                    rememberFailed(next, "not started: the sync history cannot be written (" + e.getMessage() + ")");
                    next = null;
                }
                if (next != null) {
                    running = next;
                    inFlight++;
                }
            }
            notifyAll();
        }
        if (next != null) {
            run(next);
        }
    }

    /** Best effort: the history remembers the record even when it cannot write it. */
    private void rememberFailed(SyncRecord record, String why) {
        try {
            history.save(record.failed(clock.instant(), why));
        } catch (RuntimeException ignored) {
            // already logged by the caller; the record is remembered in memory
        }
    }

    private void finishDryRun() {
        Waiter next;
        synchronized (this) {
            inFlight--;
            next = releaseDryRunSlot();
            notifyAll();
        }
        if (next != null) {
            next.start.run();
        }
    }

    /** Frees a slot, or hands it straight to the first waiting dry run (returned, to be started outside the lock). */
    private Waiter releaseDryRunSlot() {
        Waiter next = dryRunsWaiting.pollFirst();
        if (next == null) {
            dryRunsRunning--;
        } else {
            next.granted = true;
        }
        return next;
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

    /** The running sync (not dry run), if any; with replicas, the one the holder runs (blocking). */
    public Optional<SyncRecord> running() {
        synchronized (this) {
            if (shared == null || running != null) {
                return Optional.ofNullable(running);
            }
        }
        return shared.running();
    }

    /** The queued sync; with replicas, the one queued in the store (blocking). */
    public Optional<SyncRecord> queued() {
        if (shared != null) {
            return shared.queued();
        }
        synchronized (this) {
            return Optional.ofNullable(queued);
        }
    }

    public synchronized boolean busy() {
        return running != null;
    }

    /** Dry runs running and waiting now. */
    public synchronized int dryRunsInFlight() {
        return dryRunsRunning + dryRunsWaiting.size();
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

    /**
     * A plan of {@code ref} made now, not recorded in the history; it takes a dry-run slot like a recorded dry run.
     *
     * @throws RefNames.InvalidRef when {@code ref} is not a ref name
     * @throws Busy                (as the Mono's error) when too many dry runs run and wait already
     */
    public Mono<SyncRunner.DryRun> planNow(String ref) {
        String checked = RefNames.checked(ref);
        return Mono.defer(() -> {
            Sinks.One<Boolean> turn = Sinks.one();
            Waiter waiter = new Waiter(() -> turn.tryEmitValue(true));
            boolean now = false;
            synchronized (this) {
                refuseWhenClosed();
                if (dryRunsRunning < limits.concurrent()) {
                    dryRunsRunning++;
                    waiter.granted = true;
                    now = true;
                } else if (dryRunsWaiting.size() < limits.waiting()) {
                    dryRunsWaiting.addLast(waiter);
                } else {
                    return Mono.error(new Busy(limits));
                }
            }
            if (now) {
                turn.tryEmitValue(true);
            }
            // The plan runs to its end even when its caller goes away: parsing cannot be interrupted, so its slot is
            // given back only when the work really stops. A caller that leaves while still waiting leaves the queue.
            Sinks.One<SyncRunner.DryRun> result = Sinks.one();
            Disposable work = turn.asMono().flatMap(go -> runner.plan(checked))
                    .doFinally(signal -> endPlan(waiter))
                    .subscribe(result::tryEmitValue, result::tryEmitError);
            return result.asMono().doOnCancel(() -> {
                if (leaveQueue(waiter)) {
                    work.dispose();
                }
            });
        });
    }

    /** @return true when the waiter was still waiting and has left the queue */
    private synchronized boolean leaveQueue(Waiter waiter) {
        return !waiter.granted && dryRunsWaiting.remove(waiter);
    }

    /** A plan ended, failed or was cancelled: give back its slot, or leave the queue if it never had one. */
    private void endPlan(Waiter waiter) {
        Waiter next = null;
        synchronized (this) {
            if (waiter.granted) {
                next = releaseDryRunSlot();
            } else {
                dryRunsWaiting.remove(waiter);
            }
        }
        if (next != null) {
            next.start.run();
        }
    }

    private String newId() {
        return newId(clock);
    }

    /** Sortable by time, unique across restarts: {@code <epoch millis base 36>-<6 random hex>}. */
    public static String newId(Clock clock) {
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
