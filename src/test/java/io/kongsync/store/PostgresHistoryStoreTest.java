package io.kongsync.store;

import io.kongsync.service.HistoryStore;
import io.kongsync.service.HistoryStoreContract;
import io.kongsync.service.SyncState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's contract against a real PostgreSQL: a fresh database per test, every open a new store on it. */
class PostgresHistoryStoreTest extends HistoryStoreContract {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    private LocalPostgres.Database database;
    private final List<PostgresStore> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        database = POSTGRES.fresh();
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresStore::close);
    }

    /**
     * With a shared store the replica that takes the sync lock over fails what a stopped one left, not every open (a
     * replica starting beside a live one must not fail its sync).
     */
    @Override
    @Test
    public void aSyncLeftRunningByAStoppedProcessIsMarkedFailedOnOpen() {
        HistoryStore store = open(10, T0);
        store.save(record("a").running(T0));
        store.save(record("b"));
        HistoryStore reopened = open(10, T0.plusSeconds(60));
        assertThat(reopened.get("a").orElseThrow().state()).as("opening alone fails nothing")
                .isEqualTo(SyncState.RUNNING);

        opened.get(1).replicas("replica-b", Clock.systemUTC()).start(() -> { });

        assertThat(reopened.get("a").orElseThrow().state()).isEqualTo(SyncState.FAILED);
        assertThat(reopened.get("a").orElseThrow().error()).startsWith("kongsync stopped while this sync was running");
        assertThat(reopened.get("b").orElseThrow().error()).as("a queued record outside the store's queue")
                .startsWith("kongsync stopped while this sync was queued");
        assertThat(open(10, T0).get("a").orElseThrow().state())
                .as("the failure is written, not only remembered").isEqualTo(SyncState.FAILED);
    }

    @Override
    protected HistoryStore open(int maxRecords, Instant now) {
        PostgresStore store = PostgresStore.open(database.settings(), maxRecords, now);
        opened.add(store);
        return store.history();
    }
}
