package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.kongsync.plan.Fixtures.OWNED;
import static io.kongsync.plan.Fixtures.entity;
import static io.kongsync.plan.Fixtures.inKong;
import static io.kongsync.plan.Fixtures.key;
import static io.kongsync.plan.Fixtures.keyAuthPlugin;
import static io.kongsync.plan.Fixtures.map;
import static io.kongsync.plan.Fixtures.service;
import static io.kongsync.plan.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlannerTest {

    private static Plan plan(List<Entity> desired, List<Entity> current) {
        return Planner.plan(State.of(desired), State.of(current), PlanOptions.defaults());
    }

    @Test
    void createListsOnlyFieldsThatDifferFromTheSchemaDefault() {
        Entity nyan = service("nyan", map("host", "nyan.ecs.local", "port", 80, "read_timeout", 5000), OWNED);

        Plan plan = plan(List.of(nyan), List.of());

        assertThat(plan.changes()).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(Action.CREATE);
            assertThat(change.key()).isEqualTo(nyan.key());
            assertThat(change.desired()).isEqualTo(nyan);
            assertThat(change.current()).isNull();
            assertThat(change.fields()).containsExactly(
                    new FieldChange("name", null, "nyan", false),
                    new FieldChange("host", null, "nyan.ecs.local", false),
                    new FieldChange("read_timeout", null, 5000L, false),
                    new FieldChange("tags", null, List.of(OWNED), false));
        });
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(1, 0, 0));
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void updateListsOnlyTheChangedFields() {
        Entity inFiles = service("nyan", map("host", "nyan.ecs.local", "port", 8080), OWNED);
        Entity inKong = inKong(service("nyan", map("host", "old.ecs.local", "port", 8080, "retries", 3), OWNED));

        Plan plan = plan(List.of(inFiles), List.of(inKong));

        assertThat(plan.changes()).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(Action.UPDATE);
            assertThat(change.desired()).isEqualTo(inFiles);
            assertThat(change.current()).isEqualTo(inKong);
            assertThat(change.fields()).containsExactly(
                    new FieldChange("retries", 3L, 5L, false),
                    new FieldChange("host", "old.ecs.local", "nyan.ecs.local", false));
        });
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(0, 1, 0));
    }

    @Test
    void equalEntitiesPlanNothingAndFieldsOnlyKongHasAreIgnored() {
        Entity inFiles = service("nyan", map("host", "nyan.ecs.local"), OWNED);
        Entity inKong = with(inKong(inFiles), map("ca_certificates_digest", "abc", "ws_id", "x"));

        Plan plan = plan(List.of(inFiles), List.of(inKong));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(0, 0, 0));
    }

    @Test
    void aFieldTheFilesClearIsAnUpdateToNull() {
        Entity inFiles = service("nyan", map("host", "h"), OWNED);
        Entity inKong = inKong(service("nyan", map("host", "h", "path", "/v1"), OWNED));

        assertThat(plan(List.of(inFiles), List.of(inKong)).changes()).singleElement()
                .extracting(Change::fields).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(new FieldChange("path", "/v1", null, false));
    }

    @Test
    void managedEntityOnlyInKongIsDeletedWithoutFields() {
        Entity old = inKong(service("old", map("host", "h"), OWNED));

        Plan plan = plan(List.of(), List.of(old));

        assertThat(plan.changes()).containsExactly(new Change(Action.DELETE, old.key(), List.of(), null, old));
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(0, 0, 1));
    }

    @Test
    void unmanagedEntityOnlyInKongIsNeverTouched() {
        Entity theirs = inKong(service("theirs", map("host", "h"), "team:payments"));
        Entity untagged = inKong(service("untagged", map("host", "h")));

        Plan plan = plan(List.of(), List.of(theirs, untagged));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    @Test
    void owningAllDeletesUntaggedEntitiesAndTakesOverTheOnesTheFilesDeclare() {
        Entity inFiles = service("nyan", map("host", "h"), OWNED);
        Entity untaggedTwin = inKong(service("nyan", map("host", "h")));
        Entity stray = inKong(service("stray", map("host", "h"), "team:payments"));

        Plan plan = Planner.plan(State.of(List.of(inFiles)), State.of(List.of(untaggedTwin, stray)),
                PlanOptions.defaults().owningAll());

        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.changes()).extracting(Change::action, Change::key).containsExactly(
                tuple(Action.DELETE, stray.key()), tuple(Action.UPDATE, inFiles.key()));
        assertThat(plan.changes().get(1).fields()).extracting(FieldChange::path).containsExactly("tags");
    }

    @Test
    void unmanagedEntityTheFilesAlsoDeclareIsAConflictNotAnUpdate() {
        Entity inFiles = service("nyan", map("host", "new"), OWNED);
        Entity inKong = inKong(service("nyan", map("host", "old")));

        Plan plan = plan(List.of(inFiles), List.of(inKong));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).containsExactly(new Conflict(inFiles.key(), inFiles, inKong,
                "service nyan exists in Kong without the tag managed-by:kongsync; kongsync will not take it over. "
                        + "Tag it, rename it in the files, or delete it in Kong."));
    }

    @Test
    void conflictOnAScopedEntityNamesItsScope() {
        Entity inFiles = keyAuthPlugin("nyan", map(), OWNED);
        Entity inKong = inKong(keyAuthPlugin("nyan", map()));

        assertThat(plan(List.of(inFiles), List.of(inKong)).conflicts()).singleElement()
                .extracting(Conflict::message).asString()
                .startsWith("plugin key-auth (service nyan) exists in Kong without the tag managed-by:kongsync;");
    }

    @Test
    void ownershipTagIsConfigurable() {
        Entity ours = inKong(service("ours", map("host", "h"), "owner:platform"));
        Entity kongsyncDefault = inKong(service("default-owner", map("host", "h"), OWNED));

        Plan plan = Planner.plan(State.EMPTY, State.of(List.of(ours, kongsyncDefault)),
                new PlanOptions("owner:platform", Set.of()));

        assertThat(plan.changes()).extracting(Change::key).containsExactly(ours.key());
    }

    @Test
    void selectTagsNarrowWhatIsManaged() {
        PlanOptions teamA = PlanOptions.defaults().withSelectTags(Set.of("team:a"));
        Entity teamAOld = inKong(service("a-old", map("host", "h"), OWNED, "team:a"));
        Entity teamBOld = inKong(service("b-old", map("host", "h"), OWNED, "team:b"));
        Entity inFiles = service("shared", map("host", "new"), OWNED, "team:a");
        Entity sharedOfTeamB = inKong(service("shared", map("host", "old"), OWNED, "team:b"));

        Plan plan = Planner.plan(State.of(List.of(inFiles)), State.of(List.of(teamAOld, teamBOld, sharedOfTeamB)), teamA);

        assertThat(plan.changes()).extracting(Change::action, Change::key)
                .containsExactly(tuple(Action.DELETE, teamAOld.key()));
        assertThat(plan.conflicts()).singleElement().extracting(Conflict::message).asString()
                .startsWith("service shared exists in Kong without the tag team:a;");
    }

    @Test
    void tagsCompareAsSets() {
        Entity inFiles = service("nyan", map("host", "h"), OWNED, "team:a");
        Entity inKong = with(inKong(inFiles), map("tags", List.of("team:a", OWNED)));

        assertThat(plan(List.of(inFiles), List.of(inKong)).changes()).isEmpty();

        Entity retagged = with(inKong(inFiles), map("tags", List.of("team:b", OWNED)));
        assertThat(plan(List.of(inFiles), List.of(retagged)).changes()).singleElement()
                .satisfies(c -> assertThat(c.fields()).extracting(FieldChange::path).containsExactly("tags"));
    }

    @Test
    void pluginConfigChangeListsOnlyTheChangedLeaf() {
        Entity inFiles = keyAuthPlugin("nyan", map("hide_credentials", true, "key_names", List.of("x-api-key")), OWNED);
        Entity inKong = inKong(keyAuthPlugin("nyan", map("key_names", List.of("apikey")), OWNED));

        assertThat(plan(List.of(inFiles), List.of(inKong)).changes()).singleElement()
                .satisfies(c -> assertThat(c.fields()).containsExactly(
                        new FieldChange("config.key_names", List.of("apikey"), List.of("x-api-key"), false),
                        new FieldChange("config.hide_credentials", false, true, false)));
    }

    @Test
    void pluginConfigKeysOnlyKongHasAreIgnored() {
        Entity inFiles = keyAuthPlugin("nyan", map(), OWNED);
        Map<String, Object> newerConfig = new LinkedHashMap<>(asMap(inFiles.field("config")));
        newerConfig.put("identity_realms", List.of("kong"));
        Entity inKong = with(inKong(inFiles), map("config", newerConfig));

        assertThat(plan(List.of(inFiles), List.of(inKong)).changes()).isEmpty();
    }

    @Test
    void customPluginComparesOnlyTheConfigKeysTheFilesSet() {
        EntityKey key = key(EntityKind.PLUGIN, "my-auth", "service", "nyan");
        Map<String, Object> common = map("name", "my-auth", "service", EntityKey.of(EntityKind.SERVICE, "nyan"),
                "enabled", true, "protocols", List.of("http", "https"), "tags", List.of(OWNED));
        Entity inFiles = entity(key, withField(common, "config", map("limits", map("minute", 5L), "mode", "strict")));
        Entity inKong = inKong(entity(key, withField(common, "config",
                map("limits", map("minute", 5L, "hour", null), "mode", "strict", "timeout", 1000L))));

        assertThat(plan(List.of(inFiles), List.of(inKong)).changes()).isEmpty();

        Entity stricter = entity(key, withField(common, "config", map("limits", map("minute", 10L), "mode", "strict")));
        assertThat(plan(List.of(stricter), List.of(inKong)).changes()).singleElement()
                .satisfies(c -> assertThat(c.fields())
                        .containsExactly(new FieldChange("config.limits.minute", 5L, 10L, false)));
    }

    @Test
    void customPluginCreateListsEveryConfigLeafTheFilesSet() {
        EntityKey key = key(EntityKind.PLUGIN, "my-auth");
        Entity inFiles = entity(key, map("name", "my-auth", "config", map("limits", map("minute", 5L), "mode", "x"),
                "enabled", true, "protocols", List.of("grpc", "grpcs", "http", "https"), "tags", List.of(OWNED)));

        assertThat(plan(List.of(inFiles), List.of()).changes()).singleElement()
                .satisfies(c -> assertThat(c.fields()).extracting(FieldChange::path)
                        .containsExactly("name", "config.limits.minute", "config.mode", "tags"));
    }

    @Test
    void basicAuthPasswordEqualsKongsHashSaltedWithTheConsumerIdInKong() {
        UUID consumerIdInKong = UUID.randomUUID();
        EntityKey aliceKey = EntityKey.of(EntityKind.CONSUMER, "alice");
        Entity alice = entity(aliceKey, map("username", "alice", "tags", List.of(OWNED)));
        Entity aliceInKong = new Entity(aliceKey, consumerIdInKong, alice.fields(), null, Set.of());
        Entity credential = basicAuth("s3cret");

        Entity hashedInKong = with(inKong(credential), map("password", sha1Hex("s3cret" + consumerIdInKong)));
        assertThat(plan(List.of(alice, credential), List.of(aliceInKong, hashedInKong)).changes()).isEmpty();

        Entity otherPassword = with(inKong(credential), map("password", sha1Hex("other" + consumerIdInKong)));
        assertThat(plan(List.of(alice, credential), List.of(aliceInKong, otherPassword)).changes()).singleElement()
                .satisfies(c -> assertThat(c.fields()).containsExactly(
                        new FieldChange("password", sha1Hex("other" + consumerIdInKong), "s3cret", true)));

        Entity saltedWithDesiredId = with(inKong(credential), map("password", sha1Hex("s3cret" + alice.id())));
        assertThat(plan(List.of(alice, credential), List.of(aliceInKong, saltedWithDesiredId)).changes()).hasSize(1);
    }

    @Test
    void basicAuthPasswordUsesTheDesiredConsumerIdWhenKongHasNoSuchConsumer() {
        Entity alice = entity(EntityKey.of(EntityKind.CONSUMER, "alice"), map("username", "alice", "tags", List.of(OWNED)));
        Entity credential = basicAuth("s3cret");
        Entity hashedInKong = with(inKong(credential), map("password", sha1Hex("s3cret" + alice.id())));

        assertThat(plan(List.of(alice, credential), List.of(hashedInKong)).changes())
                .extracting(Change::action, Change::key)
                .containsExactly(tuple(Action.CREATE, alice.key()));
    }

    @Test
    void secretFieldsAndSubstitutedValuesAreMarkedSensitive() {
        Entity keyAuth = entity(key(EntityKind.KEYAUTH_CREDENTIAL, "k-123", "consumer", "alice"),
                map("key", "k-123", "consumer", EntityKey.of(EntityKind.CONSUMER, "alice"), "tags", List.of(OWNED)));
        Entity substituted = new Entity(EntityKey.of(EntityKind.SERVICE, "nyan"), UUID.randomUUID(),
                service("nyan", map("host", "from-env"), OWNED).fields(), null, Set.of("host"));

        Plan plan = plan(List.of(keyAuth, substituted), List.of());

        assertThat(plan.changes()).flatExtracting(Change::fields).filteredOn(FieldChange::sensitive)
                .extracting(FieldChange::path).containsExactlyInAnyOrder("key", "host");
        assertThat(Sensitivity.isNameSecret(keyAuth.key(), keyAuth, null)).isTrue();
        assertThat(Sensitivity.isNameSecret(substituted.key(), substituted, null)).isFalse();
    }

    @Test
    void conflictMessageMasksASecretIdentity() {
        EntityKey key = key(EntityKind.KEYAUTH_CREDENTIAL, "k-123", "consumer", "alice");
        Entity inFiles = entity(key, map("key", "k-123", "tags", List.of(OWNED)));
        Entity inKong = inKong(entity(key, map("key", "k-123", "tags", List.of())));

        assertThat(plan(List.of(inFiles), List.of(inKong)).conflicts()).singleElement()
                .extracting(Conflict::message).asString()
                .doesNotContain("k-123")
                .startsWith("keyauth_credential (sensitive) (consumer alice) exists in Kong");
    }

    @Test
    void deletesComeFirstChildrenBeforeParentsThenCreatesAndUpdatesParentsFirst() {
        Entity serviceB = service("b", map("host", "h"), OWNED);
        List<Entity> desired = List.of(
                keyAuthPlugin("a", map(), OWNED),
                route("r1", "a"),
                service("c", map("host", "h"), OWNED),
                serviceB,
                service("a", map("host", "h"), OWNED));
        List<Entity> current = List.of(
                inKong(service("z", map("host", "h"), OWNED)),
                inKong(route("rz", "z")),
                inKong(route("ry", "z")),
                inKong(keyAuthPlugin("z", map(), OWNED)),
                inKong(entity(EntityKind.CONSUMER, "cz", map("username", "cz", "tags", List.of(OWNED)))),
                inKong(with(serviceB, map("host", "old"))));

        Plan plan = plan(desired, current);

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.key())
                .containsExactly(
                        "DELETE plugin:key-auth[service=z]",
                        "DELETE consumer:cz",
                        "DELETE route:ry",
                        "DELETE route:rz",
                        "DELETE service:z",
                        "CREATE service:a",
                        "UPDATE service:b",
                        "CREATE service:c",
                        "CREATE route:r1",
                        "CREATE plugin:key-auth[service=a]");
    }

    @Test
    void samePlanForTheSameInputWhateverItsOrder() {
        List<Entity> desired = new ArrayList<>();
        List<Entity> current = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            desired.add(service("s" + i, map("host", "h" + i), OWNED));
            desired.add(route("r" + i, "s" + i));
            current.add(inKong(service("s" + i, map("host", "h" + (i % 3)), OWNED)));
            current.add(inKong(route("old" + i, "s" + i)));
        }
        Plan first = plan(desired, current);
        Collections.shuffle(desired, new Random(7));
        Collections.shuffle(current, new Random(11));

        assertThat(plan(desired, current)).isEqualTo(first);
        assertThat(first.summary()).isEqualTo(new Plan.Summary(50, 47, 50));
    }

    @Test
    void fieldsWithoutASchemaAreReportedInPathOrder() {
        Map<String, Object> desiredFields = new LinkedHashMap<>();
        Map<String, Object> currentFields = new LinkedHashMap<>();
        for (char c = 'z'; c >= 'a'; c--) {
            desiredFields.put(String.valueOf(c), 1L);
            currentFields.put(String.valueOf(c), 2L);
        }
        desiredFields.put("tags", List.of(OWNED));
        currentFields.put("tags", List.of(OWNED));
        EntityKey key = EntityKey.of(EntityKind.UPSTREAM, "u");

        Plan plan = plan(List.of(entity(key, desiredFields)), List.of(entity(key, currentFields)));

        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.fields())
                .extracting(FieldChange::path).hasSize(26).isSorted());
    }

    static Entity route(String name, String service) {
        return entity(EntityKind.ROUTE, name, map("name", name, "paths", List.of("/" + name),
                "service", EntityKey.of(EntityKind.SERVICE, service), "tags", List.of(OWNED)));
    }

    private static Entity basicAuth(String password) {
        return entity(key(EntityKind.BASICAUTH_CREDENTIAL, "alice-basic", "consumer", "alice"),
                map("username", "alice-basic", "password", password,
                        "consumer", EntityKey.of(EntityKind.CONSUMER, "alice"), "tags", List.of(OWNED)));
    }

    private static Map<String, Object> withField(Map<String, Object> fields, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
