package io.kongsync.store;

import io.kongsync.service.HistoryStore;
import io.kongsync.service.HistoryStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    @Override
    protected HistoryStore open(int maxRecords, Instant now) {
        PostgresStore store = PostgresStore.open(database.settings(), maxRecords, now);
        opened.add(store);
        return store.history();
    }
}
