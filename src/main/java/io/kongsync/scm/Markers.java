package io.kongsync.scm;

/**
 * The hidden first line that makes a comment kongsync's, so it is found again after restarts and edited in place.
 * GitHub and GitLab render HTML and hide an HTML comment; Bitbucket shows raw HTML as text, so there the marker is an
 * unused markdown link reference definition, which CommonMark renders as nothing. Either marker is recognised on
 * every provider.
 */
final class Markers {

    static final String HTML = "<!-- kongsync:plan -->";
    static final String MARKDOWN = "[//]: # (kongsync:plan)";

    private Markers() {
    }

    /** Whether the comment's first line is one of kongsync's markers. */
    static boolean ours(String body) {
        if (body == null) {
            return false;
        }
        String text = body.stripLeading();
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        return first.equals(HTML) || first.equals(MARKDOWN);
    }
}
