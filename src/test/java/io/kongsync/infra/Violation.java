package io.kongsync.infra;

/** One broken rule: the file relative to the checked root, its line (0 for the whole file) and what is wrong. */
record Violation(Rule rule, String file, int line, String message) {

    /** {@code file:line}, the form a fixture's expected.txt lists. */
    String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return location() + ": " + rule + ": " + message;
    }
}
