package io.kongsync.api;

import io.kongsync.server.RunningService;
import io.kongsync.store.LocalPostgres;
import io.kongsync.store.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.ReactorResourceFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service with {@code kongsync.store.url}: its history is in PostgreSQL, and the API serves it from there. */
class SharedStoreServiceTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    @TempDir
    Path dir;

    @Test
    void withoutAStoreTheHistoryStaysInFilesAndNoDataSourceExists() {
        try (ServiceFixture fixture = new ServiceFixture(dir);
             RunningService service = ServiceFixture.idle(RunningService.start(fixture.settings()))) {
            assertThat(service.bean(io.kongsync.store.Store.class).describe()).startsWith("files in ");
            assertThat(fixture.dataDir.resolve("history.jsonl")).exists();
            assertThatThrownBy(() -> service.bean(javax.sql.DataSource.class))
                    .isInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStartUpSyncIsRecordedInPostgresAndALostStoreRefusesSyncsUntilItReturns() throws Exception {
        LocalPostgres.Database database = POSTGRES.database();
        try (ServiceFixture fixture = new ServiceFixture(dir)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.store.url", database.url());
            settings.put("kongsync.store.username", database.username());
            settings.put("kongsync.store.password", database.password());
            settings.put("kongsync.store.timeout", "1s");
            try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
                String id;
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT id, state, record->>'trigger', "
                             + "(SELECT count(*) FROM sync_report r WHERE r.id = s.id) FROM sync_record s")) {
                    assertThat(rows.next()).as("the start-up sync is in PostgreSQL").isTrue();
                    id = rows.getString(1);
                    assertThat(rows.getString(2)).isEqualTo("succeeded");
                    assertThat(rows.getString(3)).isEqualTo("start");
                    assertThat(rows.getLong(4)).as("with its report").isEqualTo(1);
                    assertThat(rows.next()).isFalse();
                }
                assertThat(fixture.dataDir.resolve("history.jsonl")).as("no history on local disk").doesNotExist();

                Map<String, Object> list = ServiceFixture.json(service.get("/api/v1/syncs", ServiceFixture.TOKEN)
                        .body());
                assertThat((List<Map<String, Object>>) list.get("items")).extracting(item -> item.get("id"))
                        .containsExactly(id);
                RunningService.Reply report = service.get("/api/v1/syncs/" + id + "?format=text",
                        ServiceFixture.TOKEN);
                assertThat(report.status()).isEqualTo(200);
                assertThat(report.body()).contains("nyan").doesNotContain(ServiceFixture.CONSUMER_KEY);
                Map<String, Object> status = ServiceFixture.json(service.get("/api/v1/status",
                        ServiceFixture.TOKEN).body());
                assertThat((Map<String, Object>) status.get("lastSync")).containsEntry("id", id);

                POSTGRES.server().stopImmediately();
                RunningService.Reply refused;
                try {
                    refused = service.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.body()).contains("the sync history cannot be written")
                            .contains(database.url()).doesNotContain(database.password());
                    Map<String, Object> during = ServiceFixture.json(service.get("/api/v1/status",
                            ServiceFixture.TOKEN).body());
                    assertThat((String) during.get("historyWriteFailure")).contains(database.url());
                    assertThat(service.get("/api/v1/syncs", ServiceFixture.TOKEN).status()).isEqualTo(503);
                } finally {
                    POSTGRES.server().start();
                }

                RunningService.Reply accepted = null;
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (System.nanoTime() < deadline) {
                    accepted = service.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                    if (accepted.status() != 503) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                Map<String, Object> done = ServiceFixture.awaitFinished(service, accepted.header("Location"));
                assertThat(done).containsEntry("state", "succeeded");
                assertThat(ServiceFixture.json(service.get("/api/v1/syncs", ServiceFixture.TOKEN).body()))
                        .containsEntry("total", 2);
            }
        }
    }

    /**
     * Two replicas on one store: a burst of requests to both runs one sync at a time, all on the holder, each request
     * either a sync of its own or folded into one; the holder's lock session cut, the other takes over within 15 s and
     * runs what either is asked; the history survives a restart.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twoReplicasRunOneSyncAtATimeAndTheOtherTakesOverWhenTheHoldersSessionIsCut() throws Exception {
        LocalPostgres.Database database = POSTGRES.fresh();
        try (ServiceFixture fixture = new ServiceFixture(dir)) {
            Map<String, String> a = replicaSettings(fixture, database, "replica-a");
            Map<String, String> b = replicaSettings(fixture, database, "replica-b");
            long before;
            try (RunningService first = ServiceFixture.idle(RunningService.start(a));
                 RunningService second = ServiceFixture.idle(RunningService.start(b))) {
                Map<String, Object> statusA = ServiceFixture.json(first.get("/api/v1/status", ServiceFixture.TOKEN)
                        .body());
                Map<String, Object> statusB = ServiceFixture.json(second.get("/api/v1/status", ServiceFixture.TOKEN)
                        .body());
                assertThat(statusA).containsEntry("replica", "replica-a").containsEntry("syncLockHolder", "replica-a");
                assertThat(statusB).containsEntry("replica", "replica-b").containsEntry("syncLockHolder", "replica-a");

                ExecutorService callers = Executors.newFixedThreadPool(6);
                try {
                    List<Future<RunningService.Reply>> replies = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        RunningService to = i % 2 == 0 ? first : second;
                        replies.add(callers.submit(() -> to.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}")));
                    }
                    for (Future<RunningService.Reply> reply : replies) {
                        RunningService.Reply answer = reply.get(30, TimeUnit.SECONDS);
                        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                    }
                } finally {
                    callers.shutdownNow();
                }
                awaitNoUnfinishedSync(database);
                List<Instant[]> runs = new ArrayList<>();
                long folded = 0;
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT state, runner, record->>'startedAt', "
                             + "record->>'finishedAt', (record->>'coalesced')::int FROM sync_record WHERE NOT dry_run "
                             + "ORDER BY record->>'startedAt'")) {
                    while (rows.next()) {
                        assertThat(rows.getString(1)).isEqualTo("succeeded");
                        assertThat(rows.getString(2)).as("only the holder syncs").startsWith("replica-a #");
                        runs.add(new Instant[] {Instant.parse(rows.getString(3)), Instant.parse(rows.getString(4))});
                        folded += rows.getInt(5);
                    }
                }
                assertThat(runs.size() + folded).as("two start-up syncs and 12 requests, each run or folded")
                        .isEqualTo(14);
                assertThat(folded).as("requests during a sync fold into the queued one").isPositive();
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(runs.get(i)[0]).as("one sync at a time").isAfterOrEqualTo(runs.get(i - 1)[1]);
                }

                try (Connection admin = database.connect(); Statement sql = admin.createStatement()) {
                    sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE application_name LIKE 'kongsync replica-a #%'");
                }
                long cut = System.nanoTime();
                Object holder = null;
                while (System.nanoTime() - cut < Duration.ofSeconds(15).toNanos()) {
                    holder = ServiceFixture.json(second.get("/api/v1/status", ServiceFixture.TOKEN).body())
                            .get("syncLockHolder");
                    if ("replica-b".equals(holder)) {
                        break;
                    }
                    Thread.sleep(100);
                }
                System.out.println("service takeover in " + Duration.ofNanos(System.nanoTime() - cut).toMillis()
                        + " ms");
                assertThat(holder).as("replica-b holds the lock within 15 s").isEqualTo("replica-b");

                RunningService.Reply accepted = first.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                assertThat(accepted.status()).isEqualTo(202);
                Map<String, Object> done = ServiceFixture.awaitFinished(first, accepted.header("Location"));
                assertThat(done).containsEntry("state", "succeeded");
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT runner FROM sync_record WHERE id = '" + done.get("id")
                             + "'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).as("a request to A runs on B now").startsWith("replica-b #");
                }
                before = ((Number) ServiceFixture.json(first.get("/api/v1/syncs", ServiceFixture.TOKEN).body())
                        .get("total")).longValue();
            }
            try (RunningService restarted = ServiceFixture.idle(RunningService.start(a))) {
                awaitNoUnfinishedSync(database);
                Map<String, Object> list = ServiceFixture.json(restarted.get("/api/v1/syncs?size=100",
                        ServiceFixture.TOKEN).body());
                assertThat(((Number) list.get("total")).longValue()).as("the history survives, plus the start-up sync")
                        .isEqualTo(before + 1);
                Object newest = ((List<Map<String, Object>>) list.get("items")).get(0).get("id");
                // the restarted replica's own start-up sync is left out: the fixture's in-process sandbox does not
                // outlive the first services (Reactor Netty's shared resources go with them)
                assertThat((List<Map<String, Object>>) list.get("items")).filteredOn(item -> !item.get("id")
                        .equals(newest)).extracting(item -> item.get("state")).containsOnly("succeeded");
            }
        }
    }

    /**
     * A rolling restart of two replicas while requests keep arriving at whichever is up: A stopped as ECS stops a task
     * (its context closed: graceful shutdown), A' started on the store, then the same for B. Every request answered 202
     * ran or was folded into a sync that ran, one at a time; the history from before is still listed; a new replica
     * holds the lock; a last sync converges.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRollingRestartOfBothReplicasLosesNoAcceptedRequestAndKeepsTheHistory() throws Exception {
        LocalPostgres.Database database = POSTGRES.fresh();
        try (ServiceFixture fixture = new ServiceFixture(dir)) {
            RunningService a = startReplica(fixture, database, "replica-a");
            RunningService b = startReplica(fixture, database, "replica-b");
            RunningService newA = null;
            RunningService newB = null;
            try {
                awaitNoUnfinishedSync(database);
                RunningService.Reply first = b.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                assertThat(first.status()).isEqualTo(202);
                assertThat(ServiceFixture.awaitFinished(b, first.header("Location")))
                        .containsEntry("state", "succeeded");
                awaitNoUnfinishedSync(database);
                Set<String> before = listedIds(b);
                assertThat(before).as("the start-up syncs and the first request").hasSize(3);
                assertThat(ServiceFixture.json(b.get("/api/v1/status", ServiceFixture.TOKEN).body()))
                        .as("the holder is restarted first").containsEntry("syncLockHolder", "replica-a");

                Traffic traffic = new Traffic();
                traffic.add(a);
                traffic.add(b);
                ExecutorService senders = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> running = List.of(senders.submit(traffic), senders.submit(traffic));
                    Thread.sleep(1_000);
                    a.close();
                    traffic.remove(a);
                    newA = startReplica(fixture, database, "replica-a2", false);
                    traffic.add(newA);
                    Thread.sleep(1_000);
                    b.close();
                    traffic.remove(b);
                    newB = startReplica(fixture, database, "replica-b2", false);
                    traffic.add(newB);
                    Thread.sleep(1_000);
                    traffic.stop();
                    for (Future<?> sender : running) {
                        sender.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    senders.shutdownNow();
                }
                System.out.println("rolling restart: " + traffic.accepted.size() + " accepted (" + Set.copyOf(
                        traffic.accepted).size() + " distinct syncs), " + traffic.refused
                        + " refused with 503, " + traffic.unreachable + " unreachable");
                assertThat(traffic.other).as("no answer but 202 or 503").isEmpty();
                assertThat(traffic.accepted).as("requests kept being accepted").hasSizeGreaterThan(10);
                awaitNoUnfinishedSync(database);

                Map<String, String> states = new HashMap<>();
                List<Instant[]> runs = new ArrayList<>();
                long folded = 0;
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT id, state, record->>'startedAt', "
                             + "record->>'finishedAt', (record->>'coalesced')::int FROM sync_record WHERE NOT dry_run "
                             + "ORDER BY record->>'startedAt'")) {
                    while (rows.next()) {
                        states.put(rows.getString(1), rows.getString(2));
                        runs.add(new Instant[] {Instant.parse(rows.getString(3)), Instant.parse(rows.getString(4))});
                        folded += rows.getInt(5);
                    }
                }
                assertThat(states).as("every sync ran to the end").allSatisfy((id, state) ->
                        assertThat(state).as(id).isEqualTo("succeeded"));
                assertThat(states.keySet()).as("every accepted request is in the history")
                        .containsAll(traffic.accepted);
                assertThat(runs.size() + folded)
                        .as("four start-up syncs, the first request and each accepted one, run or folded; 503s not")
                        .isEqualTo(4 + 1 + traffic.accepted.size());
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(runs.get(i)[0]).as("one sync at a time").isAfterOrEqualTo(runs.get(i - 1)[1]);
                }

                assertThat(listedIds(newB)).as("the history from before both restarts is still listed")
                        .containsAll(before).containsAll(traffic.accepted);
                Map<String, Object> status = ServiceFixture.json(newB.get("/api/v1/status", ServiceFixture.TOKEN)
                        .body());
                assertThat(status.get("syncLockHolder")).as("a new replica holds the lock")
                        .isIn("replica-a2", "replica-b2");

                fixture.writeRoutes(ServiceFixture.ROUTES.replace("nyan.mydomain.com", "nyan.example.org"));
                RunningService.Reply last = newA.call("POST", "/api/v1/syncs", ServiceFixture.TOKEN, "{}");
                assertThat(last.status()).isEqualTo(202);
                assertThat(ServiceFixture.awaitFinished(newA, last.header("Location")))
                        .containsEntry("state", "succeeded");
                assertThat(fixture.admin.get("/routes").data()).singleElement()
                        .satisfies(route -> assertThat((List<String>) route.get("hosts"))
                                .containsExactly("nyan.example.org"));
            } finally {
                for (RunningService service : new RunningService[] {a, b, newA, newB}) {
                    if (service != null) {
                        service.close();
                    }
                }
            }
        }
    }

    /**
     * POSTs syncs, one after another, to the replicas up in turn until stopped; a replica is taken out once it has
     * stopped, so requests reach it while it stops.
     */
    private static final class Traffic implements Runnable {

        /** A replica with the address it was started on: a stopped one no longer knows it. */
        record Replica(RunningService service, URI url) {
        }

        final List<Replica> up = new CopyOnWriteArrayList<>();
        /** Each 202's sync id: a request folded into a queued sync answers with that sync's. */
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger refused = new AtomicInteger();
        final Map<String, Integer> unreachable = new ConcurrentHashMap<>();
        final List<String> other = new CopyOnWriteArrayList<>();
        final AtomicInteger turn = new AtomicInteger();
        volatile boolean stopped;

        void add(RunningService service) {
            up.add(new Replica(service, service.url()));
        }

        void remove(RunningService service) {
            up.removeIf(replica -> replica.service() == service);
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            while (!stopped) {
                List<Replica> now = List.copyOf(up);
                Replica to = now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
                RunningService.Reply reply;
                try {
                    reply = to.service().send(to.url().resolve("/api/v1/syncs"), "POST", ServiceFixture.TOKEN, "{}",
                            Map.of());
                } catch (RuntimeException e) {
                    // the replica no longer takes connections
                    unreachable.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                    ServiceFixture.sleep(30);
                    continue;
                }
                if (reply.status() == 202) {
                    accepted.add((String) ServiceFixture.json(reply.body()).get("id"));
                } else if (reply.status() == 503) {
                    refused.incrementAndGet();
                } else {
                    other.add(reply.status() + " " + reply.body());
                }
                ServiceFixture.sleep(30);
            }
        }
    }

    /** A replica with Reactor Netty resources of its own, as a process of its own has: closing it leaves the rest. */
    private static RunningService startReplica(ServiceFixture fixture, LocalPostgres.Database database,
                                               String replica) {
        return startReplica(fixture, database, replica, true);
    }

    private static RunningService startReplica(ServiceFixture fixture, LocalPostgres.Database database,
                                               String replica, boolean idle) {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        resources.afterPropertiesSet();
        RunningService service = RunningService.start(replicaSettings(fixture, database, replica), List.of(resources));
        return idle ? ServiceFixture.idle(service) : service;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> listedIds(RunningService service) {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            Map<String, Object> list = ServiceFixture.json(service.get("/api/v1/syncs?size=100&page=" + page,
                    ServiceFixture.TOKEN).body());
            List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
            items.forEach(item -> ids.add((String) item.get("id")));
            if (items.isEmpty() || ids.size() >= ((Number) list.get("total")).longValue()) {
                return ids;
            }
        }
    }

    private static Map<String, String> replicaSettings(ServiceFixture fixture, LocalPostgres.Database database,
                                                       String replica) {
        Map<String, String> settings = fixture.settings();
        settings.put("kongsync.data-dir", fixture.dataDir.resolve(replica).toString());
        settings.put("kongsync.store.url", database.url());
        settings.put("kongsync.store.username", database.username());
        settings.put("kongsync.store.password", database.password());
        settings.put("kongsync.store.replica-name", replica);
        return settings;
    }

    private static void awaitNoUnfinishedSync(LocalPostgres.Database database) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT count(*) FROM sync_record WHERE NOT finished")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("syncs still unfinished after 30 s");
            }
            Thread.sleep(100);
        }
    }
}
