package io.kongsync.scm;

/** Commit-status descriptions: one line, cut to the provider's limit. */
final class Descriptions {

    /**
     * GitLab and Bitbucket document no limit for a status description; their columns are short strings, so kongsync
     * keeps descriptions to this many characters there (an assumption, not a documented limit).
     */
    static final int SAFE_LIMIT = 255;

    private Descriptions() {
    }

    /** The description on one line, at most {@code limit} UTF-16 code units, an ellipsis marking a cut. */
    static String cut(String description, int limit) {
        String line = description.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        if (line.length() <= limit) {
            return line;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }
}
