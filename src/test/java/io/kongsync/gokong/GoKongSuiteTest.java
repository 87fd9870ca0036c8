package io.kongsync.gokong;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.testsupport.CiRequirement;
import io.kongsync.testsupport.Processes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Kong's own Go client, go-kong, as a second opinion on the sandbox: its Admin API tests run one at a time, each
 * against a fresh sandbox on localhost:8001, and any failure fails this test unless
 * src/test/resources/gokong/enterprise-only.txt lists it. The binary comes from Debian's sources, offline (see
 * {@link GoKongBinary}). Without Go or those sources, or when another process holds port 8001, the test says why and
 * is skipped, or fails when CI is set.
 * <p>
 * What go-kong 0.15's tests expect of their surroundings:
 * <ul>
 * <li>The Admin API at http://localhost:8001, hard-coded as the client's default base URL; the tests never pass
 * another one and read no variable naming it. So this test needs that port.</li>
 * <li>One environment variable, KONG_ADMIN_TOKEN, sent as the kong-admin-token header when set; it is removed.</li>
 * <li>The Kong version from GET /: tests gated on a version range compare it (major.minor) and skip outside it;
 * Enterprise-only tests skip unless the version says "enterprise-edition" (and, for RBAC, GET /'s
 * configuration.rbac is "on").</li>
 * <li>Their TestMain sets the client's page size to 1, so every ListAll pages through offsets.</li>
 * <li>No "integration" build tag: the Admin API tests are in package kong untagged, beside a few offline unit
 * tests. Files tagged "enterprise" (admins, mTLS auth, workspaces) are not compiled.</li>
 * </ul>
 * A fresh sandbox per test (start and stop take milliseconds in-process) keeps one test's leftovers or a broken
 * state out of the next.
 */
class GoKongSuiteTest {

    private static final int TAIL_LINES = 30;

    @Test
    void goKongsAdminApiTestsPassAgainstTheSandbox() {
        GoKongBinary.Built built = GoKongBinary.require();
        List<String> tests = list(built.binary());
        EnterpriseOnly allowed = EnterpriseOnly.load();
        assertThat(allowed.problems()).as(EnterpriseOnly.RESOURCE).isEmpty();
        assertThat(allowed.reasons().keySet()).as("tests in %s that go-kong does not have", EnterpriseOnly.RESOURCE)
                .isSubsetOf(tests);
        EnterpriseOnly notKong39 = EnterpriseOnly.load(EnterpriseOnly.NOT_KONG_39);
        assertThat(notKong39.problems()).as(EnterpriseOnly.NOT_KONG_39).isEmpty();
        assertThat(notKong39.reasons().keySet()).as("tests in %s that go-kong does not have", EnterpriseOnly.NOT_KONG_39)
                .isSubsetOf(tests);
        if (AdminPort.inUse()) {
            portTaken("");
        }

        long started = System.nanoTime();
        long sandboxNanos = 0;
        List<GoTest> results = new ArrayList<>();
        for (String test : tests) {
            long before = System.nanoTime();
            Sandbox sandbox = AdminPort.startSandbox();
            sandboxNanos += System.nanoTime() - before;
            if (sandbox == null) {
                portTaken(" (taken during the run, after " + results.size() + " of " + tests.size() + " tests)");
            }
            try {
                results.add(GoTest.run(built.binary(), built.sources(), test));
            } finally {
                before = System.nanoTime();
                sandbox.close();
                sandboxNanos += System.nanoTime() - before;
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);

        List<GoTest> failed = results.stream().filter(r -> r.outcome() == GoTest.Outcome.FAILED).toList();
        List<GoTest> disallowed = failed.stream()
                .filter(r -> !allowed.allows(r.name()) && !notKong39.allows(r.name())).toList();
        // a test listed as failing against Kong 3.9 that passes means the sandbox is no longer Kong 3.9
        List<String> stale = notKong39.reasons().keySet().stream()
                .filter(name -> results.stream().anyMatch(r -> r.name().equals(name) && r.outcome() != GoTest.Outcome.FAILED))
                .toList();
        System.out.printf(Locale.ROOT,
                "go-kong %s: %d passed, %d skipped, %d failed (%d allowed: Enterprise-only or not Kong 3.9's behaviour) in %.1f s%n",
                built.version(), count(results, GoTest.Outcome.PASSED), count(results, GoTest.Outcome.SKIPPED),
                failed.size(), failed.size() - disallowed.size(), total.toMillis() / 1000.0);
        System.out.printf("go-kong: %s; %d sandboxes started and stopped in %d ms in all%n",
                built.compileTime().isZero() ? "test binary reused" : "test binary compiled in "
                        + built.compileTime().toMillis() + " ms", tests.size(), sandboxNanos / 1_000_000);
        System.out.printf("go-kong: skipped %s%n", String.join(", ", results.stream()
                .filter(r -> r.outcome() == GoTest.Outcome.SKIPPED).map(GoTest::name).toList()));
        allowed.reasons().keySet().stream()
                .filter(name -> failed.stream().noneMatch(r -> r.name().equals(name)))
                .forEach(name -> System.out.printf("go-kong: %s is listed in %s but did not fail%n", name,
                        EnterpriseOnly.RESOURCE));

        assertThat(stale).as("tests listed in %s as failing against Kong 3.9.1 that passed against the sandbox",
                EnterpriseOnly.NOT_KONG_39).isEmpty();
        if (!disallowed.isEmpty()) {
            StringBuilder report = new StringBuilder();
            report.append(disallowed.size()).append(" of go-kong's tests failed against the sandbox: ")
                    .append(String.join(", ", disallowed.stream().map(GoTest::name).toList())).append('\n');
            for (GoTest test : disallowed) {
                report.append(String.format("%n==== %s (%d ms; the last %d lines)%n%s%n", test.name(),
                        test.time().toMillis(), TAIL_LINES, test.tail(TAIL_LINES)));
            }
            fail(report.toString());
        }
    }

    /** The binary's test names ({@code -test.list .}), in its order. */
    private static List<String> list(Path binary) {
        Processes.Result listing = Processes.run(binary.getParent(), Map.of(),
                List.of(binary.toString(), "-test.list", "."), Duration.ofMinutes(1));
        assertThat(listing.succeeded()).as("%s -test.list: %s", binary, listing.output()).isTrue();
        List<String> tests = listing.stdout().lines().map(String::strip).filter(name -> name.startsWith("Test"))
                .toList();
        assertThat(tests).as("go-kong's tests").isNotEmpty();
        return tests;
    }

    private static long count(List<GoTest> results, GoTest.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Never returns: fails on CI, aborts (skips) the test elsewhere, saying plainly why. */
    private static void portTaken(String when) {
        System.err.println(AdminPort.IN_USE + when);
        if (CiRequirement.onCi()) {
            fail(AdminPort.IN_USE + when);
        }
        abort(AdminPort.IN_USE + when);
    }
}
