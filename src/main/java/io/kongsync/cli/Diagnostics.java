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

    /** Prints each warning as {@code warning: FILE:LINE:COL: PATH: message}. */
    static void printWarnings(List<Diagnostic> warnings, PrintWriter err) {
        for (Diagnostic w : warnings) {
            err.println("warning: " + w.format());
        }
        err.flush();
    }

    /**
     * With {@code --strict}, warnings stop the command: prints why and returns true when there are any.
     */
    static boolean strictStop(boolean strict, List<Diagnostic> warnings, PrintWriter err, String consequence) {
        if (!strict || warnings.isEmpty()) {
            return false;
        }
        err.printf("%d warning%s and --strict: %s%n", warnings.size(), warnings.size() == 1 ? "" : "s", consequence);
        err.flush();
        return true;
    }
}
