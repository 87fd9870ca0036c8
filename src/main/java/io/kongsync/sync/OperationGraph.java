package io.kongsync.sync;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a plan's changes by what each needs, not by entity kind, so independent writes run side by side:
 * <ul>
 *   <li>a create or update waits for the creates and updates of the entities it references (a route waits for its
 *       service);</li>
 *   <li>a delete waits for every change to an entity that references it in Kong now (a service's routes are deleted
 *       or moved away first, because Kong refuses to delete a service that routes still use);</li>
 *   <li>a create or update waits for the delete of an entity of its kind holding one of its unique values (a
 *       consumer's {@code custom_id} moving to a new consumer).</li>
 * </ul>
 * Every edge points from a change to changes of kinds earlier in {@link EntityKind}'s order, or from an upsert to a
 * delete whose own edges point to later kinds, so the graph has no cycle.
 */
public final class OperationGraph {

    private OperationGraph() {
    }

    public static List<Operation> of(Plan plan) {
        List<Change> changes = plan.changes();
        Map<EntityKey, Integer> upsertOf = new HashMap<>();
        Map<EntityKey, List<Integer>> changesReferencing = new HashMap<>();
        Map<String, List<Integer>> deletesHolding = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (c.action() == Action.DELETE) {
                for (String value : uniqueValues(c.current())) {
                    deletesHolding.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
                }
            } else {
                upsertOf.put(c.key(), i);
            }
            if (c.current() != null) {
                for (EntityKey ref : references(c.current())) {
                    changesReferencing.computeIfAbsent(ref, k -> new ArrayList<>()).add(i);
                }
            }
        }
        List<Operation> operations = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            Set<Integer> needs = new LinkedHashSet<>();
            if (c.action() == Action.DELETE) {
                needs.addAll(changesReferencing.getOrDefault(c.key(), List.of()));
            } else {
                for (EntityKey ref : references(c.desired())) {
                    Integer parent = upsertOf.get(ref);
                    if (parent != null) {
                        needs.add(parent);
                    }
                }
                for (String value : uniqueValues(c.desired())) {
                    needs.addAll(deletesHolding.getOrDefault(value, List.of()));
                }
            }
            needs.remove(i);
            operations.add(new Operation(i, c, new ArrayList<>(needs)));
        }
        return operations;
    }

    /** The entities this one points to: its foreign keys (top-level fields holding keys). */
    static Set<EntityKey> references(Entity entity) {
        Set<EntityKey> refs = new LinkedHashSet<>();
        for (Object value : entity.fields().values()) {
            if (value instanceof EntityKey key) {
                refs.add(key);
            }
        }
        return refs;
    }

    private static List<String> uniqueValues(Entity entity) {
        List<String> fields = entity.kind().spec().uniqueFields();
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            Object value = entity.field(field);
            if (value instanceof Collection<?> many) {
                many.forEach(v -> values.add(entity.kind() + "." + field + "=" + v));
            } else if (value != null) {
                values.add(entity.kind() + "." + field + "=" + value);
            }
        }
        return values;
    }
}
