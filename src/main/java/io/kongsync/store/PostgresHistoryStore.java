package io.kongsync.store;

import io.kongsync.service.HistoryStore;
import io.kongsync.service.StoredReports;
import io.kongsync.service.SyncRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync history in PostgreSQL ({@code sync_record}, reports apart in {@code sync_report}), so every replica and
 * every restart sees the same records. The newest {@code maxRecords} are kept, ordered as the file history orders
 * them (first saved first).
 *
 * <p>A write that fails (the store went away) fails as a file that cannot be written does: it throws, {@link
 * #writeFailure()} says why, and a record this process already knew stays visible here in its new state; that state
 * is written when the store answers again (before the next write, or at the next read). Every call blocks: one made on
 * an event-loop thread is refused, as Reactor refuses {@code block()} there.
 */
public final class PostgresHistoryStore implements HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHistoryStore.class);
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String UPSERT_RECORD = """
            INSERT INTO sync_record (id, state, dry_run, finished, record, runner) VALUES (?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, dry_run = excluded.dry_run,
                finished = excluded.finished, record = excluded.record, runner = excluded.runner, updated_at = now()
            WHERE NOT ? OR (SELECT epoch FROM sync_lease) = ?""";
    private static final String UPSERT_REPORT = """
            INSERT INTO sync_report (id, text, json, markdown) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET text = excluded.text, json = excluded.json, markdown = excluded.markdown""";
    private static final String EVICT = """
            DELETE FROM sync_record WHERE seq <= (SELECT seq FROM sync_record ORDER BY seq DESC OFFSET ? LIMIT 1)""";

    private final DataSource dataSource;
    private final StoreSettings settings;
    private final int maxRecords;
    /** ids this process saved or read: a failed write of one of these is still remembered */
    private final LinkedHashSet<String> known = new LinkedHashSet<>();
    /** records whose newest state could not be written yet, by id */
    private final LinkedHashMap<String, SyncRecord> unwritten = new LinkedHashMap<>();
    private String writeFailure;
    /** this replica process, written with each record it saves; null while no sync queue runs */
    private volatile String runner;
    /** the epoch this replica took the sync lock with (-1: not holding); null while no sync queue runs */
    private volatile Fence fence;

    /** The sync lock's epochs as this replica knows them. */
    interface Fence {
        /** the epoch this replica holds the lock with; -1 while it does not hold it */
        long holding();

        /** the epoch this replica held the lock with last (-1: never): unchanged in the store, no one took over */
        long lastHeld();
    }

    PostgresHistoryStore(DataSource dataSource, StoreSettings settings, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the history must keep at least 1 record, was " + maxRecords);
        }
        this.dataSource = dataSource;
        this.settings = settings;
        this.maxRecords = maxRecords;
    }

    /**
     * From now on, records are saved as {@code runner}'s, and a sync's record (not a dry run's) is written only while
     * {@code fence} is the store's current lock epoch: a replica that lost the lock cannot overwrite what the new
     * holder wrote.
     */
    void runAs(String runner, Fence fence) {
        this.runner = runner;
        this.fence = fence;
    }

    /** A sync's write refused: this replica does not hold the sync lock (now, or any more). */
    static final class Fenced extends RuntimeException {
        /** another replica took the lock since this one held it (and failed the sync itself) */
        final boolean takenOver;

        Fenced(String id, boolean takenOver) {
            super("sync " + id + " was not recorded: " + (takenOver ? "another replica took the sync lock over and "
                    + "marked it failed" : "this replica does not hold the sync lock now; written once it does"),
                    null, false, false);
            this.takenOver = takenOver;
        }
    }

    @Override
    public synchronized void save(SyncRecord record) {
        requireBlockingThread();
        boolean wasKnown = known.contains(record.id()) || unwritten.containsKey(record.id());
        try {
            writeUnwritten();
            write(record);
            know(record.id());
            writeFailure = null;
        } catch (Fenced e) {
            if (!e.takenOver) {
                // the store came back before the lock did: written once this replica holds it again
                unwritten.put(record.id(), record.withoutReports());
            } else {
                unwritten.remove(record.id());
            }
            throw e;
        } catch (SQLException e) {
            if (wasKnown) {
                unwritten.put(record.id(), record.withoutReports());
            } else {
                unwritten.remove(record.id());
            }
            writeFailure = "cannot write the sync history to " + settings.describe() + ": " + reason(e);
            throw new Unavailable(writeFailure, null);
        }
    }

    private boolean fenced(SyncRecord record) {
        return fence != null && !record.dryRun();
    }

    private void writeUnwritten() throws SQLException {
        for (Map.Entry<String, SyncRecord> pending : List.copyOf(unwritten.entrySet())) {
            unwritten.remove(pending.getKey());
            try {
                write(pending.getValue());
            } catch (SQLException e) {
                unwritten.put(pending.getKey(), pending.getValue());
                throw e;
            } catch (Fenced e) {
                if (!e.takenOver) {
                    unwritten.put(pending.getKey(), pending.getValue());
                } else {
                    LOG.warn("{}", e.getMessage());
                }
                continue;
            }
            LOG.info("sync {}: its state ({}) written now that the store answers again", pending.getKey(),
                    pending.getValue().state().label());
        }
    }

    private void write(SyncRecord record) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT_RECORD)) {
                    upsert.setString(1, record.id());
                    upsert.setString(2, record.state().label());
                    upsert.setBoolean(3, record.dryRun());
                    upsert.setBoolean(4, record.state().finished());
                    upsert.setString(5, JSON.writeValueAsString(record.withoutReports()));
                    upsert.setString(6, runner);
                    Fence epochs = fence;
                    upsert.setBoolean(7, fenced(record));
                    upsert.setLong(8, epochs == null ? -1 : epochs.holding());
                    if (upsert.executeUpdate() == 0) {
                        throw new Fenced(record.id(), leaseEpoch(connection) != epochs.lastHeld());
                    }
                }
                StoredReports reports = record.reports();
                if (reports != null) {
                    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_REPORT)) {
                        upsert.setString(1, record.id());
                        upsert.setString(2, reports.text());
                        upsert.setString(3, reports.json());
                        upsert.setString(4, reports.markdown());
                        upsert.executeUpdate();
                    }
                }
                try (PreparedStatement evict = connection.prepareStatement(EVICT)) {
                    evict.setInt(1, maxRecords);
                    evict.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool drops it
                }
                throw e;
            }
        }
    }

    /** A record written around this class (the sync queue's claim) that a failed later write must not forget. */
    synchronized void knowWritten(String id) {
        know(id);
    }

    private static long leaseEpoch(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT epoch FROM sync_lease");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void know(String id) {
        known.add(id);
        if (known.size() > 2 * maxRecords) {
            known.remove(known.iterator().next());
        }
    }

    /** A write that went around this class (the sync queue's) failed: the status says so until a write succeeds. */
    synchronized void writeFailed(String why) {
        writeFailure = why;
    }

    @Override
    public synchronized Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    @Override
    public Optional<StoredReports> reports(String id) {
        requireBlockingThread();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT text, json, markdown FROM sync_report WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new StoredReports(rows.getString(1), rows.getString(2),
                        rows.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the report of sync {}: {}", id, reason(e));
            return Optional.empty();
        }
    }

    @Override
    public Optional<SyncRecord> get(String id) {
        requireBlockingThread();
        SyncRecord pending = pendingOrWritten(id);
        if (pending != null) {
            return Optional.of(pending);
        }
        List<SyncRecord> found = query("SELECT record FROM sync_record WHERE id = ?", s -> s.setString(1, id));
        return found.stream().findFirst();
    }

    @Override
    public Page list(int page, int size) {
        requireBlockingThread();
        Map<String, SyncRecord> pending = pendingAfterRetry();
        long offset = (long) page * size;
        int total;
        List<SyncRecord> items;
        try (Connection connection = dataSource.getConnection()) {
            // one snapshot for the count and the page
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM sync_record");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                total = (int) Math.min(Integer.MAX_VALUE, rows.getLong(1));
            }
            items = offset >= total ? List.of() : records(connection,
                    "SELECT record FROM sync_record ORDER BY seq DESC OFFSET ? LIMIT ?", s -> {
                        s.setLong(1, offset);
                        s.setInt(2, size);
                    });
            connection.commit();
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return new Page(items.stream().map(r -> pending.getOrDefault(r.id(), r)).toList(), page, size, total);
    }

    @Override
    public Optional<SyncRecord> lastSync() {
        requireBlockingThread();
        Map<String, SyncRecord> pending = pendingAfterRetry();
        Optional<SyncRecord> newestPending = pending.values().stream()
                .filter(r -> !r.dryRun() && r.state().finished()).reduce((first, second) -> second);
        if (newestPending.isPresent()) {
            return newestPending;
        }
        return query("SELECT record FROM sync_record WHERE finished AND NOT dry_run ORDER BY seq DESC LIMIT 1",
                s -> { }).stream().findFirst();
    }

    /** The record's unwritten state, after trying once more to write it. */
    private synchronized SyncRecord pendingOrWritten(String id) {
        return pendingAfterRetry().get(id);
    }

    /** Writes what waits to be written, if the store takes it now (a replica that took the lock back, say). */
    void retryUnwritten() {
        pendingAfterRetry();
    }

    private synchronized Map<String, SyncRecord> pendingAfterRetry() {
        if (!unwritten.isEmpty()) {
            try {
                writeUnwritten();
                writeFailure = null;
            } catch (SQLException e) {
                // still away: the reads below say so
            }
        }
        return new LinkedHashMap<>(unwritten);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<SyncRecord> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection()) {
            return records(connection, sql, binder);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private List<SyncRecord> records(Connection connection, String sql, Binder binder) throws SQLException {
        List<SyncRecord> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(JSON.readValue(rows.getString(1), SyncRecord.class));
                }
            }
        }
        return out;
    }

    private Unavailable unreadable(SQLException e) {
        return new Unavailable("cannot read the sync history from " + settings.describe() + ": " + reason(e), null);
    }

    /** The driver's words, without the password (it never puts it there, but a message is no place to find out). */
    private String reason(SQLException e) {
        return settings.scrub(e.getMessage());
    }

    /** Blocking here on an event loop would stall every request it serves. */
    private static void requireBlockingThread() {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("the sync history was called on the non-blocking thread "
                    + Thread.currentThread().getName() + "; it blocks, so it must be called off the event loop");
        }
    }
}
