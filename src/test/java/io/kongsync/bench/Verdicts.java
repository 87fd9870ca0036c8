package io.kongsync.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Each scenario's figure against its target, printed as it is judged and again as one table at the end. */
final class Verdicts {

    record Verdict(String scenario, String figure, String target, String result) {
    }

    private final List<Verdict> verdicts = new ArrayList<>();
    private final PrintStream out;

    Verdicts(PrintStream out) {
        this.out = out;
    }

    void judge(String scenario, String figure, String target, boolean met) {
        add(new Verdict(scenario, figure, target, met ? "MET" : "MISSED"));
    }

    /** A scenario that could not be measured counts as missed, with the reason as its figure. */
    void failed(String scenario, String target, Exception e) {
        add(new Verdict(scenario, "not measured: " + e.getMessage(), target, "MISSED"));
    }

    private void add(Verdict v) {
        verdicts.add(v);
        out.printf("  => %s: %s; target %s: %s%n", v.scenario(), v.figure(), v.target(), v.result());
        out.flush();
    }

    void printTable() {
        out.println("| Scenario | Figure | Target | Result |");
        out.println("|---|---|---|---|");
        for (Verdict v : verdicts) {
            out.printf("| %s | %s | %s | %s |%n", v.scenario(), v.figure(), v.target(), v.result());
        }
        long met = verdicts.stream().filter(v -> v.result().equals("MET")).count();
        out.printf("%d of %d targets met%n", met, verdicts.size());
    }
}
