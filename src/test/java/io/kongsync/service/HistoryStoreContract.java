package io.kongsync.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link HistoryStore} does, whatever keeps it: run against the files ({@link FileHistoryStoreContractTest})
 * and PostgreSQL ({@code io.kongsync.store.PostgresHistoryStoreTest}).
 */
public abstract class HistoryStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    /** The store on this test's backing files or database; a second call opens the same again (a restart). */
    protected abstract HistoryStore open(int maxRecords, Instant now);

    protected static SyncRecord record(String id) {
        return SyncRecord.queued(id, new SyncRequest(Trigger.API, false, null, "test"), T0);
    }

    private static SyncRecord finished(String id, boolean dryRun) {
        return SyncRecord.queued(id, new SyncRequest(Trigger.API, dryRun, null, "test"), T0).running(T0)
                .finished(T0.plusSeconds(1), new PlanSummary(1, 0, 0, 0), dryRun ? null : true, List.of(), null,
                        List.of(), new StoredReports("text " + id, "{}", "md"));
    }

    @Test
    public void recordsAreReadBackAfterReopeningWithTheirLastState() {
        HistoryStore store = open(10, T0);
        SyncRecord running = record("a").running(T0);
        store.save(running);
        store.save(running.finished(T0.plusSeconds(2), new PlanSummary(1, 0, 0, 0), true,
                List.of(new OperationRecord("create service nyan", "applied", null, 1, 3)), null, List.of(),
                new StoredReports("text", "{}", "md")));

        HistoryStore reopened = open(10, T0.plusSeconds(60));

        SyncRecord read = reopened.get("a").orElseThrow();
        assertThat(read.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(read.durationMillis()).isEqualTo(2000);
        assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(read.reports()).as("records come without their reports").isNull();
        assertThat(read.operations()).containsExactly(new OperationRecord("create service nyan", "applied", null, 1,
                3));
        assertThat(reopened.reports("a")).contains(new StoredReports("text", "{}", "md"));
        assertThat(reopened.writeFailure()).isEmpty();
    }

    @Test
    public void reportsLeaveWithTheirRecord() {
        HistoryStore store = open(2, T0);
        for (String id : List.of("a", "b", "c")) {
            store.save(finished(id, false));
        }

        assertThat(store.reports("c").orElseThrow().text()).isEqualTo("text c");
        assertThat(store.reports("a")).as("evicted with its record").isEmpty();
        assertThat(store.get("a")).isEmpty();
        assertThat(open(2, T0).reports("b").orElseThrow().text()).isEqualTo("text b");
    }

    @Test
    public void aRecordWithoutAReportHasNone() {
        HistoryStore store = open(10, T0);
        store.save(record("a"));

        assertThat(store.reports("a")).isEmpty();
        assertThat(store.reports("unknown")).isEmpty();
        assertThat(store.get("unknown")).isEmpty();
    }

    @Test
    public void pagesAreNewestFirstWithTheTotal() {
        HistoryStore store = open(10, T0);
        for (int i = 0; i < 5; i++) {
            store.save(record("r" + i));
        }

        assertThat(store.list(0, 2).items()).extracting(SyncRecord::id).containsExactly("r4", "r3");
        assertThat(store.list(1, 2).items()).extracting(SyncRecord::id).containsExactly("r2", "r1");
        HistoryStore.Page last = store.list(2, 2);
        assertThat(last.items()).extracting(SyncRecord::id).containsExactly("r0");
        assertThat(last.total()).isEqualTo(5);
        assertThat(last.page()).isEqualTo(2);
        assertThat(last.size()).isEqualTo(2);
    }

    @Test
    public void aRecordKeepsItsPlaceWhenItsStateChanges() {
        HistoryStore store = open(10, T0);
        store.save(record("a"));
        store.save(record("b"));
        store.save(record("a").running(T0).failed(T0.plusSeconds(1), "boom"));

        assertThat(store.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("b", "a");
        assertThat(store.list(0, 10).items().get(1).error()).isEqualTo("boom");
    }

    @Test
    public void aPageFarBeyondTheEndIsEmpty() {
        HistoryStore store = open(10, T0);
        store.save(record("a"));

        assertThat(store.list(Integer.MAX_VALUE, 100).items()).isEmpty();
        assertThat(store.list(Integer.MAX_VALUE, 100).total()).isEqualTo(1);
    }

    @Test
    public void aSyncLeftRunningByAStoppedProcessIsMarkedFailedOnOpen() {
        HistoryStore store = open(10, T0);
        store.save(record("a").running(T0));
        store.save(record("b"));

        HistoryStore reopened = open(10, T0.plusSeconds(60));

        assertThat(reopened.get("a").orElseThrow().state()).isEqualTo(SyncState.FAILED);
        assertThat(reopened.get("a").orElseThrow().error()).startsWith("kongsync stopped while this sync was running");
        assertThat(reopened.get("b").orElseThrow().error()).startsWith("kongsync stopped while this sync was queued");
        assertThat(open(10, T0).get("a").orElseThrow().state())
                .as("the failure is written, not only remembered").isEqualTo(SyncState.FAILED);
    }

    @Test
    public void itKeepsTheNewestRecords() {
        HistoryStore store = open(3, T0);
        for (int i = 0; i < 20; i++) {
            store.save(record("r" + i).failed(T0, "x".repeat(100)));
        }

        assertThat(store.list(0, 10).items()).extracting(SyncRecord::id).containsExactly("r19", "r18", "r17");
        assertThat(store.list(0, 10).total()).isEqualTo(3);
        assertThat(open(3, T0).list(0, 10).items()).extracting(SyncRecord::id)
                .containsExactly("r19", "r18", "r17");
    }

    @Test
    public void theLastSyncIsTheNewestFinishedSyncNotADryRun() {
        HistoryStore store = open(10, T0);
        assertThat(store.lastSync()).isEmpty();
        store.save(finished("s1", false));
        store.save(finished("d1", true));
        store.save(record("s2").running(T0));

        assertThat(store.lastSync()).map(SyncRecord::id).contains("s1");
        store.save(finished("s2", false));
        assertThat(store.lastSync()).map(SyncRecord::id).contains("s2");
    }

    @Test
    public void everyFieldOfARecordSurvives() {
        HistoryStore store = open(10, T0);
        PullRequestRecord pr = new PullRequestRecord(io.kongsync.scm.ScmApi.GITHUB, "acme/routes", 7,
                "a".repeat(40), "b".repeat(40), "c".repeat(40), "https://github.com/acme/routes", "feature",
                null, "tree-1");
        SyncRecord rich = SyncRecord.queued("pr-1", SyncRequest.pullRequest(pr, "GitHub pull request #7"), T0)
                .running(T0).atCommit("a".repeat(40), "first line")
                .withWarningsAndNodes(List.of("a warning"), List.of())
                .finished(T0.plusMillis(1500), new PlanSummary(1, 2, 3, 0), null, List.of(), null,
                        List.of("f.yaml:1:1: $: problem"), null)
                .withPlannedPullRequest(pr, new PlanFingerprint(List.of(new PlanFingerprint.Change(
                        "create service nyan", "00ff"))))
                .withReview(new ReviewRecord("changes", "1 change", true, List.of()));
        store.save(rich);

        assertThat(open(10, T0).get("pr-1")).contains(rich);
    }
}
