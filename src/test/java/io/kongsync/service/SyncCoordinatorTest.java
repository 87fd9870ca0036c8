package io.kongsync.service;

import io.kongsync.git.RouteSource;
import io.kongsync.git.Snapshot;
import io.kongsync.git.SourceInfo;
import io.kongsync.kong.KongInfo;
import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One sync at a time: later requests wait as one queued sync of the newest ref; dry runs never wait. */
class SyncCoordinatorTest {

    @TempDir
    Path dataDir;

    /** A gateway whose syncs end only when the test says so; it records the commits it was asked to sync. */
    static final class HeldGateway implements Gateway {
        final List<Sinks.One<SyncResult>> held = new CopyOnWriteArrayList<>();
        final List<String> plannedStates = new CopyOnWriteArrayList<>();
        final List<Sinks.One<Syncer.Planned>> heldPlans = new CopyOnWriteArrayList<>();
        volatile boolean holdPlans;

        @Override
        public Mono<Syncer.Planned> plan(State desired, Set<String> selectTags) {
            plannedStates.add("plan");
            Syncer.Planned planned = new Syncer.Planned(INFO, desired, State.EMPTY, EMPTY, PlanOptions.defaults(),
                    List.of());
            if (!holdPlans) {
                return Mono.just(planned);
            }
            Sinks.One<Syncer.Planned> sink = Sinks.one();
            heldPlans.add(sink);
            return sink.asMono();
        }

        void releasePlan(int index) {
            heldPlans.get(index).tryEmitValue(new Syncer.Planned(INFO, State.EMPTY, State.EMPTY, EMPTY,
                    PlanOptions.defaults(), List.of()));
        }

        @Override
        public Mono<SyncResult> sync(State desired, Set<String> selectTags) {
            Sinks.One<SyncResult> sink = Sinks.one();
            held.add(sink);
            return sink.asMono();
        }

        @Override
        public Mono<List<NodeStatus>> nodes() {
            return Mono.just(List.of());
        }

        void release(int index) {
            held.get(index).tryEmitValue(new SyncResult(INFO, EMPTY, List.of(), null, List.of(), EMPTY, 1, 1));
        }
    }

    static final KongInfo INFO = new KongInfo("3.9.1", false, "kong", "", Set.of(), null, false);
    static final Plan EMPTY = new Plan(List.of(), List.of());

    /** Every checkout returns "the commit" named by the ref, so the test sees which ref each sync used. */
    final List<String> checkedOut = new CopyOnWriteArrayList<>();
    final RouteSource source = new RouteSource() {
        @Override
        public Snapshot checkout(String ref) {
            checkedOut.add(ref);
            return new Snapshot(ref == null ? "head" : ref, "message", "author", Instant.EPOCH, dataDir);
        }

        @Override
        public SourceInfo info() {
            return new SourceInfo("git", "file:///repo", "main", "routes");
        }

        @Override
        public boolean routesChanged(String fromCommit, String toCommit) {
            return true;
        }
    };

    final HeldGateway gateway = new HeldGateway();
    HistoryStore history;
    SyncCoordinator coordinator;

