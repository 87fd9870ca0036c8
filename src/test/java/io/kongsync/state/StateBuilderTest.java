package io.kongsync.state;

import io.kongsync.file.DeckFile;
import io.kongsync.file.Flattener;
import io.kongsync.file.SourceMap;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StateBuilderTest {

    private static DeckFile file(String name, Map<String, Object> content) {
        SourceMap positions = new SourceMap(name);
        positions.put("", 1, 1);
        return new DeckFile(name, content, positions, Set.of());
    }

    private static StateBuilder.Result build(DeckFile... files) {
        Flattener.Result flat = Flattener.flatten(List.of(files));
        return StateBuilder.build(flat.entities(), StateBuilder.Options.desired(flat.selectTags()));
    }

    @Test
    void nestedEntitiesBecomeFlatWithReferencesIdsAndOwnershipTags() {
        StateBuilder.Result result = build(file("a.yaml", Map.of(
                "_format_version", "3.0",
                "services", List.of(Map.of(
                        "name", "nyan",
                        "url", "http://nyan.ecs.local:8080/api",
                        "routes", List.of(Map.of("name", "nyan", "hosts", List.of("nyan.mydomain.com"),
                                "plugins", List.of(Map.of("name", "key-auth")))),
                        "plugins", List.of(Map.of("name", "key-auth")))),
                "consumers", List.of(Map.of("username", "bob",
                        "acls", List.of(Map.of("group", "readers")))))));

        assertThat(result.diagnostics()).isEmpty();
        State state = result.state();
        Entity service = state.get(EntityKey.of(EntityKind.SERVICE, "nyan")).orElseThrow();
        assertThat(service.fields()).containsEntry("host", "nyan.ecs.local").containsEntry("port", 8080L)
                .containsEntry("path", "/api").containsEntry("protocol", "http").containsEntry("retries", 5L)
                .doesNotContainKey("url");
        assertThat(service.id()).isEqualTo(service.key().deterministicId());
        assertThat(service.tags()).containsExactly("managed-by:kongsync");

        Entity route = state.get(EntityKey.of(EntityKind.ROUTE, "nyan")).orElseThrow();
        assertThat(route.field("service")).isEqualTo(EntityKey.of(EntityKind.SERVICE, "nyan"));

        assertThat(state.get(new EntityKey(EntityKind.PLUGIN, "key-auth", Map.of("route", "nyan")))).isPresent();
        assertThat(state.get(new EntityKey(EntityKind.PLUGIN, "key-auth", Map.of("service", "nyan")))).isPresent();
        Entity acl = state.get(new EntityKey(EntityKind.ACL, "readers", Map.of("consumer", "bob"))).orElseThrow();
        assertThat(acl.field("consumer")).isEqualTo(EntityKey.of(EntityKind.CONSUMER, "bob"));
    }

    @Test
    void duplicateNamesAcrossFilesNameBothPlaces() {
        StateBuilder.Result result = build(
                file("routes/a.yaml", Map.of("services", List.of(Map.of("name", "nyan", "host", "a")))),
                file("routes/b.yaml", Map.of("services", List.of(Map.of("name", "nyan", "host", "b")))));

        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.format()).startsWith("routes/b.yaml:1:1: services[0]: duplicate service 'nyan'");
            assertThat(d.message()).contains("also defined at routes/a.yaml:1:1");
        });
        assertThat(result.state().get(EntityKey.of(EntityKind.SERVICE, "nyan")).orElseThrow().field("host"))
                .isEqualTo("a");
    }

    @Test
    void currentStateResolvesReferencesByIdAndKeepsKongIdsAndTags() {
        String serviceId = "9748f662-7711-4a90-8186-dc02f10eb0f5";
        Flattener.Result flat = Flattener.flatten(List.of(file("echo.json", Map.of(
                "services", List.of(Map.of("id", serviceId, "name", "nyan", "host", "nyan.ecs.local",
                        "created_at", 1700000000, "tags", List.of("managed-by:kongsync"))),
                "routes", List.of(Map.of("id", "d35165e2-d03e-461a-bdeb-dad0a112abfe", "name", "nyan",
                        "service", Map.of("id", serviceId), "hosts", List.of("x")))))));
        StateBuilder.Result result = StateBuilder.build(flat.entities(), StateBuilder.Options.current());

        assertThat(result.diagnostics()).isEmpty();
        Entity service = result.state().get(EntityKey.of(EntityKind.SERVICE, "nyan")).orElseThrow();
        assertThat(service.id().toString()).isEqualTo(serviceId);
        assertThat(service.fields()).doesNotContainKeys("id", "created_at");
        assertThat(result.state().get(EntityKey.of(EntityKind.ROUTE, "nyan")).orElseThrow().field("service"))
                .isEqualTo(EntityKey.of(EntityKind.SERVICE, "nyan"));
    }

    @Test
    void entitiesWithoutAnIdentityAreReported() {
        StateBuilder.Result result = build(file("a.yaml", Map.of(
                "services", List.of(Map.of("host", "x")),
                "consumers", List.of(Map.of("tags", List.of("t"),
                        "keyauth_credentials", List.of(Map.of("tags", List.of("t"))))))));

        assertThat(result.diagnostics()).extracting(d -> d.format()).containsExactlyInAnyOrder(
                "a.yaml:1:1: services[0].name: a service needs a name or an id: kongsync identifies services by "
                        + "name, or by id when they have none",
                "a.yaml:1:1: consumers[0].username: at least one of these fields must be non-empty: "
                        + "'custom_id', 'username'",
                "a.yaml:1:1: consumers[0].keyauth_credentials[0].key: key is required: kongsync identifies "
                        + "credentials by their key, and a key Kong generates would differ on every sync");
    }

    private static final String SERVICE_ID = "3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d01";
    private static final String ROUTE_ID = "3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d02";

    @Test
    void servicesAndRoutesWithoutANameAreIdentifiedByTheirIdAndKeepIt() {
        StateBuilder.Result result = build(file("a.yaml", Map.of(
                "services", List.of(Map.of("id", SERVICE_ID, "host", "orders.internal",
                        "routes", List.of(Map.of("id", ROUTE_ID, "paths", List.of("/orders"))),
                        "plugins", List.of(Map.of("name", "key-auth")))),
                "routes", List.of(Map.of("name", "other", "service", SERVICE_ID, "paths", List.of("/other"))))));

        assertThat(result.diagnostics()).isEmpty();
        EntityKey serviceKey = EntityKey.of(EntityKind.SERVICE, "id:" + SERVICE_ID);
        Entity service = result.state().get(serviceKey).orElseThrow();
        assertThat(service.id().toString()).isEqualTo(SERVICE_ID);
        Entity route = result.state().get(EntityKey.of(EntityKind.ROUTE, "id:" + ROUTE_ID)).orElseThrow();
        assertThat(route.id().toString()).isEqualTo(ROUTE_ID);
        assertThat(route.field("service")).isEqualTo(serviceKey);
        assertThat(result.state().get(EntityKey.of(EntityKind.ROUTE, "other")).orElseThrow().field("service"))
                .isEqualTo(serviceKey);
        assertThat(result.state().get(new EntityKey(EntityKind.PLUGIN, "key-auth",
                Map.of("service", "id:" + SERVICE_ID)))).isPresent();
    }

    @Test
    void oneIdForTwoEntitiesOfAKindIsRefusedNamingBothPlaces() {
        StateBuilder.Result result = build(
                file("a.yaml", Map.of("services", List.of(Map.of("name", "orders", "id", SERVICE_ID, "host", "a")))),
                file("b.yaml", Map.of("services", List.of(Map.of("id", SERVICE_ID, "host", "b"),
                        Map.of("id", SERVICE_ID, "host", "c")))));

        assertThat(result.diagnostics()).extracting(d -> d.format()).containsExactlyInAnyOrder(
                "b.yaml:1:1: services[0].id: service id " + SERVICE_ID + " is also the id of service 'orders' "
                        + "(a.yaml:1:1)",
                "b.yaml:1:1: services[1].id: service id " + SERVICE_ID + " is also the id of service 'orders' "
                        + "(a.yaml:1:1)");
    }
}
