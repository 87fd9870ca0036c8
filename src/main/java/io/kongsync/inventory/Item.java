package io.kongsync.inventory;

import io.kongsync.model.EntityKey;
import io.kongsync.plan.Action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity of the inventory and what lives under it.
 *
 * @param key      its identity (never shown as such: its name may be a secret)
 * @param name     the name to show, {@code (sensitive)} when the identity is a secret
 * @param scope    parent kind to parent name, parents in dependency order
 * @param managed  kongsync manages it: declared in the files and, when in Kong, tagged as kongsync's
 * @param source   where the files declare it; null when they do not
 * @param change   the plan's change to it; null when the plan leaves it alone
 * @param conflict why kongsync leaves it alone although the files declare it; null when there is no conflict
 * @param anchor   its identity as the plan report shows it ({@code route:orders-read},
 *                 {@code plugin:acl[route=orders-write]}): how a view finds its change or conflict in the plan
 * @param facts    what identifies it beyond its name (a route's hosts, paths and methods ...), never a secret
 * @param children what lives under it, by collection name ({@code routes}, {@code plugins}, {@code targets} ...)
 */
public record Item(EntityKey key, String name, List<Map.Entry<String, String>> scope, Status status, boolean managed,
                   Source source, PlannedChange change, String conflict, String anchor, Map<String, Object> facts,
                   Map<String, List<Item>> children) {

    public Item {
        scope = List.copyOf(scope);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Map<String, List<Item>> copy = new LinkedHashMap<>();
        children.forEach((collection, items) -> copy.put(collection, List.copyOf(items)));
        children = Collections.unmodifiableMap(copy);
    }

    public String kind() {
        return key.kind().label();
    }

    /**
     * Where an entity is written.
     *
     * @param commit the commit the files were read at; null for a plain directory
     * @param url    a web page showing the line at that commit, when the repository is on a host kongsync knows how to
     *               link to; else null
     */
    public record Source(String file, int line, int column, String path, String commit, String url) {
    }

    /**
     * The plan's change to an entity.
     *
     * @param index its position in the plan's {@code changes}, as the JSON plan report lists them
     */
    public record PlannedChange(Action action, int index) {
    }
}