    @BeforeEach
    void open() {
        history = HistoryStore.open(dataDir, 100, 1 << 20, Instant.now());
        coordinator = new SyncCoordinator(new SyncRunner(source,
                routes -> new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), gateway, Clock.systemUTC()),
                history, new SyncListener() {
                }, Clock.systemUTC());
    }

    @Test
    void requestsDuringASyncFoldIntoOneFollowUpOfTheNewestRef() throws InterruptedException {
        SyncRecord first = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, "c1", "push c1"));
        awaitHeld(1);

        SyncRecord second = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, "c2", "push c2"));
        SyncRecord third = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, "c3", "push c3"));

        assertThat(first.state()).isEqualTo(SyncState.RUNNING);
        assertThat(second.state()).isEqualTo(SyncState.QUEUED);
        assertThat(third.id()).isEqualTo(second.id());
        assertThat(third.ref()).isEqualTo("c3");
        assertThat(third.coalesced()).isEqualTo(1);
        assertThat(gateway.held).hasSize(1);

        gateway.release(0);
        awaitHeld(2);
        gateway.release(1);
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(checkedOut).containsExactly("c1", "c3");
        assertThat(history.get(first.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        SyncRecord followUp = history.get(second.id()).orElseThrow();
        assertThat(followUp.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(followUp.commit()).isEqualTo("c3");
        assertThat(history.list(0, 10).total()).isEqualTo(2);
    }

    @Test
    void aDryRunDoesNotWaitBehindARunningSync() throws InterruptedException {
        coordinator.submit(new SyncRequest(Trigger.API, false, null, "sync"));
        awaitHeld(1);

        SyncRecord dry = coordinator.submit(new SyncRequest(Trigger.API, true, "c9", "dry run"));

        assertThat(dry.state()).isEqualTo(SyncState.RUNNING);
        awaitState(dry.id(), SyncState.SUCCEEDED);
        assertThat(coordinator.running()).isPresent();
        assertThat(coordinator.queued()).isEmpty();
        gateway.release(0);
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aSourceFailureFailsTheSyncAndTheNextOneRuns() throws InterruptedException {
        RouteSource broken = new RouteSource() {
            @Override
            public Snapshot checkout(String ref) {
                throw new io.kongsync.git.SourceException("fetching https://git.example.com/routes.git failed: "
                        + "connection refused");
            }

            @Override
            public SourceInfo info() {
                return source.info();
            }

            @Override
            public boolean routesChanged(String fromCommit, String toCommit) {
                return true;
            }
        };
        SyncCoordinator failing = new SyncCoordinator(new SyncRunner(broken,
                routes -> new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), gateway, Clock.systemUTC()),
                history, new SyncListener() {
                }, Clock.systemUTC());

        SyncRecord record = failing.submit(new SyncRequest(Trigger.API, false, null, "sync"));
        assertThat(failing.awaitIdle(Duration.ofSeconds(10))).isTrue();

        SyncRecord done = history.get(record.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(SyncState.FAILED);
        assertThat(done.error()).isEqualTo("fetching https://git.example.com/routes.git failed: connection refused");
        assertThat(gateway.held).isEmpty();
        assertThat(failing.busy()).isFalse();
    }

    @Test
    void dryRunsAndPlansBeyondTheLimitAreRefusedAndTheWaitingOneRunsWhenATurnFrees() throws InterruptedException {
        gateway.holdPlans = true;
        SyncCoordinator limited = limited(1, 1);

        SyncRecord first = limited.submit(new SyncRequest(Trigger.API, true, null, "dry run 1"));
        SyncRecord second = limited.submit(new SyncRequest(Trigger.API, true, null, "dry run 2"));

        assertThat(first.state()).isEqualTo(SyncState.RUNNING);
        assertThat(second.state()).isEqualTo(SyncState.QUEUED);
        assertThatThrownBy(() -> limited.submit(new SyncRequest(Trigger.API, true, null, "dry run 3")))
                .isInstanceOf(SyncCoordinator.Busy.class);
        assertThatThrownBy(() -> limited.planNow(null).block(Duration.ofSeconds(5)))
                .isInstanceOf(SyncCoordinator.Busy.class);
        assertThat(history.get(second.id()).orElseThrow().state()).isEqualTo(SyncState.QUEUED);

        awaitHeldPlans(1);
        gateway.releasePlan(0);
        awaitHeldPlans(2);
        awaitState(second.id(), SyncState.RUNNING);
        gateway.releasePlan(1);
        assertThat(limited.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(history.get(second.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(limited.dryRunsInFlight()).isZero();
    }

    @Test
    void aPlanWhoseCallerGoesAwayWhileWaitingGivesUpItsPlaceInTheQueue() throws InterruptedException {
        gateway.holdPlans = true;
        SyncCoordinator limited = limited(1, 1);
        limited.submit(new SyncRequest(Trigger.API, true, null, "dry run"));
        awaitHeldPlans(1);

        reactor.core.Disposable waiting = limited.planNow(null).subscribe();
        assertThat(limited.dryRunsInFlight()).isEqualTo(2);
        waiting.dispose();

        assertThat(limited.dryRunsInFlight()).isEqualTo(1);
        reactor.core.Disposable next = limited.planNow(null).subscribe();
        assertThat(limited.dryRunsInFlight()).as("its place was free again").isEqualTo(2);
        gateway.releasePlan(0);
        awaitHeldPlans(2);
        gateway.releasePlan(1);
        assertThat(limited.awaitIdle(Duration.ofSeconds(10))).isTrue();
        next.dispose();
        // an unrecorded plan gives its slot back when its work ends, on the planner's thread: awaitIdle does not see it
        awaitNoDryRuns(limited);
    }

    private static void awaitNoDryRuns(SyncCoordinator coordinator) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (coordinator.dryRunsInFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(coordinator.dryRunsInFlight()).isZero();
    }

    @Test
    void aPlanWhoseCallerGoesAwayWhileItRunsKeepsItsSlotUntilItsWorkEnds() throws InterruptedException {
        gateway.holdPlans = true;
        SyncCoordinator limited = limited(1, 0);
        reactor.core.Disposable caller = limited.planNow(null).subscribe();
        awaitHeldPlans(1);

        caller.dispose();

        assertThat(limited.dryRunsInFlight()).as("the plan still holds memory").isEqualTo(1);
        assertThatThrownBy(() -> limited.submit(new SyncRequest(Trigger.API, true, null, "dry run")))
                .isInstanceOf(SyncCoordinator.Busy.class);
        gateway.releasePlan(0);
        assertThat(limited.dryRunsInFlight()).isZero();
    }

    @Test
    void onceClosedNothingNewStartsAndTheQueuedSyncStaysQueued() throws InterruptedException {
        SyncRecord first = coordinator.submit(new SyncRequest(Trigger.API, false, "c1", "sync"));
        awaitHeld(1);
        SyncRecord queued = coordinator.submit(new SyncRequest(Trigger.API, false, "c2", "sync"));

        coordinator.close();

        assertThatThrownBy(() -> coordinator.submit(new SyncRequest(Trigger.API, false, "c3", "sync")))
                .isInstanceOf(SyncCoordinator.Stopping.class);
        assertThatThrownBy(() -> coordinator.planNow(null).block(Duration.ofSeconds(5)))
                .isInstanceOf(SyncCoordinator.Stopping.class);
        gateway.release(0);
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(history.get(first.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(history.get(queued.id()).orElseThrow().state()).isEqualTo(SyncState.QUEUED);
        assertThat(gateway.held).hasSize(1);
    }

    @Test
    void aSyncThatCannotBeRecordedIsRefusedAndLeavesNothingRunning() throws Exception {
        java.nio.file.Path file = dataDir.resolve("history.jsonl");
        java.nio.file.Files.deleteIfExists(file);
        java.nio.file.Files.createDirectory(file);

        assertThatThrownBy(() -> coordinator.submit(new SyncRequest(Trigger.API, false, null, "sync")))
                .isInstanceOf(SyncCoordinator.HistoryUnavailable.class)
                .hasMessageContaining("history cannot be written");
        assertThat(coordinator.running()).isEmpty();
        assertThat(coordinator.queued()).isEmpty();
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(1))).isTrue();
        assertThat(gateway.held).isEmpty();

        java.nio.file.Files.delete(file);
        SyncRecord next = coordinator.submit(new SyncRequest(Trigger.API, false, null, "sync"));
        assertThat(next.state()).isEqualTo(SyncState.RUNNING);
        awaitHeld(1);
        gateway.release(0);
        awaitState(next.id(), SyncState.SUCCEEDED);
    }

    @Test
    void aSyncWhoseEndCannotBeRecordedStillEndsAndTheQueuedOneStarts() throws Exception {
        SyncRecord first = coordinator.submit(new SyncRequest(Trigger.API, false, "c1", "sync"));
        awaitHeld(1);
        SyncRecord queued = coordinator.submit(new SyncRequest(Trigger.API, false, "c2", "sync"));
        java.nio.file.Path file = dataDir.resolve("history.jsonl");
        java.nio.file.Files.delete(file);
        java.nio.file.Files.createDirectory(file);

        gateway.release(0);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (coordinator.running().map(r -> r.id().equals(first.id())).orElse(true)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(history.get(first.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(coordinator.running()).as("the queued sync could not be recorded, so it did not start").isEmpty();
        SyncRecord notStarted = history.get(queued.id()).orElseThrow();
        assertThat(notStarted.state()).isEqualTo(SyncState.FAILED);
        assertThat(notStarted.error()).startsWith("not started: the sync history cannot be written");
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(gateway.held).hasSize(1);
    }

    private SyncCoordinator limited(int concurrent, int waiting) {
        return new SyncCoordinator(new SyncRunner(source,
                routes -> new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), gateway, Clock.systemUTC()),
                history, new SyncListener() {
                }, Clock.systemUTC(), new SyncCoordinator.DryRunLimits(concurrent, waiting, Duration.ofSeconds(3)));
    }

    @Test
    void aSyncWhoseEndRunsOutOfMemoryStillEndsAndTheNextSyncRuns() throws InterruptedException {
        // found by the 65,000-entity benchmark at -Xmx1g: an OutOfMemoryError while recording the end of a sync
        // left it "running" and refused every later sync until a restart
        coordinator = new SyncCoordinator(new SyncRunner(source,
                routes -> new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), gateway, Clock.systemUTC()),
                history, new SyncListener() {
                    int calls;

                    @Override
                    public void finished(SyncRecord sync) {
                        if (calls++ == 0) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                    }
                }, Clock.systemUTC());
        SyncRecord first = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, "c1", "push c1"));
        awaitHeld(1);
        gateway.release(0);

        assertThat(coordinator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(history.get(first.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        SyncRecord second = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, "c2", "push c2"));
        assertThat(second.state()).isEqualTo(SyncState.RUNNING);
        awaitHeld(2);
        gateway.release(1);
        assertThat(coordinator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(history.get(second.id()).orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
    }

    private void awaitHeldPlans(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.heldPlans.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(gateway.heldPlans).hasSize(count);
    }

    private void awaitHeld(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.held.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(gateway.held).hasSize(count);
    }

    private void awaitState(String id, SyncState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (history.get(id).map(r -> r.state() != state).orElse(true) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(history.get(id).orElseThrow().state()).isEqualTo(state);
    }
}
