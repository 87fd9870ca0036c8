package io.kongsync.cli;

import io.kongsync.validate.Diagnostic;

import java.io.PrintWriter;
import java.util.List;

final class Diagnostics {

    private Diagnostics() {
    }

    /** Prints every problem, one per line, then a count. Returns true when there was any. */
    static boolean print(List<Diagnostic> diagnostics, PrintWriter err) {
        if (diagnostics.isEmpty()) {
            return false;
        }
        for (Diagnostic d : diagnostics) {
            err.println(d.format());
        }
        err.printf("%d problem%s found; nothing was applied.%n", diagnostics.size(), diagnostics.size() == 1 ? "" : "s");
        err.flush();
        return true;
    }
}
