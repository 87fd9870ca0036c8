package io.kongsync.api;

import io.kongsync.server.RunningService;
import io.kongsync.store.LocalPostgres;
import io.kongsync.store.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
