package io.kongsync.inventory;

import io.kongsync.report.SourceLinks;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.plan.Change;
import io.kongsync.plan.Conflict;
import io.kongsync.plan.Plan;
import io.kongsync.plan.ScopeOrder;
import io.kongsync.plan.Sensitivity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the {@link Inventory} from one plan's two states (pure: no I/O). Every entity of either state is one item;
 * its status comes from the plan, so the inventory never disagrees with it: a create is only in the files, an update
 * or a conflict differs, a delete or an entity kongsync does not manage is only in Kong, anything else is in sync.
 *
 * <p>Where an item goes follows Kong as it runs (the files where Kong does not have it): a route under the service it
 * points to, a plugin under its route, else its service, else its consumer, else among the global plugins; a
 * credential under its consumer; a target under its upstream.
 */
public final class InventoryBuilder {

    /**
     * What the states do not say.
     *
     * @param commit       the commit the files were read at; null for a plain directory
     * @param kong         the Kong the current state was read from
     * @param ownershipTag the tag that marks what kongsync manages
     * @param warnings     the plan's warnings, already formatted
     * @param links        links to the files' lines on the git host's web pages
     * @param masking      the run's masking policy (values substituted into the files, secrets of the desired state)
     */
    public record Context(String commit, Inventory.Kong kong, String ownershipTag, List<String> warnings,
                          SourceLinks links, MaskingPolicy masking) {

        public Context {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            links = links == null ? SourceLinks.NONE : links;
            masking = masking == null ? MaskingPolicy.NONE : masking;
        }
    }

    private final State desired;
    private final State current;
    private final Context context;
    private final Facts facts;
    private final Map<EntityKey, Integer> changeIndex = new HashMap<>();
    private final Map<EntityKey, Change> changes = new HashMap<>();
    private final Map<EntityKey, Conflict> conflicts = new HashMap<>();
    private final Map<EntityKey, Node> nodes = new HashMap<>();
    private final Map<String, List<Node>> groups = new LinkedHashMap<>();

    private InventoryBuilder(State desired, State current, Plan plan, Context context) {
        this.desired = desired;
        this.current = current;
        this.context = context;
        this.facts = new Facts(context.masking());
        for (int i = 0; i < plan.changes().size(); i++) {
            Change change = plan.changes().get(i);
            changes.put(change.key(), change);
            changeIndex.put(change.key(), i);
        }
        for (Conflict conflict : plan.conflicts()) {
            conflicts.put(conflict.key(), conflict);
        }
        for (String group : List.of("services", "routes", "consumers", "upstreams", "certificates", "ca_certificates",
                "plugins", "other")) {
            groups.put(group, new ArrayList<>());
        }
    }

    /** The inventory of {@code desired} (the files) and {@code current} (Kong), as {@code plan} compares them. */
    public static Inventory build(State desired, State current, Plan plan, Context context) {
        return new InventoryBuilder(desired, current, plan, context).run();
    }

    private Inventory run() {
        // Keys sort by kind in dependency order, so every parent is placed before what lives under it.
        TreeSet<EntityKey> keys = new TreeSet<>(desired.entities().keySet());
        keys.addAll(current.entities().keySet());
        int[] counts = new int[Status.values().length];
        for (EntityKey key : keys) {
            Node node = node(key, desired.entities().get(key), current.entities().get(key));
            counts[node.status.ordinal()]++;
            nodes.put(key, node);
            place(node);
        }
        Inventory.Summary summary = new Inventory.Summary(counts[Status.IN_SYNC.ordinal()],
                counts[Status.DIFFERS.ordinal()], counts[Status.ONLY_IN_KONG.ordinal()],
                counts[Status.ONLY_IN_FILES.ordinal()]);
        return new Inventory(context.commit(), context.kong(), context.ownershipTag(), summary,
                items("services"), items("routes"), items("consumers"), items("upstreams"), items("certificates"),
                items("ca_certificates"), items("plugins"), items("other"), context.warnings());
    }

    private Node node(EntityKey key, Entity inFiles, Entity inKong) {
        Change change = changes.get(key);
        Conflict conflict = conflicts.get(key);
        Status status;
        boolean managed;
        if (conflict != null) {
            status = Status.DIFFERS;
            managed = false;
        } else if (change != null) {
            status = switch (change.action()) {
                case CREATE -> Status.ONLY_IN_FILES;
                case UPDATE -> Status.DIFFERS;
                case DELETE -> Status.ONLY_IN_KONG;
            };
            managed = true;
        } else if (inFiles != null) {
            status = inKong != null ? Status.IN_SYNC : Status.ONLY_IN_FILES;
            managed = true;
        } else {
            status = Status.ONLY_IN_KONG;
            managed = false;
        }
        Node node = new Node();
        node.key = key;
        node.live = inKong != null ? inKong : inFiles;
        node.name = Sensitivity.displayName(key, inFiles, inKong);
        node.status = status;
        node.managed = managed;
        node.source = inFiles == null ? null : source(inFiles.origin());
        node.change = change == null ? null : new Item.PlannedChange(change.action(), changeIndex.get(key));
        node.conflict = conflict == null ? null : conflict.message();
        node.facts = facts.of(inFiles, inKong);
        for (String collection : childCollections(key.kind())) {
            node.children.put(collection, new ArrayList<>());
        }
        return node;
    }

