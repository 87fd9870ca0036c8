package io.kongsync.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plans the branch's head against Kong on a schedule and keeps what it found. Skips a round while a sync runs (the
 * plan would show the sync half done), and on a replica that does not hold the sync lock (its holder checks). With
 * auto-correct on, drift starts a sync.
 */
public final class DriftMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

    private final SyncCoordinator coordinator;
    private final SyncListener listener;
    private final boolean autoCorrect;
    private final Clock clock;
    private final AtomicReference<DriftStatus> last = new AtomicReference<>();

    public DriftMonitor(SyncCoordinator coordinator, SyncListener listener, boolean autoCorrect, Clock clock) {
        this.coordinator = coordinator;
        this.listener = listener;
        this.autoCorrect = autoCorrect;
        this.clock = clock;
    }

    public Optional<DriftStatus> last() {
        return Optional.ofNullable(last.get());
    }

    /**
     * Checks now; never fails (a failed check is a status with its error). Empty when too many dry runs are in
     * flight to check now: the last status stands.
     */
    public Mono<DriftStatus> check() {
        return coordinator.planNow(null)
                .map(dry -> new DriftStatus(clock.instant(), dry.snapshot().commit(),
                        dry.planned().plan().changes().size(), PlanSummary.of(dry.planned().plan()), null))
                .onErrorResume(e -> e instanceof SyncCoordinator.Busy ? Mono.empty()
                        : Mono.just(DriftStatus.failed(clock.instant(),
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())))
                // the plan ends on the Kong client's event loop; a correcting sync is recorded, which may block
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(this::record);
    }

    /** A sync that left Kong matching its commit is a drift check too. */
    public void syncFinished(SyncRecord sync) {
        if (!sync.dryRun() && Boolean.TRUE.equals(sync.kongMatches())) {
            record(new DriftStatus(sync.finishedAt(), sync.commit(), 0, new PlanSummary(0, 0, 0, 0), null));
        }
    }

    private void record(DriftStatus status) {
        DriftStatus before = last.getAndSet(status);
        listener.driftChecked(status);
        if (status.changes() > 0 && (before == null || before.changes() != status.changes())) {
            LOG.warn("drift: Kong differs from {} in {} change(s)", status.commit() == null ? "the files"
                    : status.commit().substring(0, Math.min(12, status.commit().length())), status.changes());
        }
        if (status.changes() > 0 && autoCorrect && !coordinator.busy()) {
            try {
                coordinator.submit(new SyncRequest(Trigger.SCHEDULE, false, status.commit(),
                        "drift of " + status.changes() + " change(s) found by the schedule"));
            } catch (RuntimeException e) {
                LOG.warn("drift: the correcting sync was not started: {}", e.getMessage());
            }
        }
    }

    /** Checks every {@code interval}, the first one after {@code interval}. */
    public Disposable schedule(Duration interval) {
        return Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> coordinator.busy() || !coordinator.runsSyncs() ? Mono.empty() : check(), 1)
                .subscribe();
    }
}
