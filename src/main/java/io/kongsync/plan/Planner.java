package io.kongsync.plan;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes what it takes to make Kong ({@code current}) match the files ({@code desired}). Pure and deterministic:
 * no I/O, and the same input always gives the same plan.
 *
 * <p>Ownership: an entity in Kong is managed when its tags contain the ownership tag and every select tag. Managed
 * entities missing from the files are deleted; unmanaged ones are never touched, and one the files also declare is
 * reported as a {@link Conflict} instead of being taken over. Against a DB-less Kong kongsync owns everything
 * ({@link PlanOptions#ownsAll()}).
 */
public final class Planner {

    private static final EntityKind[] KINDS = EntityKind.values();

    private final State desired;
    private final State current;
    private final PlanOptions options;
    private final SchemaLookup schemas = new SchemaLookup();
    private final FieldDiff diff;

    private final List<List<Change>> deletesByKind = new ArrayList<>();
    private final List<Change> upserts = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Map<String, String> routeServices = new HashMap<>();

    private Planner(State desired, State current, PlanOptions options) {
        this.desired = desired;
        this.current = current;
        this.options = options;
        this.diff = new FieldDiff(schemas, desired, current);
        for (int i = 0; i < KINDS.length; i++) {
            deletesByKind.add(new ArrayList<>());
        }
    }

    public static Plan plan(State desired, State current) {
        return plan(desired, current, PlanOptions.defaults());
    }

    public static Plan plan(State desired, State current, PlanOptions options) {
        return new Planner(desired, current, options).run();
    }

    /**
     * Both states iterate in key order (a State is sorted by {@link io.kongsync.model.EntityKey}, kind first), so one
     * merge pass pairs the entities and emits creates and updates already in apply order.
     */
    private Plan run() {
        Iterator<Entity> desiredIt = desired.entities().values().iterator();
        Iterator<Entity> currentIt = current.entities().values().iterator();
        Entity d = next(desiredIt);
        Entity c = next(currentIt);
        while (d != null || c != null) {
            noteRouteService(c, false);
            noteRouteService(d, true);
            int order = d == null ? 1 : c == null ? -1 : compare(d.key(), c.key());
            if (order < 0) {
                upserts.add(new Change(Action.CREATE, d.key(), diff.create(d), d, null));
                d = next(desiredIt);
            } else if (order > 0) {
                if (isManaged(c)) {
                    deletesByKind.get(c.kind().ordinal()).add(new Change(Action.DELETE, c.key(), List.of(), null, c));
                }
                c = next(currentIt);
            } else {
                inBoth(d, c);
                d = next(desiredIt);
                c = next(currentIt);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (int i = KINDS.length - 1; i >= 0; i--) {
            changes.addAll(deletesByKind.get(i));
        }
        changes.addAll(upserts);
        return new Plan(changes, conflicts, routeServices);
    }

    /** The files' service wins over Kong's. */
    private void noteRouteService(Entity entity, boolean inFiles) {
        if (entity != null && entity.kind() == EntityKind.ROUTE
                && entity.field("service") instanceof EntityKey service) {
            if (inFiles) {
                routeServices.put(entity.key().name(), service.name());
            } else {
                routeServices.putIfAbsent(entity.key().name(), service.name());
            }
        }
    }

    private void inBoth(Entity d, Entity c) {
        if (!isManaged(c)) {
            conflicts.add(new Conflict(d.key(), d, c, conflictMessage(d, c)));
            return;
        }
        List<FieldChange> fields = diff.update(d, c);
        if (!fields.isEmpty()) {
            upserts.add(new Change(Action.UPDATE, d.key(), fields, d, c));
        }
    }

    private boolean isManaged(Entity entity) {
        return options.manages(entity);
    }

    private String conflictMessage(Entity d, Entity c) {
        List<String> missing = new ArrayList<>();
        Set<String> tags = c.tags();
        if (!tags.contains(options.ownershipTag())) {
            missing.add(options.ownershipTag());
        }
        options.selectTags().stream().sorted().filter(t -> !tags.contains(t)).forEach(missing::add);
        String name = Sensitivity.isNameSecret(schemas, d.key(), d, c) ? MaskingPolicy.MASK : d.key().name();
        String scope = ScopeOrder.describe(d.key());
        return d.kind().label() + ' ' + name + (scope.isEmpty() ? "" : " (" + scope + ")")
                + " exists in Kong without the tag" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + "; kongsync will not take it over. Tag it, rename it in the files, or delete it in Kong.";
    }

    /** Most pairs match; equals is far cheaper than the full ordering (which renders the scope as text). */
    private static int compare(EntityKey a, EntityKey b) {
        return a.equals(b) ? 0 : a.compareTo(b);
    }

    private static Entity next(Iterator<Entity> it) {
        return it.hasNext() ? it.next() : null;
    }
}
