package io.kongsync.plan;

import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How an entity's scope is shown: parents in dependency order ({@code route r, consumer c}), not alphabetically,
 * so every report and message reads the same way.
 */
public final class ScopeOrder {

    private static final Comparator<Map.Entry<String, String>> BY_PARENT_KIND =
            Comparator.<Map.Entry<String, String>>comparingInt(e -> rank(e.getKey()))
                    .thenComparing(Map.Entry::getKey);

    private ScopeOrder() {
    }

    private static int rank(String label) {
        return EntityKind.fromLabel(label).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    /** The scope entries (parent kind label to parent name) in display order. */
    public static List<Map.Entry<String, String>> entries(EntityKey key) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(key.scope().entrySet());
        entries.sort(BY_PARENT_KIND);
        return entries;
    }

    /** {@code "service nyan"}, {@code "route r, consumer c"}; empty for a top-level entity. */
    public static String describe(EntityKey key) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : entries(key)) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }
}
