package io.kongsync.model;

/**
 * Where something was written: a file, a position in it and the path inside the document,
 * e.g. {@code routes/nyan.yaml:12:7 services[0].routes[1].paths[0]}.
 * Entities read from Kong have {@link #KONG} as origin.
 */
public record Origin(String file, int line, int column, String path) {

    public static final Origin KONG = new Origin("kong", 0, 0, "");

    public boolean hasPosition() {
        return line > 0;
    }

    /** {@code FILE:LINE:COL} or just the file when the position is unknown. */
    public String position() {
        return hasPosition() ? file + ":" + line + ":" + column : file;
    }
}