    private Item.Source source(Origin origin) {
        if (origin == null || origin.equals(Origin.KONG)) {
            return null;
        }
        return new Item.Source(origin.file(), origin.line(), origin.column(), origin.path(), context.commit(),
                context.links().url(origin));
    }

    private static List<String> childCollections(EntityKind kind) {
        return switch (kind) {
            case SERVICE -> List.of("routes", "plugins");
            case ROUTE -> List.of("plugins");
            case CONSUMER -> List.of("credentials", "plugins");
            case UPSTREAM -> List.of("targets");
            default -> List.of();
        };
    }

    private void place(Node node) {
        EntityKey key = node.key;
        Map<String, String> scope = key.scope();
        switch (key.kind()) {
            case SERVICE -> groups.get("services").add(node);
            case UPSTREAM -> groups.get("upstreams").add(node);
            case CONSUMER -> groups.get("consumers").add(node);
            case CERTIFICATE -> groups.get("certificates").add(node);
            case CA_CERTIFICATE -> groups.get("ca_certificates").add(node);
            case ROUTE -> {
                Node service = node.live.field("service") instanceof EntityKey ref ? nodes.get(ref) : null;
                if (!addTo(service, "routes", node)) {
                    groups.get("routes").add(node);
                }
            }
            case PLUGIN -> {
                boolean placed = addTo(parent(EntityKind.ROUTE, scope.get("route")), "plugins", node)
                        || addTo(parent(EntityKind.SERVICE, scope.get("service")), "plugins", node)
                        || addTo(parent(EntityKind.CONSUMER, scope.get("consumer")), "plugins", node);
                if (!placed) {
                    groups.get("plugins").add(node);
                }
            }
            case TARGET -> {
                if (!addTo(parent(EntityKind.UPSTREAM, scope.get("upstream")), "targets", node)) {
                    groups.get("other").add(node);
                }
            }
            default -> {
                boolean credential = key.kind().parent().filter(p -> p == EntityKind.CONSUMER).isPresent();
                if (!credential || !addTo(parent(EntityKind.CONSUMER, scope.get("consumer")), "credentials", node)) {
                    groups.get("other").add(node);
                }
            }
        }
    }

    private Node parent(EntityKind kind, String name) {
        return name == null ? null : nodes.get(EntityKey.of(kind, name));
    }

    private static boolean addTo(Node parent, String collection, Node child) {
        if (parent == null || !parent.children.containsKey(collection)) {
            return false;
        }
        parent.children.get(collection).add(child);
        return true;
    }

    private List<Item> items(String group) {
        return groups.get(group).stream().map(Node::item).toList();
    }

    /** An item while the tree is built: children are added after it is made. */
    private static final class Node {
        EntityKey key;
        Entity live;
        String name;
        Status status;
        boolean managed;
        Item.Source source;
        Item.PlannedChange change;
        String conflict;
        Map<String, Object> facts;
        final Map<String, List<Node>> children = new LinkedHashMap<>();

        Item item() {
            Map<String, List<Item>> items = new LinkedHashMap<>();
            children.forEach((collection, nodes) -> items.put(collection, nodes.stream().map(Node::item).toList()));
            Map<String, Object> shown = new LinkedHashMap<>(facts);
            if (key.kind() == EntityKind.CONSUMER) {
                shown.put("credential_counts", credentialCounts(children.get("credentials")));
            }
            return new Item(key, name, ScopeOrder.entries(key), status, managed, source, change, conflict,
                    anchor(key, name), shown, items);
        }

        private static Map<String, Integer> credentialCounts(List<Node> credentials) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (Node credential : credentials) {
                counts.merge(credential.key.kind().label(), 1, Integer::sum);
            }
            return counts;
        }
    }

    /** {@code kind:name[parent=name,...]}, the parents in alphabetical order, the name as the reports show it. */
    static String anchor(EntityKey key, String shownName) {
        StringBuilder sb = new StringBuilder(key.kind().label()).append(':').append(shownName);
        if (!key.scope().isEmpty()) {
            sb.append('[');
            key.scope().forEach((kind, name) -> sb.append(kind).append('=').append(name).append(','));
            sb.setLength(sb.length() - 1);
            sb.append(']');
        }
        return sb.toString();
    }
}
