package io.kongsync.gokong;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the harness reads go test's verbose output and the list of Enterprise-only tests; needs no Go. */
class GoTestTest {

    @Test
    void theTopLevelVerdictDecides() {
        assertThat(GoTest.classify("TestA", 0, "=== RUN   TestA\n--- PASS: TestA (0.01s)\nPASS\n"))
                .isEqualTo(GoTest.Outcome.PASSED);
        assertThat(GoTest.classify("TestA", 0, "=== RUN   TestA\n--- SKIP: TestA (0.00s)\nPASS\n"))
                .isEqualTo(GoTest.Outcome.SKIPPED);
        assertThat(GoTest.classify("TestA", 1, "=== RUN   TestA\n--- FAIL: TestA (0.01s)\nFAIL\n"))
                .isEqualTo(GoTest.Outcome.FAILED);
    }

    @Test
    void aCrashANonZeroExitOrNoVerdictIsAFailure() {
        assertThat(GoTest.classify("TestA", 2, "=== RUN   TestA\n--- PASS: TestA (0.01s)\npanic: boom\n"))
                .isEqualTo(GoTest.Outcome.FAILED);
        assertThat(GoTest.classify("TestA", 0, "testing: warning: no tests to run\nPASS\n"))
                .isEqualTo(GoTest.Outcome.FAILED);
        assertThat(GoTest.classify("TestA", 0, "=== RUN   TestAB\n--- PASS: TestAB (0.01s)\nPASS\n"))
                .isEqualTo(GoTest.Outcome.FAILED);
        assertThat(GoTest.classify("TestA", 0, "    --- SKIP: TestA/sub (0.00s)\n--- PASS: TestB (0.00s)\n"))
                .isEqualTo(GoTest.Outcome.FAILED);
    }

    @Test
    void theTailKeepsTheAssertionsAndLeavesOutGoroutineStacks() {
        String output = "=== RUN   TestA\n    a_test.go:10: expected nil, got 404\n--- FAIL: TestA (0.01s)\n"
                + "panic: runtime error: invalid memory address or nil pointer dereference [recovered]\n\n"
                + "goroutine 4 [running]:\ntesting.tRunner.func1.2()\n\tsrc/testing/testing.go:1396\n";
        GoTest test = new GoTest("TestA", GoTest.Outcome.FAILED, Duration.ZERO, output);

        assertThat(test.tail(30)).contains("expected nil, got 404", "panic: runtime error")
                .doesNotContain("tRunner").endsWith("(goroutine stacks left out)");
        assertThat(test.tail(2).lines()).hasSize(2);
    }

    @Test
    void everyEnterpriseOnlyEntryNeedsAReason() {
        EnterpriseOnly list = EnterpriseOnly.parse("""
                # comment

                TestWorkspaces   # needs workspaces
                TestAdmins
                TestWorkspaces # again
                not-a-test # reason
                """);

        assertThat(list.reasons()).containsOnly(Map.entry("TestWorkspaces", "needs workspaces"));
        assertThat(list.allows("TestWorkspaces")).isTrue();
        assertThat(list.allows("TestAdmins")).isFalse();
        assertThat(list.problems()).containsExactly("line 4: TestAdmins has no '# reason'",
                "line 5: TestWorkspaces is listed twice", "line 6: not a Go test name: not-a-test");
    }

    @Test
    void theCheckedInListParses() {
        assertThat(EnterpriseOnly.load().problems()).isEmpty();
    }
}
