package io.kongsync.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryStoreTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static SyncRecord record(String id) {
        return SyncRecord.queued(id, new SyncRequest(Trigger.API, false, null, "test"), T0);
    }

    @Test
    void recordsAreReadBackAfterReopeningWithTheirLastState() {
        HistoryStore store = HistoryStore.open(dir, 10, 1 << 20, T0);
        SyncRecord running = record("a").running(T0);
        store.save(running);
        store.save(running.finished(T0.plusSeconds(2), new PlanSummary(1, 0, 0, 0), true,
                List.of(new OperationRecord("create service nyan", "applied", null, 1, 3)), null, List.of(),
                new StoredReports("text", "{}", "md")));

        HistoryStore reopened = HistoryStore.open(dir, 10, 1 << 20, T0.plusSeconds(60));

        SyncRecord read = reopened.get("a").orElseThrow();
        assertThat(read.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(read.durationMillis()).isEqualTo(2000);
        assertThat(read.operations()).containsExactly(new OperationRecord("create service nyan", "applied", null, 1,
                3));
        assertThat(reopened.reports("a")).contains(new StoredReports("text", "{}", "md"));
    }

    @Test
    void reportsAreKeptApartFromTheHistoryAndLeaveWithTheirRecord() throws IOException {
        HistoryStore store = HistoryStore.open(dir, 2, 1 << 20, T0);
        String big = "change ".repeat(200_000);
        for (String id : List.of("a", "b", "c")) {
            store.save(record(id).running(T0).finished(T0, null, null, List.of(), null, List.of(),
                    new StoredReports(big + id, "{}", "md")));
        }

        assertThat(store.get("c").orElseThrow().reports()).as("memory holds no report").isNull();
        assertThat(Files.size(dir.resolve("history.jsonl"))).isLessThan(10_000);
        assertThat(store.reports("c").orElseThrow().text()).endsWith("c");
        assertThat(store.reports("a")).as("evicted with its record").isEmpty();
        assertThat(HistoryStore.open(dir, 2, 1 << 20, T0).reports("b").orElseThrow().text()).endsWith("b");
    }

    @Test
    void aHistoryThatCannotBeWrittenSaysSoAndStillRemembersTheRecord() throws IOException {
        HistoryStore store = HistoryStore.open(dir, 10, 1 << 20, T0);
        store.save(record("a").running(T0));
        Path file = dir.resolve("history.jsonl");
        Files.deleteIfExists(file);
        Files.createDirectory(file);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(record("a").failed(T0, "x")))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(store.get("a")).isPresent();
        assertThat(store.get("a").orElseThrow().state()).isEqualTo(SyncState.FAILED);
        assertThat(store.writeFailure()).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(record("new")))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(store.get("new")).as("a refused request leaves no record").isEmpty();

        Files.delete(file);
        store.save(record("b"));
        assertThat(store.writeFailure()).isEmpty();
    }

    @Test
    void aPageFarBeyondTheEndIsEmpty() {
        HistoryStore store = HistoryStore.open(dir, 10, 1 << 20, T0);
        store.save(record("a"));

        assertThat(store.list(Integer.MAX_VALUE, 100).items()).isEmpty();
    }

    @Test
    void aSyncLeftRunningByAStoppedProcessIsMarkedFailedOnOpen() {
        HistoryStore store = HistoryStore.open(dir, 10, 1 << 20, T0);
        store.save(record("a").running(T0));
        store.save(record("b"));

        HistoryStore reopened = HistoryStore.open(dir, 10, 1 << 20, T0.plusSeconds(60));

        assertThat(reopened.get("a").orElseThrow().state()).isEqualTo(SyncState.FAILED);
        assertThat(reopened.get("a").orElseThrow().error()).startsWith("kongsync stopped while this sync was running");
        assertThat(reopened.get("b").orElseThrow().error()).startsWith("kongsync stopped while this sync was queued");
        assertThat(HistoryStore.open(dir, 10, 1 << 20, T0).get("a").orElseThrow().state())
                .as("the failure is written, not only remembered").isEqualTo(SyncState.FAILED);
    }

    @Test
    void itKeepsTheNewestRecordsAndCompactsTheFileIntoARotatedOne() throws IOException {
        HistoryStore store = HistoryStore.open(dir, 3, 2_000, T0);
        for (int i = 0; i < 20; i++) {
            store.save(record("r" + i).failed(T0, "x".repeat(100)));
        }

        assertThat(store.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("r19", "r18", "r17");
        assertThat(Files.size(dir.resolve(FileHistoryStore.FILE))).isLessThanOrEqualTo(2_000);
        assertThat(dir.resolve(FileHistoryStore.ROTATED)).exists();
        assertThat(HistoryStore.open(dir, 3, 2_000, T0).list(0, 10).items()).extracting(SyncRecord::id)
                .containsExactly("r19", "r18", "r17");
    }

    @Test
    void aTornLastLineIsSkippedNotFatal() throws IOException {
        HistoryStore store = HistoryStore.open(dir, 10, 1 << 20, T0);
        store.save(record("a").failed(T0, "boom"));
        Files.writeString(dir.resolve(FileHistoryStore.FILE), "{\"id\":\"b\",\"sta", java.nio.file.StandardOpenOption.APPEND);

        HistoryStore reopened = HistoryStore.open(dir, 10, 1 << 20, T0);

        assertThat(reopened.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("a");
        reopened.save(record("c").failed(T0, "later"));
        assertThat(HistoryStore.open(dir, 10, 1 << 20, T0).list(0, 10).items()).extracting(SyncRecord::id)
                .containsExactly("c", "a");
    }
}
