package io.kongsync.sync;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kongsync.plan.Fixtures.entity;
import static io.kongsync.plan.Fixtures.key;
import static io.kongsync.plan.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

class OperationGraphTest {

    private static final EntityKey NYAN = EntityKey.of(EntityKind.SERVICE, "nyan");
    private static final EntityKey ORDERS = EntityKey.of(EntityKind.SERVICE, "orders");

    private static Change create(Entity e) {
        return new Change(Action.CREATE, e.key(), List.of(), e, null);
    }

    private static Change delete(Entity e) {
        return new Change(Action.DELETE, e.key(), List.of(), null, e);
    }

    private static Change update(Entity from, Entity to) {
        return new Change(Action.UPDATE, to.key(), List.of(), to, from);
    }

    private static Entity route(String name, EntityKey service) {
        return entity(EntityKind.ROUTE, name, map("name", name, "service", service));
    }

    private static Map<Integer, List<Integer>> dependencies(Change... changes) {
        List<Operation> ops = OperationGraph.of(new Plan(List.of(changes), List.of()));
        return ops.stream().collect(java.util.stream.Collectors.toMap(Operation::index, Operation::dependsOn));
    }

    @Test
    void aCreateWaitsForTheEntitiesItReferencesAndNothingElse() {
        Entity nyan = entity(EntityKind.SERVICE, "nyan", map("name", "nyan"));
        Entity orders = entity(EntityKind.SERVICE, "orders", map("name", "orders"));
        Entity route = route("nyan-web", NYAN);
        Entity plugin = entity(key(EntityKind.PLUGIN, "cors", "route", "nyan-web"),
                map("name", "cors", "route", route.key()));

        var deps = dependencies(create(nyan), create(orders), create(route), create(plugin));

        assertThat(deps).containsEntry(0, List.of()).containsEntry(1, List.of())
                .containsEntry(2, List.of(0)).containsEntry(3, List.of(2));
    }

    @Test
    void aReferenceToAnEntityAlreadyInKongWaitsForNothing() {
        var deps = dependencies(create(route("nyan-web", NYAN)));

        assertThat(deps).containsEntry(0, List.of());
    }

    @Test
    void aDeleteWaitsForTheChangesToEverythingThatReferencesItInKong() {
        Entity old = entity(EntityKind.SERVICE, "old", map("name", "old"));
        Entity goneRoute = route("gone", old.key());
        Entity movedBefore = route("moved", old.key());
        Entity movedAfter = route("moved", ORDERS);

        var deps = dependencies(delete(goneRoute), delete(old), update(movedBefore, movedAfter));

        assertThat(deps.get(1)).containsExactlyInAnyOrder(0, 2);
        assertThat(deps.get(0)).isEmpty();
        assertThat(deps.get(2)).isEmpty();
    }

    @Test
    void anEntityTakingOverAUniqueValueWaitsForTheDeleteOfItsHolder() {
        Entity leaving = entity(EntityKind.CONSUMER, "alice-old", map("username", "alice-old", "custom_id", "42"));
        Entity arriving = entity(EntityKind.CONSUMER, "alice", map("username", "alice", "custom_id", "42"));
        Entity unrelated = entity(EntityKind.CONSUMER, "bob", map("username", "bob", "custom_id", "7"));

        var deps = dependencies(delete(leaving), create(arriving), create(unrelated));

        assertThat(deps).containsEntry(1, List.of(0)).containsEntry(2, List.of());
    }
    @Test
    void aCredentialMovingToAnotherConsumerIsCreatedAfterItsOldSelfIsDeleted() {
        // Kong keeps an hmac-auth username unique across consumers; identities are scoped to the consumer
        Entity before = entity(key(EntityKind.HMACAUTH_CREDENTIAL, "partner-hmac", "consumer", "alice"),
                map("username", "partner-hmac"));
        Entity after = entity(key(EntityKind.HMACAUTH_CREDENTIAL, "partner-hmac", "consumer", "bob"),
                map("username", "partner-hmac"));

        var deps = dependencies(delete(before), create(after));

        assertThat(deps).containsEntry(1, List.of(0));
    }
}
