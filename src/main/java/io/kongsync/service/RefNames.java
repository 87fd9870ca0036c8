package io.kongsync.service;

import java.util.regex.Pattern;

/**
 * What a requested ref may be, checked before git is touched: a branch, tag or commit id named as git's
 * {@code check-ref-format} allows, with no revision syntax ({@code HEAD~1}, {@code main^}, {@code @{1}}) and no path
 * tricks ({@code ../}). Pushes carry a full commit id ({@link #requireCommitId}).
 */
public final class RefNames {

    static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/@+-]+");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** A ref that cannot be asked for. The message never repeats the value, which may be long or hostile. */
    public static final class InvalidRef extends IllegalArgumentException {
        InvalidRef(String message) {
            super(message, null);
        }
    }

    private RefNames() {
    }

    /** @return the ref trimmed, or null for blank (the branch's head) */
    public static String checked(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        String r = ref.trim();
        if (r.length() > MAX_LENGTH || !ALLOWED.matcher(r).matches() || r.contains("..") || r.contains("//")
                || r.contains("@{") || r.contains("/.") || r.startsWith(".") || r.startsWith("/")
                || r.startsWith("-") || r.endsWith("/") || r.endsWith(".") || r.endsWith(".lock")) {
            throw new InvalidRef("ref must be a branch, tag or commit id as git names them (letters, digits and "
                    + "._/@+-, at most " + MAX_LENGTH + " characters, no '..', no revision syntax such as HEAD~1)");
        }
        return r;
    }

    /** A full commit id: 40 hex digits (SHA-1) or 64 (SHA-256), lower case, as every provider sends them. */
    public static String requireCommitId(String commit, String what) {
        if (commit == null || !COMMIT_ID.matcher(commit).matches()) {
            throw new InvalidRef(what + " must be a full commit id (40 or 64 lower-case hex digits)");
        }
        return commit;
    }
}
