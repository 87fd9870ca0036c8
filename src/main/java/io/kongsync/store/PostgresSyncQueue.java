package io.kongsync.store;

import io.kongsync.service.HistoryStore;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncQueue;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syncs queued in PostgreSQL, run by the replica that holds the {@link SyncLock}. Any replica records requests (at
 * most one queued sync: a request folds into it in one transaction, the partial unique index
 * {@code sync_record_one_queued_sync} settling a race between two inserts); the holder takes the oldest out.
 *
 * <p>Every replica checks the lock every {@link #CHECK_EVERY}. A replica that takes it bumps the store's epoch (the
 * fencing value its sync writes are checked against), marks failed the sync the previous holder left running and
 * the dry runs of replicas that are gone (a live replica's session carries its runner name), and queues a sync to
 * converge when none waits. A replica that loses it starts nothing more, and waits {@link #BACK_OFF} before trying
 * again, so a healthy replica takes it rather than the one whose session just failed.
 */
public final class PostgresSyncQueue implements SyncQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSyncQueue.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    static final Duration BACK_OFF = Duration.ofSeconds(3);
    /** the one sync queued in the store ({@code sync_record_one_queued_sync}) */
    private static final String QUEUED_SYNC = "in_queue AND state = 'queued'";

    private final DataSource dataSource;
    private final StoreSettings settings;
    private final PostgresHistoryStore history;
    private final Clock clock;
    private final String replica;
    private final String runner;
    private final SyncLock lock;
    private final AtomicLong epoch = new AtomicLong(-1);
    private final AtomicLong lastHeld = new AtomicLong(-1);
    private volatile boolean holding;
    private volatile long lostAtNanos;
    private volatile Runnable whileHolding = () -> { };
    private ScheduledExecutorService checks;

    PostgresSyncQueue(DataSource dataSource, StoreSettings settings, PostgresHistoryStore history, String replica,
                      Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.history = history;
        this.clock = clock;
        this.replica = replica;
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String instance = HexFormat.of().formatHex(random);
        this.runner = replica + " #" + instance;
        this.lock = new SyncLock(settings, replica, instance);
        history.runAs(runner, new PostgresHistoryStore.Fence() {
            @Override
            public long holding() {
                return epoch.get();
            }

            @Override
            public long lastHeld() {
                return lastHeld.get();
            }
        });
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public boolean holding() {
        return holding;
    }

    @Override
    public Optional<String> holder() {
        return lock.holder();
    }

    @Override
    public synchronized void start(Runnable whileHolding) {
        if (checks != null) {
            return;
        }
        this.whileHolding = whileHolding;
        check();
        checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kongsync-sync-lock");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One check of the lock; never throws (a scheduled task that throws is never run again). */
    private void check() {
        try {
            boolean was = holding;
            boolean backingOff = lostAtNanos != 0 && System.nanoTime() - lostAtNanos < BACK_OFF.toNanos();
            // a holder whose session failed must not take the lock straight back on a new one: it takes over afresh
            boolean now = was ? lock.held() : !backingOff && lock.tryAcquire();
            if (now && !was) {
                try {
                    takeOver();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("replica {} got the sync lock but cannot take over ({}); it gives the lock up", replica,
                            settings.scrub(e.getMessage()));
                    epoch.set(-1);
                    lock.release();
                    return;
                }
                holding = true;
            } else if (!now && was) {
                holding = false;
                epoch.set(-1);
                lostAtNanos = System.nanoTime();
                LOG.warn("replica {} lost the sync lock (its session to the store ended): it starts no sync until it "
                        + "holds the lock again", replica);
            }
            if (now) {
                whileHolding.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("the sync lock check failed: {}", settings.scrub(e.toString()));
        }
    }

    /** Bumps the epoch (fencing the previous holder out), then fails what the replicas that are gone left. */
    private void takeOver() throws SQLException {
        String before;
        long taken;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT holder FROM sync_lease FOR UPDATE"); ResultSet row = select.executeQuery()) {
                row.next();
                before = row.getString(1);
            }
            try (PreparedStatement bump = connection.prepareStatement(
                    "UPDATE sync_lease SET epoch = epoch + 1, holder = ? RETURNING epoch")) {
                bump.setString(1, runner);
                try (ResultSet row = bump.executeQuery()) {
                    row.next();
                    taken = row.getLong(1);
                }
            }
            connection.commit();
        }
        epoch.set(taken);
        lastHeld.set(taken);
        LOG.info("replica {} holds the sync lock (epoch {}{})", replica, taken,
                before == null ? "" : ", after " + before);
        history.retryUnwritten();
        List<Interrupted> left = interrupted();
        SyncRecord convergeFrom = null;
        for (Interrupted gone : left) {
            SyncRecord failed = gone.runner() == null ? gone.record().interrupted(clock.instant())
                    : gone.record().interrupted(clock.instant(), replicaOf(gone.runner()), replica);
            history.save(failed);
            LOG.warn("{} {} marked failed: {}", failed.dryRun() ? "dry run" : "sync", failed.id(), failed.error());
            if (!failed.dryRun()) {
                convergeFrom = gone.record();
            }
        }
        if (convergeFrom != null && queued().isEmpty()) {
            SyncRecord converging = enqueue(SyncRecord.queued(SyncCoordinator.newId(clock), new SyncRequest(
                    Trigger.START, false, convergeFrom.ref(), "replica " + replica + " took over from an interrupted "
                    + "sync"), clock.instant()), null);
            LOG.info("sync {} queued to complete interrupted sync {}", converging.id(), convergeFrom.id());
        }
    }

    private record Interrupted(SyncRecord record, String runner) {
    }

    /**
     * Unfinished records other replicas left: a running sync (only a holder runs one, and the lock moved), and the dry
     * runs of runners whose lock session is gone. A queued sync stays: this replica runs it next.
     */
    private List<Interrupted> interrupted() throws SQLException {
        List<Interrupted> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT record, runner FROM sync_record r WHERE NOT finished AND NOT (" + QUEUED_SYNC + ")"
                        + " AND r.runner IS DISTINCT FROM ?"
                        + " AND (NOT dry_run OR r.runner IS NULL OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a"
                        + " WHERE a.datname = current_database() AND a.application_name = left('kongsync ' || r.runner,"
                        + " 63))) ORDER BY seq")) {
            select.setString(1, runner);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new Interrupted(PostgresHistoryStore.JSON.readValue(rows.getString(1), SyncRecord.class),
                            rows.getString(2)));
                }
            }
        }
        return out;
    }

    private static String replicaOf(String runner) {
        return runner.replaceFirst(" #[0-9a-f]+$", "");
    }

    @Override
    public SyncRecord enqueue(SyncRecord fresh, SyncRequest request) {
        if (fresh.dryRun()) {
            throw new IllegalArgumentException("dry runs are not queued in the store");
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    SyncRecord waiting = one(connection, "SELECT record FROM sync_record WHERE " + QUEUED_SYNC
                            + " FOR UPDATE");
                    SyncRecord result;
                    if (waiting != null && request != null) {
                        result = waiting.coalesce(request);
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE sync_record SET record = ?::jsonb, updated_at = now() WHERE id = ?")) {
                            update.setString(1, PostgresHistoryStore.JSON.writeValueAsString(result));
                            update.setString(2, result.id());
                            update.executeUpdate();
                        }
                    } else if (waiting != null) {
                        result = waiting;
                    } else {
                        result = fresh;
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_record "
                                + "(id, state, dry_run, finished, record, runner, in_queue) VALUES (?, ?, false, false, "
                                + "?::jsonb, NULL, true)")) {
                            insert.setString(1, fresh.id());
                            insert.setString(2, fresh.state().label());
                            insert.setString(3, PostgresHistoryStore.JSON.writeValueAsString(fresh.withoutReports()));
                            insert.executeUpdate();
                        }
                    }
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(connection);
                    // two replicas inserted the queued sync at once: the other one won, fold into it
                    if ("23505".equals(e.getSQLState()) && attempt < 3) {
                        continue;
                    }
                    throw e;
                }
            } catch (SQLException e) {
                String why = "cannot write the sync history to " + settings.describe() + ": "
                        + settings.scrub(e.getMessage());
                history.writeFailed(why);
                throw new HistoryStore.Unavailable(why, null);
            }
        }
    }

    @Override
    public Optional<SyncRecord> claimNext(java.time.Instant now) {
        if (!holding || !lock.held()) {
            return Optional.empty();
        }
        long fence = epoch.get();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SyncRecord waiting = one(connection, "SELECT record FROM sync_record WHERE " + QUEUED_SYNC
                        + " ORDER BY seq LIMIT 1 FOR UPDATE");
                if (waiting == null) {
                    connection.commit();
                    return Optional.empty();
                }
                SyncRecord running = waiting.running(now);
                try (PreparedStatement update = connection.prepareStatement("UPDATE sync_record SET state = ?, "
                        + "record = ?::jsonb, runner = ?, updated_at = now() WHERE id = ? "
                        + "AND (SELECT epoch FROM sync_lease) = ?")) {
                    update.setString(1, running.state().label());
                    update.setString(2, PostgresHistoryStore.JSON.writeValueAsString(running));
                    update.setString(3, runner);
                    update.setString(4, running.id());
                    update.setLong(5, fence);
                    if (update.executeUpdate() == 0) {
                        rollback(connection);
                        return Optional.empty();
                    }
                }
                connection.commit();
                history.knowWritten(running.id());
                return Optional.of(running);
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("cannot take the next queued sync: {}", settings.scrub(e.getMessage()));
            return Optional.empty();
        }
    }

    @Override
    public Optional<SyncRecord> queued() {
        return read("SELECT record FROM sync_record WHERE " + QUEUED_SYNC);
    }

    @Override
    public Optional<SyncRecord> running() {
        return read("SELECT record FROM sync_record WHERE state = 'running' AND NOT dry_run ORDER BY seq DESC "
                + "LIMIT 1");
    }

    private Optional<SyncRecord> read(String sql) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.ofNullable(one(connection, sql));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static SyncRecord one(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            return rows.next() ? PostgresHistoryStore.JSON.readValue(rows.getString(1), SyncRecord.class) : null;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the pool drops it
        }
    }

    @Override
    public synchronized void close() {
        if (checks != null) {
            checks.shutdownNow();
            try {
                checks.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        holding = false;
        epoch.set(-1);
        lock.close();
    }
}
