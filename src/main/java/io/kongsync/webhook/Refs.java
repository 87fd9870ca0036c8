package io.kongsync.webhook;

/** Git ref names as payloads spell them. */
final class Refs {

    static final String HEADS = "refs/heads/";
    static final String TAGS = "refs/tags/";
    /** Bitbucket Cloud abbreviates the commits of pull-request payloads to this many hex digits. */
    static final int BITBUCKET_CLOUD_ABBREVIATION = 12;
    private static final java.util.regex.Pattern COMMIT_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    private Refs() {
    }

    /** The all-zero object id providers send as the "after" of a deletion or the "before" of a creation. */
    static boolean isZero(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
    }

    /** A full commit id as providers send them: 40 hex digits (SHA-1) or 64 (SHA-256). */
    static boolean isCommitId(String sha) {
        return sha != null && COMMIT_ID.matcher(sha).matches();
    }

    static String describe(String ref) {
        if (ref.startsWith(TAGS)) {
            return "tag " + ref.substring(TAGS.length());
        }
        if (ref.startsWith(HEADS)) {
            return "branch " + ref.substring(HEADS.length());
        }
        return "ref " + ref;
    }
}
