package io.kongsync.dump;

import java.util.Objects;
import java.util.Set;

/**
 * What to dump.
 *
 * @param ownershipTag     the tag that marks what kongsync manages; removed from the written tags
 * @param selectTags       only entities carrying all of these are written; written as {@code _info.select_tags} and
 *                         removed from every entity's tags
 * @param includeUnmanaged also write entities without the ownership tag (the select tags still apply)
 */
public record DumpOptions(String ownershipTag, Set<String> selectTags, boolean includeUnmanaged) {

    public DumpOptions {
        Objects.requireNonNull(ownershipTag, "ownershipTag");
        selectTags = selectTags == null ? Set.of() : Set.copyOf(selectTags);
    }
}
