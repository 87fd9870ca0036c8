package io.kongsync.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own per test class on the JVM's {@link LocalPostgres}:
 * {@code @RegisterExtension static final PostgresDatabase POSTGRES = new PostgresDatabase();}. Skipped where
 * PostgreSQL is missing, failed under {@code CI}.
 */
public final class PostgresDatabase implements BeforeAllCallback {

    private LocalPostgres server;
    private LocalPostgres.Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalPostgres.get();
        database = server.newDatabase(context.getRequiredTestClass().getSimpleName());
    }

    public LocalPostgres server() {
        return server;
    }

    public LocalPostgres.Database database() {
        return database;
    }

    /** Another empty database, for a test that must start from nothing. */
    public LocalPostgres.Database fresh() {
        return server.newDatabase(database.username());
    }
}
