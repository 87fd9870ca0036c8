package io.kongsync.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * The right to run syncs among replicas on one store ({@link PostgresSyncQueue} takes it): a
 * PostgreSQL session-level advisory lock held on a connection of its own, outside the pool, so it lives exactly as long
 * as that session. A holder that dies, or whose connection is cut, loses it; the server notices a silent peer within
 * about {@value #KEEPALIVE_IDLE_SECONDS} + {@value #KEEPALIVE_INTERVAL_SECONDS} x {@value #KEEPALIVE_COUNT} s (TCP
 * keepalives set on the session), and another replica's next {@link #tryAcquire} gets it. The holder must check
 * {@link #held} before each step that needs the lock: a lost session means another replica may hold it now.
 *
 * <p>Advisory locks belong to one database, so kongsync deployments on different databases never meet.
 */
public final class SyncLock implements AutoCloseable {

    /** "kongsync" in ASCII: the advisory lock's key. */
    static final long KEY = 0x6b6f6e6773796e63L;
    static final int KEEPALIVE_IDLE_SECONDS = 5;
    static final int KEEPALIVE_INTERVAL_SECONDS = 2;
    static final int KEEPALIVE_COUNT = 3;

    private final StoreSettings settings;
    private final String applicationName;
    private Connection session;
    private boolean held;

    /** @param replica this replica's name, as {@link #holder} shows it to the others */
    public SyncLock(StoreSettings settings, String replica) {
        this.settings = settings;
        this.applicationName = "kongsync " + replica;
    }

    /**
     * @param instance this process among the replica's runs (a restarted replica keeps its name, not its instance):
     *                 its session's {@code application_name} is {@link #applicationName}, which tells the others it
     *                 is alive
     */
    SyncLock(StoreSettings settings, String replica, String instance) {
        this.settings = settings;
        this.applicationName = applicationName(replica + " #" + instance);
    }

    /** The session's application name for a runner; PostgreSQL keeps its first 63 bytes. */
    static String applicationName(String runner) {
        String name = "kongsync " + runner;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * Takes the lock when no one holds it. Never waits for it.
     *
     * @return whether this replica holds it now; false too when the store cannot be reached
     */
    public synchronized boolean tryAcquire() {
        if (held()) {
            return true;
        }
        try {
            if (session == null || session.isClosed()) {
                session = connect();
            }
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    held = row.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            drop();
        }
        return held;
    }

    /** Whether this replica still holds the lock: its session answers. Blocking (one round trip). */
    public synchronized boolean held() {
        if (!held || session == null) {
            return false;
        }
        try (Statement ping = session.createStatement()) {
            ping.setQueryTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            ping.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            drop();
            return false;
        }
    }

    /** The replica that holds the lock, as it named itself; empty when none does (or the store cannot say). */
    public Optional<String> holder() {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database
                         WHERE datname = current_database())
                       AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = ?""")) {
            select.setLong(1, KEY);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1).replaceFirst("^kongsync ", "")
                        .replaceFirst(" #[0-9a-f]+$", "")) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Gives the lock up (shutdown, or a replica that should stop syncing). */
    public synchronized void release() {
        if (held && session != null) {
            try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, KEY);
                unlock.execute();
            } catch (SQLException e) {
                // the session is gone, and the lock with it
            }
        }
        held = false;
    }

    @Override
    public synchronized void close() {
        release();
        drop();
    }

    private void drop() {
        held = false;
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // already broken
            }
            session = null;
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.username() != null) {
            properties.setProperty("user", settings.username());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, settings.timeout().toSeconds())));
        properties.setProperty("socketTimeout", String.valueOf(Math.max(10, settings.timeout().toSeconds() * 2)));
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(settings.url(), properties);
        try (Statement keepalives = connection.createStatement()) {
            // the server's side: a replica that vanishes without closing its connection loses the lock in seconds
            keepalives.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_SECONDS);
            keepalives.execute("SET tcp_keepalives_interval = " + KEEPALIVE_INTERVAL_SECONDS);
            keepalives.execute("SET tcp_keepalives_count = " + KEEPALIVE_COUNT);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
