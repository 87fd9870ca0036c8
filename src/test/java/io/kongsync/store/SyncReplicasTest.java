package io.kongsync.store;

import io.kongsync.git.RouteSource;
import io.kongsync.git.Snapshot;
import io.kongsync.git.SourceInfo;
import io.kongsync.kong.KongInfo;
import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.service.Gateway;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.NodeStatus;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncListener;
import io.kongsync.service.SyncQueue;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.SyncRunner;
import io.kongsync.service.SyncState;
import io.kongsync.service.Trigger;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (coordinators on stores of their own) sharing one PostgreSQL: one sync at a time across both,
 * requests to either folding into one queued sync, and the other taking over when the holder's session is cut.
 */
class SyncReplicasTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    static final KongInfo INFO = new KongInfo("3.9.1", false, "kong", "", Set.of(), null, false);
    static final Plan EMPTY = new Plan(List.of(), List.of());
    /** syncs running at once across every replica, and the most ever seen */
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    @TempDir
    Path dir;

    private LocalPostgres.Database database;
    private final List<Replica> replicas = new ArrayList<>();

    /** A gateway whose syncs end when the test says so; it keeps the refs it synced, in order. */
    static final class HeldGateway implements Gateway {
        final List<Sinks.One<SyncResult>> held = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Syncer.Planned> plan(State desired, Set<String> selectTags) {
            return Mono.just(new Syncer.Planned(INFO, desired, State.EMPTY, EMPTY, PlanOptions.defaults(), List.of()));
        }

        @Override
        public Mono<SyncResult> sync(State desired, Set<String> selectTags) {
            MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            Sinks.One<SyncResult> sink = Sinks.one();
            held.add(sink);
            return sink.asMono().doFinally(signal -> RUNNING.decrementAndGet());
        }

        @Override
        public Mono<List<NodeStatus>> nodes() {
            return Mono.just(List.of());
        }

        void release(int index) {
            held.get(index).tryEmitValue(new SyncResult(INFO, EMPTY, List.of(), null, List.of(), EMPTY, 1, 1));
        }
    }

    final class Replica {
        final String name;
        final PostgresStore store;
        final SyncQueue queue;
        final HeldGateway gateway = new HeldGateway();
        final List<String> checkedOut = new CopyOnWriteArrayList<>();
        final SyncCoordinator coordinator;

        Replica(String name) {
            this.name = name;
            store = PostgresStore.open(database.settings(), 100, Instant.now());
            queue = store.replicas(name, Clock.systemUTC());
            RouteSource source = new RouteSource() {
                @Override
                public Snapshot checkout(String ref) {
                    checkedOut.add(ref == null ? "head" : ref);
                    return new Snapshot(ref == null ? "head" : ref, "message", "author", Instant.EPOCH, dir);
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
            coordinator = new SyncCoordinator(new SyncRunner(source,
                    routes -> new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), gateway, Clock.systemUTC()),
                    store.history(), new SyncListener() {
                    }, Clock.systemUTC(), SyncCoordinator.DryRunLimits.defaults(), queue);
            queue.start(coordinator::startNext);
            replicas.add(this);
        }

        HistoryStore history() {
            return store.history();
        }

        SyncRecord submit(String ref) {
            return coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, ref, "push " + ref));
        }

        void stop() {
            coordinator.close();
            store.close();
            replicas.remove(this);
        }
    }

    @BeforeEach
    void freshDatabase() {
        database = POSTGRES.fresh();
        RUNNING.set(0);
        MOST_AT_ONCE.set(0);
    }

    @AfterEach
    void stopReplicas() {
        for (Replica replica : List.copyOf(replicas)) {
            replica.gateway.held.forEach(sink -> sink.tryEmitError(new IllegalStateException("test over")));
            replica.stop();
        }
    }

    @Test
    void aBurstOfRequestsToBothReplicasRunsOneSyncAtATimeOnTheHolderAndFoldsIntoOneQueuedSync() throws Exception {
        Replica a = new Replica("replica-a");
        Replica b = new Replica("replica-b");
        assertThat(a.queue.holding()).isTrue();
        assertThat(b.queue.holding()).isFalse();
        assertThat(b.queue.holder()).contains("replica-a");

        SyncRecord first = a.submit("c0");
        await(() -> a.gateway.held.size() == 1, "the first sync runs on the holder");
        assertThat(first.state()).isEqualTo(SyncState.RUNNING);

        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<SyncRecord>> answers = new ArrayList<>();
        try {
            for (int i = 1; i <= 20; i++) {
                Replica to = i % 2 == 0 ? a : b;
                String ref = "c" + i;
                answers.add(callers.submit(() -> to.submit(ref)));
            }
            List<SyncRecord> accepted = new ArrayList<>();
            for (Future<SyncRecord> answer : answers) {
                accepted.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(accepted).extracting(SyncRecord::id).as("every request folded into one queued sync")
                    .containsOnly(accepted.get(0).id());
            assertThat(accepted).extracting(SyncRecord::state).containsOnly(SyncState.QUEUED);
            assertThat(rows("SELECT count(*) FROM sync_record WHERE state = 'queued'")).isEqualTo(1);
            SyncRecord queued = a.coordinator.queued().orElseThrow();
            assertThat(queued.coalesced()).isEqualTo(19);
            assertThat(b.coordinator.queued()).contains(queued);
            assertThat(b.coordinator.running()).map(SyncRecord::id).as("B sees what A runs").contains(first.id());

            a.gateway.release(0);
            await(() -> a.gateway.held.size() == 2, "the queued sync runs next, on the holder");
            a.gateway.release(1);
            await(() -> a.history().get(queued.id()).map(r -> r.state() == SyncState.SUCCEEDED).orElse(false),
                    "the folded sync succeeds");
        } finally {
            callers.shutdownNow();
        }

        assertThat(b.gateway.held).as("the replica without the lock ran no sync").isEmpty();
        assertThat(MOST_AT_ONCE.get()).isEqualTo(1);
        assertThat(a.checkedOut).hasSize(2);
        assertThat(b.history().list(0, 10).total()).isEqualTo(2);
    }

    @Test
    void whenTheHoldersSessionIsCutMidSyncTheOtherTakesOverMarksTheSyncFailedAndConverges() throws Exception {
        Replica a = new Replica("replica-a");
        Replica b = new Replica("replica-b");
        SyncRecord interrupted = a.submit("c1");
        await(() -> a.gateway.held.size() == 1, "A syncs");

        cutLockSession("replica-a");
        long cut = System.nanoTime();
        await(() -> b.queue.holding(), "B takes the lock over");
        Duration takeover = Duration.ofNanos(System.nanoTime() - cut);
        System.out.println("sync lock taken over in " + takeover.toMillis() + " ms");
        assertThat(takeover).isLessThan(Duration.ofSeconds(15));

        SyncRecord failed = b.history().get(interrupted.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SyncState.FAILED);
        assertThat(failed.error()).contains("replica replica-a").contains("replica replica-b took the sync lock over");
        await(() -> b.gateway.held.size() == 1, "B converges with a sync of its own");
        assertThat(b.checkedOut).containsExactly("c1");
        assertThat(a.queue.holding()).as("A knows it lost the lock").isFalse();
        assertThat(b.queue.holder()).contains("replica-b");

        a.gateway.release(0);
        b.gateway.release(0);
        await(() -> b.history().lastSync().map(r -> !r.id().equals(interrupted.id())
                && r.state() == SyncState.SUCCEEDED).orElse(false), "B's sync succeeds");
        Thread.sleep(500);
        assertThat(b.history().get(interrupted.id()).orElseThrow().state())
                .as("the stale holder's late end is fenced out").isEqualTo(SyncState.FAILED);

        SyncRecord next = a.submit("c2");
        await(() -> b.gateway.held.size() == 2, "a request to A now runs on B");
        assertThat(a.gateway.held).hasSize(1);
        b.gateway.release(1);
        await(() -> b.history().get(next.id()).map(r -> r.state() == SyncState.SUCCEEDED).orElse(false),
                "it succeeds");
    }

    @Test
    void aReplicaStartingWhileAnotherSyncsLeavesThatSyncAloneAndARestartedHolderFailsWhatItLeft() throws Exception {
        Replica a = new Replica("replica-a");
        SyncRecord running = a.submit("c1");
        await(() -> a.gateway.held.size() == 1, "A syncs");

        Replica b = new Replica("replica-b");
        assertThat(b.history().get(running.id()).orElseThrow().state()).isEqualTo(SyncState.RUNNING);
        a.gateway.release(0);
        await(() -> b.history().get(running.id()).map(r -> r.state() == SyncState.SUCCEEDED).orElse(false),
                "A's sync ends as it should");
        b.stop();

        SyncRecord left = a.submit("c2");
        await(() -> a.gateway.held.size() == 2, "A syncs again");
        a.queue.close();   // the process dies: its session ends, its sync never ends
        a.coordinator.close();

        Replica restarted = new Replica("replica-a");
        assertThat(restarted.queue.holding()).isTrue();
        SyncRecord failed = restarted.history().get(left.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SyncState.FAILED);
        assertThat(failed.error()).startsWith("kongsync stopped while this sync was running on replica replica-a");
        assertThat(restarted.history().get(running.id()).orElseThrow().state()).as("the history survives")
                .isEqualTo(SyncState.SUCCEEDED);
        await(() -> restarted.gateway.held.size() == 1, "the restarted replica converges");
        assertThat(restarted.checkedOut).containsExactly("c2");
    }

    @Test
    void aSyncThatEndsWhileTheStoreIsAwayIsRecordedOnceItsReplicaHoldsTheLockAgain() throws Exception {
        Replica a = new Replica("replica-a");
        SyncRecord running = a.submit("c1");
        await(() -> a.gateway.held.size() == 1, "A syncs");

        POSTGRES.server().stopImmediately();
        try {
            await(() -> !a.queue.holding(), "A knows it lost the lock with the store");
            a.gateway.release(0);
            Thread.sleep(300);
        } finally {
            POSTGRES.server().start();
        }

        await(() -> a.queue.holding(), "A takes the lock again");
        await(() -> {
            try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                    "SELECT state FROM sync_record WHERE id = ?")) {
                select.setString(1, running.id());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && "succeeded".equals(row.getString(1));
                }
            } catch (SQLException e) {
                return false;
            }
        }, "its end is written, not marked failed by its own takeover");
        assertThat(a.gateway.held).as("nothing was interrupted, so nothing re-runs").hasSize(1);
    }

    private void cutLockSession(String replica) throws SQLException {
        try (Connection admin = database.connect(); PreparedStatement cut = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE ?")) {
            cut.setString(1, "kongsync " + replica + " #%");
            try (ResultSet killed = cut.executeQuery()) {
                killed.next();
                assertThat(killed.getLong(1)).isEqualTo(1);
            }
        }
    }

    private long rows(String sql) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
