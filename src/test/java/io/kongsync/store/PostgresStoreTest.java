package io.kongsync.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.PlanSummary;
import io.kongsync.service.StoredReports;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.SyncState;
import io.kongsync.service.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared store against a real PostgreSQL: restarts, two instances, outages, and its password kept secret. */
class PostgresStoreTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private LocalPostgres.Database database;
    private final List<PostgresStore> opened = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void setUp() {
        database = POSTGRES.fresh();
        // everything logged, DEBUG included (the pool and Flyway log their settings there), is checked for the password
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        logs.stop();
        opened.forEach(PostgresStore::close);
    }

    private PostgresStore open() {
        return open(database.settings());
    }

    private PostgresStore open(StoreSettings settings) {
        PostgresStore store = PostgresStore.open(settings, 100, T0);
        opened.add(store);
        return store;
    }

    private static SyncRecord queued(String id) {
        return SyncRecord.queued(id, new SyncRequest(Trigger.WEBHOOK, false, null, "push"), T0);
    }

    private static SyncRecord succeeded(String id) {
        return queued(id).running(T0).finished(T0.plusSeconds(3), new PlanSummary(2, 0, 0, 0), true, List.of(), null,
                List.of(), new StoredReports("report " + id, "{\"id\":\"" + id + "\"}", "**" + id + "**"));
    }

    private String logged() {
        synchronized (logs) {
            StringBuilder all = new StringBuilder();
            for (ILoggingEvent event : logs.list) {
                all.append(event.getFormattedMessage()).append('\n');
                if (event.getThrowableProxy() != null) {
                    all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
                }
            }
            return all.toString();
        }
    }

    private long rows(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void theHistoryAndTheFingerprintKeySurviveARestart() throws SQLException {
        PostgresStore first = open();
        first.history().save(succeeded("a"));
        first.close();

        PostgresStore second = open();

        assertThat(second.history().get("a").orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(second.history().reports("a").orElseThrow().text()).isEqualTo("report a");
        assertThat(second.history().lastSync()).map(SyncRecord::id).contains("a");
        assertThat(rows("SELECT count(*) FROM plan_fingerprint_key")).as("one key, made once").isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM flyway_schema_history WHERE success")).as("each migration once")
                .isEqualTo(2);
    }

    @Test
    void twoStoresOnOneDatabaseSeeEachOthersRecords() throws SQLException {
        HistoryStore a = open().history();
        HistoryStore b = open().history();

        a.save(queued("x").running(T0));
        assertThat(b.get("x").orElseThrow().state()).isEqualTo(SyncState.RUNNING);
        b.save(succeeded("x"));
        b.save(queued("y"));

        assertThat(a.get("x").orElseThrow().state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(a.reports("x").orElseThrow().markdown()).isEqualTo("**x**");
        assertThat(a.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("y", "x");
        assertThat(a.lastSync()).map(SyncRecord::id).contains("x");
        assertThat(rows("SELECT count(*) FROM plan_fingerprint_key")).isEqualTo(1);
    }

    @Test
    void aStoreThatCannotBeReachedAtStartIsAClearErrorWithoutThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/kongsync";
        long started = System.nanoTime();

        assertThatThrownBy(() -> open(new StoreSettings(url, "kongsync", "hunter2-secret", Duration.ofSeconds(2))))
                .isInstanceOf(StoreUnreachable.class)
                .hasMessageStartingWith("cannot connect to the store at " + url + " as user kongsync: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("hunter2-secret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(logged()).doesNotContain("hunter2-secret");
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotRepeatIt() {
        StoreSettings wrong = new StoreSettings(database.url(), database.username(), "wrong-" + database.password(),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> open(wrong))
                .isInstanceOf(StoreUnreachable.class)
                .hasMessageContaining(database.url() + " as user " + database.username())
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(database.password());
        assertThat(logged()).doesNotContain(database.password());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new StoreSettings(database.url() + "?ssl=false&password=" + database.password(),
                database.username(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set kongsync.store.password instead")
                .hasMessageContaining("password=(secret)")
                .hasMessageNotContaining(database.password());
        assertThat(database.settings().toString()).contains("password=(set)").doesNotContain(database.password());
    }

    @Test
    void aStoreLostMidRunFailsWritesLikeAnUnwritableHistoryAndRecoversWhenItReturns() {
        PostgresStore store = open();
        HistoryStore history = store.history();
        history.save(queued("a").running(T0));
        LocalPostgres server = POSTGRES.server();

        server.stopImmediately();
        try {
            assertThatThrownBy(() -> history.save(succeeded("a")))
                    .isInstanceOf(HistoryStore.Unavailable.class)
                    .hasMessageStartingWith("cannot write the sync history to " + database.url() + " as user "
                            + database.username() + ": ")
                    .hasMessageNotContaining(database.password());
            assertThat(history.writeFailure()).hasValueSatisfying(why -> assertThat(why)
                    .contains(database.url()).doesNotContain(database.password()));
            assertThat(history.get("a").orElseThrow().state()).as("a known record is remembered in its new state")
                    .isEqualTo(SyncState.SUCCEEDED);
            assertThatThrownBy(() -> history.save(queued("refused"))).isInstanceOf(HistoryStore.Unavailable.class);
            assertThatThrownBy(() -> history.list(0, 10)).isInstanceOf(HistoryStore.Unavailable.class)
                    .hasMessageStartingWith("cannot read the sync history from " + database.url());
        } finally {
            server.start();
        }

        // the pool tries to reconnect with a backoff of up to 5 s: the first writes after the return may still fail
        Duration recovered = saveWithin(history, queued("b"), Duration.ofSeconds(15));

        assertThat(recovered).isLessThan(Duration.ofSeconds(10));
        assertThat(history.writeFailure()).isEmpty();
        HistoryStore another = open().history();
        assertThat(another.get("a").orElseThrow().state()).as("the state missed during the outage is written")
                .isEqualTo(SyncState.SUCCEEDED);
        assertThat(another.reports("a")).as("a report that could not be written is not made up").isEmpty();
        assertThat(another.get("refused")).as("a refused request leaves no record").isEmpty();
        assertThat(another.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("b", "a");
        assertThat(logged()).as("the pool's own logs were captured").contains("kongsync-store")
                .doesNotContain(database.password());
    }

    /** Saves {@code record}, trying again while the store is unavailable; @return how long it took */
    static Duration saveWithin(HistoryStore history, SyncRecord record, Duration limit) {
        long started = System.nanoTime();
        while (true) {
            try {
                history.save(record);
                return Duration.ofNanos(System.nanoTime() - started);
            } catch (HistoryStore.Unavailable e) {
                if (System.nanoTime() - started > limit.toNanos()) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void itRefusesToBlockAnEventLoopThread() {
        HistoryStore history = open().history();

        assertThatThrownBy(() -> Mono.fromCallable(() -> history.get("a")).subscribeOn(Schedulers.parallel())
                .block()).isInstanceOf(IllegalStateException.class).hasMessageContaining("non-blocking thread");
    }
}
