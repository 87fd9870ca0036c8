package io.kongsync.inventory;

import io.kongsync.report.SourceLinks;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.Schemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kongsync.plan.Fixtures.OWNED;
import static io.kongsync.plan.Fixtures.inKong;
import static io.kongsync.plan.Fixtures.key;
import static io.kongsync.plan.Fixtures.map;
import static io.kongsync.plan.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InventoryBuilderTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String KEY = "alice-key-7d1e5c9b";
    static final SourceLinks GITHUB = SourceLinks.forRemote("https://github.com/acme/gateway.git", COMMIT);

    static final EntityKey NYAN = key(EntityKind.SERVICE, "nyan");
    static final EntityKey NYAN_ROUTE = key(EntityKind.ROUTE, "nyan");

    /** An entity as the files declare it: normalized, tagged as kongsync's, at {@code file:line}. */
    static Entity inFiles(EntityKey key, Map<String, Object> raw, String file, int line, String path) {
        Map<String, Object> input = new LinkedHashMap<>(raw);
        input.put("tags", List.of(OWNED));
        Map<String, Object> fields = key.kind() == EntityKind.PLUGIN
                ? Normalizer.normalizePlugin(Schemas.plugin((String) raw.get("name")).orElseThrow(), input)
                : Normalizer.normalize(Schemas.entity(key.kind()), input);
        return new Entity(key, key.deterministicId(), fields, new Origin(file, line, 5, path), Set.of());
    }

    /** An entity made in Kong by hand, without kongsync's tag. */
    static Entity byHand(EntityKey key, Map<String, Object> raw) {
        Map<String, Object> input = new LinkedHashMap<>(raw);
        input.put("tags", List.of("team:legacy"));
        return inKong(new Entity(key, key.deterministicId(), Normalizer.normalize(Schemas.entity(key.kind()), input),
                null, Set.of()));
    }

    static Map<String, Object> route(String name, String service, List<String> hosts) {
        return map("name", name, "service", EntityKey.of(EntityKind.SERVICE, service), "hosts", hosts,
                "paths", List.of("/" + name), "methods", List.of("GET"));
    }

    record Built(Inventory inventory, Plan plan) {
    }

    static Built build(List<Entity> desired, List<Entity> current) {
        State files = State.of(desired);
        Plan plan = Planner.plan(files, State.of(current), PlanOptions.defaults());
        InventoryBuilder.Context context = new InventoryBuilder.Context(COMMIT,
                new Inventory.Kong("3.9.1", "database", true), OWNED, List.of(), GITHUB, MaskingPolicy.of(files));
        return new Built(InventoryBuilder.build(files, State.of(current), plan, context), plan);
    }

    @Test
    void everyEntityIsGroupedServiceRoutesPluginsWithItsStatusSourceAndChange() {
        Entity service = inFiles(NYAN, map("name", "nyan", "host", "nyan.ecs.local", "port", 80), "routes/nyan.yaml",
                6, "services[0]");
        Entity route = inFiles(NYAN_ROUTE, route("nyan", "nyan", List.of("nyan.mydomain.com")), "routes/nyan.yaml",
                11, "services[0].routes[0]");
        Entity routePlugin = inFiles(key(EntityKind.PLUGIN, "rate-limiting", "route", "nyan"),
                map("name", "rate-limiting", "route", NYAN_ROUTE, "config", map("minute", 600, "policy", "local")),
                "routes/nyan.yaml", 16, "services[0].routes[0].plugins[0]");
        Entity servicePlugin = inFiles(key(EntityKind.PLUGIN, "key-auth", "service", "nyan"),
                map("name", "key-auth", "service", NYAN, "config", map()), "routes/nyan.yaml", 20,
                "services[0].plugins[0]");
        Entity global = inFiles(key(EntityKind.PLUGIN, "prometheus"), map("name", "prometheus", "config", map()),
                "routes/global.yaml", 4, "plugins[0]");
        Entity gone = inKong(inFiles(key(EntityKind.ROUTE, "gone"), route("gone", "nyan", List.of("gone.example.com")),
                "routes/nyan.yaml", 30, "services[0].routes[1]"));
        Entity legacy = byHand(key(EntityKind.SERVICE, "legacy"), map("name", "legacy", "host", "legacy.internal"));
        Entity legacyRoute = byHand(key(EntityKind.ROUTE, "legacy"), route("legacy", "legacy", List.of("old.example")));

        Built built = build(List.of(service, route, routePlugin, servicePlugin, global),
                List.of(inKong(service), with(inKong(route), map("hosts", List.of("changed.example.com"))),
                        inKong(servicePlugin), inKong(global), gone, legacy, legacyRoute));
        Inventory inventory = built.inventory();

        assertThat(inventory.services()).extracting(Item::name).containsExactly("legacy", "nyan");
        Item nyan = inventory.services().get(1);
        assertThat(nyan.status()).isEqualTo(Status.IN_SYNC);
        assertThat(nyan.managed()).isTrue();
        assertThat(nyan.change()).isNull();
        assertThat(nyan.source()).isEqualTo(new Item.Source("routes/nyan.yaml", 6, 5, "services[0]", COMMIT,
                "https://github.com/acme/gateway/blob/" + COMMIT + "/routes/nyan.yaml#L6"));
        assertThat(nyan.facts()).containsEntry("host", "nyan.ecs.local").containsEntry("port", 80L)
                .containsEntry("protocol", "http");
        assertThat(nyan.children().keySet()).containsExactly("routes", "plugins");
        assertThat(nyan.children().get("routes")).extracting(Item::name, Item::status)
                .containsExactly(tuple("gone", Status.ONLY_IN_KONG),
                        tuple("nyan", Status.DIFFERS));
        assertThat(nyan.children().get("plugins")).extracting(Item::name).containsExactly("key-auth");

        Item nyanRoute = nyan.children().get("routes").get(1);
        assertThat(nyanRoute.facts()).as("what Kong runs").containsEntry("hosts", List.of("changed.example.com"))
                .containsEntry("paths", List.of("/nyan")).containsEntry("methods", List.of("GET"))
                .containsEntry("service", "nyan");
        assertThat(nyanRoute.change().action()).isEqualTo(Action.UPDATE);
        assertThat(built.plan().changes().get(nyanRoute.change().index()).key()).isEqualTo(NYAN_ROUTE);
        assertThat(nyanRoute.anchor()).isEqualTo("route:nyan");
        assertThat(nyanRoute.children().get("plugins")).singleElement().satisfies(plugin -> {
            assertThat(plugin.status()).isEqualTo(Status.ONLY_IN_FILES);
            assertThat(plugin.managed()).isTrue();
            assertThat(plugin.change().action()).isEqualTo(Action.CREATE);
            assertThat(plugin.source().line()).isEqualTo(16);
            assertThat(plugin.anchor()).isEqualTo("plugin:rate-limiting[route=nyan]");
            assertThat(plugin.facts()).containsEntry("enabled", true);
        });

        Item goneRoute = nyan.children().get("routes").get(0);
        assertThat(goneRoute.managed()).isTrue();
        assertThat(goneRoute.source()).as("the files no longer declare it").isNull();
        Change delete = built.plan().changes().get(goneRoute.change().index());
        assertThat(delete.action()).isEqualTo(Action.DELETE);
        assertThat(delete.key()).isEqualTo(goneRoute.key());

        Item legacyItem = inventory.services().get(0);
        assertThat(legacyItem.status()).isEqualTo(Status.ONLY_IN_KONG);
        assertThat(legacyItem.managed()).isFalse();
        assertThat(legacyItem.source()).isNull();
        assertThat(legacyItem.change()).isNull();
        assertThat(legacyItem.children().get("routes")).singleElement()
                .satisfies(r -> assertThat(r.managed()).isFalse());

        assertThat(inventory.routes()).as("every route has its service").isEmpty();
        assertThat(inventory.plugins()).extracting(Item::name).containsExactly("prometheus");
        assertThat(inventory.summary()).isEqualTo(new Inventory.Summary(3, 1, 3, 1));
        assertThat(inventory.summary().total()).isEqualTo(8);
    }

    @Test
    void anEntityKongHoldsWithoutTheTagDiffersUnmanagedWithTheConflictAndItsSource() {
        Entity theirs = inFiles(key(EntityKind.SERVICE, "theirs"), map("name", "theirs", "host", "a.internal"),
                "routes/theirs.yaml", 3, "services[0]");
        Entity untagged = byHand(theirs.key(), map("name", "theirs", "host", "b.internal"));

        Item item = build(List.of(theirs), List.of(untagged)).inventory().services().get(0);

        assertThat(item.status()).isEqualTo(Status.DIFFERS);
        assertThat(item.managed()).isFalse();
        assertThat(item.change()).isNull();
        assertThat(item.conflict()).contains("without the tag " + OWNED);
        assertThat(item.source().line()).isEqualTo(3);
        assertThat(item.facts()).as("what Kong runs").containsEntry("host", "b.internal");
    }

    @Test
    void aRouteMovedToAnotherServiceInTheFilesStaysUnderTheServiceKongRunsItWith() {
        Entity a = inFiles(key(EntityKind.SERVICE, "a"), map("name", "a", "host", "a.internal"), "r.yaml", 1, "");
        Entity b = inFiles(key(EntityKind.SERVICE, "b"), map("name", "b", "host", "b.internal"), "r.yaml", 9, "");
        Entity moved = inFiles(key(EntityKind.ROUTE, "r"), route("r", "b", List.of("r.example")), "r.yaml", 12, "");
        Entity plugin = inFiles(key(EntityKind.PLUGIN, "acl", "route", "r"),
                map("name", "acl", "route", EntityKey.of(EntityKind.ROUTE, "r"), "config", map("allow", List.of("x"))),
                "r.yaml", 15, "");
        Entity lost = inFiles(key(EntityKind.PLUGIN, "cors", "route", "nowhere"),
                map("name", "cors", "route", EntityKey.of(EntityKind.ROUTE, "nowhere"), "config", map()),
                "r.yaml", 20, "");

        Inventory inventory = build(List.of(a, b, moved, plugin, lost),
                List.of(inKong(a), inKong(b), with(inKong(moved), map("service", EntityKey.of(EntityKind.SERVICE, "a")))))
                .inventory();

        assertThat(inventory.services().get(0).children().get("routes")).singleElement().satisfies(route -> {
            assertThat(route.name()).isEqualTo("r");
            assertThat(route.status()).isEqualTo(Status.DIFFERS);
            assertThat(route.children().get("plugins")).extracting(Item::name).containsExactly("acl");
        });
        assertThat(inventory.services().get(1).children().get("routes")).isEmpty();
        assertThat(inventory.plugins()).as("a plugin whose route is unknown").singleElement()
                .satisfies(p -> assertThat(p.scope()).containsExactly(Map.entry("route", "nowhere")));
    }

    @Test
    void consumersCarryTheirCredentialsMaskedAndCountedUpstreamsTheirTargetsCertificatesTheirSnisAndDigest()
            throws Exception {
        EntityKey alice = key(EntityKind.CONSUMER, "alice");
        Entity consumer = inFiles(alice, map("username", "alice", "custom_id", "alice-1"), "c.yaml", 3, "consumers[0]");
        Entity keyAuth = inFiles(key(EntityKind.KEYAUTH_CREDENTIAL, KEY, "consumer", "alice"),
                map("key", KEY, "consumer", alice), "c.yaml", 6, "consumers[0].keyauth_credentials[0]");
        Entity acl = inFiles(key(EntityKind.ACL, "readers", "consumer", "alice"),
                map("group", "readers", "consumer", alice), "c.yaml", 8, "consumers[0].acls[0]");
        Entity plugin = inFiles(key(EntityKind.PLUGIN, "rate-limiting", "consumer", "alice"),
                map("name", "rate-limiting", "consumer", alice, "config", map("minute", 5, "policy", "local")),
                "c.yaml", 10, "consumers[0].plugins[0]");
        EntityKey pool = key(EntityKind.UPSTREAM, "pool");
        Entity upstream = inFiles(pool, map("name", "pool"), "u.yaml", 2, "upstreams[0]");
        Entity target = inFiles(key(EntityKind.TARGET, "blue:8080", "upstream", "pool"),
                map("target", "blue:8080", "upstream", pool, "weight", 90), "u.yaml", 5, "upstreams[0].targets[0]");
        String pem = resource("/sandbox/ca-cert.pem");
        String privateKey = resource("/sandbox/ca-key.pem");
        Entity certificate = inFiles(key(EntityKind.CERTIFICATE, "api.example.com"),
                map("cert", pem, "key", privateKey, "snis", List.of("api.example.com")), "t.yaml", 2, "certificates[0]");

        Built built = build(List.of(consumer, keyAuth, acl, plugin, upstream, target, certificate),
                List.of(inKong(consumer), inKong(acl)));
        Inventory inventory = built.inventory();

        Item aliceItem = inventory.consumers().get(0);
        assertThat(aliceItem.facts()).containsEntry("username", "alice").containsEntry("custom_id", "alice-1")
                .containsEntry("credential_counts", Map.of("acl", 1, "keyauth_credential", 1));
        assertThat(aliceItem.children().get("credentials")).extracting(Item::kind, Item::name, Item::status)
                .containsExactly(tuple("keyauth_credential", "(sensitive)",
                                Status.ONLY_IN_FILES),
                        tuple("acl", "readers", Status.IN_SYNC));
        assertThat(aliceItem.children().get("credentials").get(0).anchor())
                .isEqualTo("keyauth_credential:(sensitive)[consumer=alice]");
        assertThat(aliceItem.children().get("plugins")).extracting(Item::name).containsExactly("rate-limiting");
        assertThat(inventory.upstreams().get(0).children().get("targets")).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("blue:8080");
            assertThat(t.facts()).containsEntry("weight", 90L);
        });
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getEncoded();
        assertThat(inventory.certificates().get(0).facts()).containsExactly(
                Map.entry("snis", List.of("api.example.com")),
                Map.entry("cert_digest", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der))));

        String json = JsonMapper.builder().build().writeValueAsString(InventoryJson.tree(inventory));
        assertThat(json).doesNotContain(KEY).doesNotContain("PRIVATE").doesNotContain(pem.lines().skip(1).findFirst()
                .orElseThrow()).contains("\"name\":\"(sensitive)\"");
    }

    @Test
    void aValueSubstitutedIntoTheFilesIsNeverShownNorAnyOfItsCopiesInKong() {
        String secretHost = "internal-7f3a.example";
        Entity substituted = new Entity(NYAN, NYAN.deterministicId(),
                inFiles(NYAN, map("name", "nyan", "host", secretHost), "n.yaml", 1, "").fields(),
                new Origin("n.yaml", 1, 1, ""), Set.of("host"));
        Entity copy = byHand(key(EntityKind.SERVICE, "copy"), map("name", "copy", "host", secretHost));

        Inventory inventory = build(List.of(substituted), List.of(inKong(substituted), copy)).inventory();

        assertThat(inventory.services()).extracting(i -> i.facts().get("host"))
                .containsExactly("(sensitive)", "(sensitive)");
    }

    @Test
    void theJsonTreeHasEveryKeyInOrder() {
        Entity service = inFiles(NYAN, map("name", "nyan", "host", "nyan.ecs.local"), "routes/nyan.yaml", 6,
                "services[0]");
        Map<String, Object> tree = InventoryJson.tree(build(List.of(service), List.of()).inventory());

        assertThat(tree.keySet()).containsExactly("commit", "kong", "ownership_tag", "summary", "services", "routes",
                "consumers", "upstreams", "certificates", "ca_certificates", "plugins", "other", "warnings");
        assertThat(tree.get("summary")).isEqualTo(map("in_sync", 0, "differs", 0, "only_in_kong", 0,
                "only_in_files", 1, "total", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> item = ((List<Map<String, Object>>) tree.get("services")).get(0);
        assertThat(new ArrayList<>(item.keySet())).containsExactly("kind", "name", "scope", "status", "managed",
                "source", "change", "conflict", "anchor", "protocol", "host", "port", "path", "enabled", "routes",
                "plugins");
        assertThat(item).containsEntry("status", "only_in_files").containsEntry("change",
                map("action", "create", "index", 0));
        assertThat(item.get("source")).isEqualTo(map("file", "routes/nyan.yaml", "line", 6, "column", 5,
                "path", "services[0]", "commit", COMMIT,
                "url", "https://github.com/acme/gateway/blob/" + COMMIT + "/routes/nyan.yaml#L6"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InventoryBuilderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
