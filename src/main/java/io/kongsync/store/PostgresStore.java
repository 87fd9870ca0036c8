package io.kongsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.PlanFingerprints;
import io.kongsync.service.SyncQueue;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The shared store: PostgreSQL through a small Hikari pool, its schema brought up to date by Flyway
 * ({@code db/migration}) when it opens. Opening fails with {@link StoreUnreachable} when the database cannot be
 * reached or prepared; later outages fail single calls ({@link HistoryStore.Unavailable}) and heal by themselves: the
 * pool drops broken connections and makes new ones.
 */
public final class PostgresStore implements Store {

    /** How long one statement may wait on a connection that stopped answering. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);
    private static final int POOL_SIZE = 4;

    private final HikariDataSource dataSource;
    private final StoreSettings settings;
    private final PostgresHistoryStore history;
    private final PlanFingerprints fingerprints;
    private PostgresSyncQueue queue;

    private PostgresStore(HikariDataSource dataSource, StoreSettings settings, int maxRecords) throws SQLException {
        this.dataSource = dataSource;
        this.settings = settings;
        this.history = new PostgresHistoryStore(dataSource, settings, maxRecords);
        this.fingerprints = PlanFingerprints.withKey(fingerprintKey());
    }

    /**
     * Connects and migrates the schema. Blocking. Records left unfinished are marked failed by the replica that takes
     * the sync lock ({@link #replicas}), not here: another replica may still be running them.
     *
     * @throws StoreUnreachable naming the URL and user (never the password) when any of that fails
     */
    public static PostgresStore open(StoreSettings settings, int maxRecords, Instant now) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException e) {
            throw new StoreUnreachable("cannot connect to the store at " + settings.describe() + ": "
                    + settings.scrub(rootMessage(e)) + " (kongsync.store.url, .username, .password)");
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return new PostgresStore(dataSource, settings, maxRecords);
        } catch (FlywayException | SQLException | HistoryStore.Unavailable e) {
            dataSource.close();
            throw new StoreUnreachable("cannot prepare the store at " + settings.describe() + ": "
                    + settings.scrub(rootMessage(e)));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariConfig poolConfig(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kongsync-store");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        long timeout = Math.max(250, settings.timeout().toMillis());
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.max(250, timeout / 2));
        config.setInitializationFailTimeout(timeout);
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.timeout().toSeconds()));
        config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT.toSeconds());
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "kongsync");
        return config;
    }

    /** The fingerprints' HMAC key, made by the first kongsync that needs one; every replica reads the same. */
    private byte[] fingerprintKey() throws SQLException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO plan_fingerprint_key (key) VALUES (?) ON CONFLICT DO NOTHING")) {
                insert.setBytes(1, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT key FROM plan_fingerprint_key");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * Makes this process a replica named {@code replica} on the store: syncs are queued in the store and run by the
     * holder of the sync lock ({@link SyncQueue#start} begins taking part). Once only.
     */
    public synchronized SyncQueue replicas(String replica, Clock clock) {
        if (queue == null) {
            queue = new PostgresSyncQueue(dataSource, settings, history, replica, clock);
        }
        return queue;
    }

    @Override
    public synchronized Optional<SyncQueue> syncQueue() {
        return Optional.ofNullable(queue);
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public PlanFingerprints fingerprints() {
        return fingerprints;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + settings.describe();
    }

    @Override
    public void close() {
        syncQueue().ifPresent(SyncQueue::close);
        dataSource.close();
    }
}
