package io.kongsync.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One replica at a time holds the sync lock; a holder cut off loses it and another takes it over. */
class SyncLockTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    private final List<SyncLock> locks = new ArrayList<>();

    @AfterEach
    void close() {
        locks.forEach(SyncLock::close);
    }

    private SyncLock lock(LocalPostgres.Database database, String replica) {
        SyncLock lock = new SyncLock(database.settings(), replica);
        locks.add(lock);
        return lock;
    }

    @Test
    void oneReplicaHoldsTheLockAndTheOthersSeeWhichOne() {
        LocalPostgres.Database database = POSTGRES.fresh();
        SyncLock a = lock(database, "replica-a");
        SyncLock b = lock(database, "replica-b");

        assertThat(a.holder()).isEmpty();
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(a.tryAcquire()).as("taking it again is a no-op").isTrue();
        assertThat(a.held()).isTrue();
        assertThat(b.held()).isFalse();
        assertThat(b.holder()).contains("replica-a");

        a.release();

        assertThat(a.held()).isFalse();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(a.holder()).contains("replica-b");
    }

    @Test
    void aHolderWhoseSessionIsCutLosesTheLockAndAnotherTakesItOver() throws SQLException {
        LocalPostgres.Database database = POSTGRES.fresh();
        SyncLock a = lock(database, "replica-a");
        SyncLock b = lock(database, "replica-b");
        assertThat(a.tryAcquire()).isTrue();

        try (Connection admin = database.connect(); PreparedStatement cut = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            cut.setString(1, "kongsync replica-a");
            try (ResultSet killed = cut.executeQuery()) {
                killed.next();
                assertThat(killed.getLong(1)).isEqualTo(1);
            }
        }
        long started = System.nanoTime();
        while (!b.tryAcquire() && System.nanoTime() - started < Duration.ofSeconds(15).toNanos()) {
            sleep(100);
        }

        assertThat(b.held()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(a.held()).as("the cut holder knows it lost the lock").isFalse();
        assertThat(a.tryAcquire()).isFalse();
        assertThat(a.holder()).contains("replica-b");
    }

    @Test
    void aServerRestartFreesTheLockAndTheHolderKnows() {
        LocalPostgres.Database database = POSTGRES.fresh();
        SyncLock a = lock(database, "replica-a");
        assertThat(a.tryAcquire()).isTrue();

        POSTGRES.server().stopImmediately();
        try {
            assertThat(a.held()).isFalse();
            assertThat(a.tryAcquire()).as("no store, no lock").isFalse();
        } finally {
            POSTGRES.server().start();
        }

        assertThat(a.tryAcquire()).isTrue();
    }

    @Test
    void deploymentsOnDifferentDatabasesNeverMeet() {
        assertThat(lock(POSTGRES.fresh(), "one").tryAcquire()).isTrue();
        assertThat(lock(POSTGRES.fresh(), "other").tryAcquire()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
