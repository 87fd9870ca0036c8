package io.kongsync.sandbox;

import java.util.Collection;
import java.util.List;

/** {@code ?tags=a,b} (all of) or {@code ?tags=a/b} (any of), at most five (kong-admin-api.md 2.4). */
record TagFilter(List<String> tags, boolean all) {

    /** The filter of a query, null without {@code tags}; code 11 errors for bad syntax. */
    static TagFilter parse(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty()) {
            throw ApiError.options("tags", "cannot be null");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // Kong's filter patterns take printable ASCII and UTF-8 only
                throw ApiError.options("tags", "invalid filter syntax");
            }
        }
        boolean and = raw.indexOf(',') >= 0;
        boolean or = raw.indexOf('/') >= 0;
        if (and && or) {
            throw ApiError.options("tags", "invalid filter syntax");
        }
        List<String> tags = List.of(raw.split(and ? "," : "/", -1));
        for (String t : tags) {
            if (t.isEmpty()) {
                throw ApiError.options("tags", "invalid filter syntax");
            }
        }
        if (tags.size() > 5) {
            throw ApiError.options("tags", "cannot query more than 5 tags");
        }
        return new TagFilter(tags, !or);
    }

    boolean matches(Object rowTags) {
        if (!(rowTags instanceof Collection<?> have)) {
            return false;
        }
        for (String t : tags) {
            boolean has = have.contains(t);
            if (all && !has) {
                return false;
            }
            if (!all && has) {
                return true;
            }
        }
        return all;
    }
}
