package io.kongsync.validate;

import io.kongsync.model.Origin;

/**
 * One problem found in the input, printed as {@code FILE:LINE:COL: PATH: message}, e.g.
 * {@code routes/nyan.yaml:14:9: services[0].routes[0].paths[0]: must start with '/' or '~'}.
 */
public record Diagnostic(Origin origin, String message) implements Comparable<Diagnostic> {

    public String format() {
        String path = origin.path();
        return origin.position() + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = origin.file().compareTo(o.origin.file());
        if (c == 0) {
            c = Integer.compare(origin.line(), o.origin.line());
        }
        if (c == 0) {
            c = Integer.compare(origin.column(), o.origin.column());
        }
        return c != 0 ? c : format().compareTo(o.format());
    }

    @Override
    public String toString() {
        return format();
    }
}
