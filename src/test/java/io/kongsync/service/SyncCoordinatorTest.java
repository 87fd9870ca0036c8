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

/** One sync at a time: later requests wait as one queued sync of the newest ref; dry runs never wait. */
class SyncCoordinatorTest {

    @TempDir
    Path dataDir;

    /** A gateway whose syncs end only when the test says so; it records the commits it was asked to sync. */
    static final class HeldGateway implements Gateway {
        final List<Sinks.One<SyncResult>> held = new CopyOnWriteArrayList<>();
        final List<String> plannedStates = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Syncer.Planned> plan(State desired, Set<String> selectTags) {
            plannedStates.add("plan");
            return Mono.just(new Syncer.Planned(INFO, desired, State.EMPTY, EMPTY, PlanOptions.defaults(),
                    List.of()));
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
