package io.kongsync.webhook;

/** Git ref names as payloads spell them. */
final class Refs {

    static final String HEADS = "refs/heads/";
    static final String TAGS = "refs/tags/";

    private Refs() {
    }

    /** The all-zero object id providers send as the "after" of a deletion or the "before" of a creation. */
    static boolean isZero(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
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
