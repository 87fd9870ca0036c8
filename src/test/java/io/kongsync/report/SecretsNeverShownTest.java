package io.kongsync.report;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.kongsync.plan.Fixtures.OWNED;
import static io.kongsync.plan.Fixtures.entity;
import static io.kongsync.plan.Fixtures.inKong;
import static io.kongsync.plan.Fixtures.key;
import static io.kongsync.plan.Fixtures.map;
import static io.kongsync.plan.Fixtures.service;
import static io.kongsync.plan.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

/** A plan full of secrets, planned for real and rendered in every format: no secret may appear. */
class SecretsNeverShownTest {

    private static final EntityKey ALICE = EntityKey.of(EntityKind.CONSUMER, "alice");
    private static final UUID ALICE_ID_IN_KONG = UUID.fromString("11111111-2222-4333-8444-555555555555");

    private static final String NEW_KEY = "kA-new-key-secret";
    private static final String OLD_KEY = "kB-old-key-secret";
    private static final String FOREIGN_KEY = "kC-foreign-key-secret";
    private static final String BASIC_PASSWORD = "basic-password-secret";
    private static final String BASIC_HASH_IN_KONG = "0123456789abcdef0123456789abcdef01234567";
    private static final String REDIS_OLD = "redis-old-password-secret";
    private static final String REDIS_NEW = "redis-new-password-secret";
    private static final String SUBSTITUTED_HOST = "substituted-host-secret.internal";

    private static final List<String> SECRETS = List.of(NEW_KEY, OLD_KEY, FOREIGN_KEY, BASIC_PASSWORD,
            BASIC_HASH_IN_KONG, REDIS_OLD, REDIS_NEW, SUBSTITUTED_HOST);

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void noSecretAppearsInAnyFormat(ReportFormat format) {
        Plan plan = planWithSecrets();
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(2, 2, 1));
        assertThat(plan.conflicts()).hasSize(1);

        String report = Reports.render(plan, format);

        for (String secret : SECRETS) {
            assertThat(report).as(format + " report").doesNotContain(secret);
        }
        assertThat(report).contains("(sensitive)").contains("alice").contains("rate-limiting");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void maskedValuesStillShowWhatChanged(ReportFormat format) {
        String report = Reports.render(planWithSecrets(), format);

        assertThat(report).contains("config.redis.password").contains("config.minute").contains("password");
        if (format == ReportFormat.TEXT) {
            assertThat(report)
                    .contains("    config.redis.password: (sensitive) -> (sensitive)\n")
                    .contains("    config.minute: 5 -> 10\n")
                    .contains("+ keyauth_credential (sensitive) (consumer alice)\n")
                    .contains("- keyauth_credential (sensitive) (consumer alice)\n")
                    .contains("    host: (sensitive)\n");
        }
    }

    private static Plan planWithSecrets() {
        Entity alice = entity(ALICE, map("username", "alice", "tags", List.of(OWNED)));
        Entity aliceInKong = new Entity(ALICE, ALICE_ID_IN_KONG, alice.fields(), null, Set.of());

        Entity newKey = keyAuth(NEW_KEY, List.of(OWNED));
        Entity oldKeyInKong = inKong(keyAuth(OLD_KEY, List.of(OWNED)));
        Entity foreignKey = keyAuth(FOREIGN_KEY, List.of(OWNED));
        Entity foreignKeyInKong = inKong(keyAuth(FOREIGN_KEY, List.of()));

        EntityKey basicKey = key(EntityKind.BASICAUTH_CREDENTIAL, "alice-basic", "consumer", "alice");
        Entity basic = entity(basicKey, map("username", "alice-basic", "password", BASIC_PASSWORD,
                "consumer", ALICE, "tags", List.of(OWNED)));
        Entity basicInKong = with(inKong(basic), map("password", BASIC_HASH_IN_KONG));

        Entity rateLimiting = rateLimiting(REDIS_NEW, 10L, Set.of("config.redis.password"));
        Entity rateLimitingInKong = inKong(rateLimiting(REDIS_OLD, 5L, Set.of()));

        Entity substituted = service("internal", map("host", SUBSTITUTED_HOST), OWNED);
        substituted = new Entity(substituted.key(), substituted.id(), substituted.fields(), null, Set.of("host"));

        State desired = State.of(List.of(alice, newKey, foreignKey, basic, rateLimiting, substituted));
        State current = State.of(List.of(aliceInKong, oldKeyInKong, foreignKeyInKong, basicInKong, rateLimitingInKong));
        return Planner.plan(desired, current, PlanOptions.defaults());
    }

    private static Entity keyAuth(String key, List<String> tags) {
        return entity(key(EntityKind.KEYAUTH_CREDENTIAL, key, "consumer", "alice"),
                map("key", key, "consumer", ALICE, "tags", tags));
    }

    /** rate-limiting's redis.password, marked sensitive by the files' loader (the catalogue may not have it yet). */
    private static Entity rateLimiting(String redisPassword, long minute, Set<String> sensitivePaths) {
        EntityKey key = key(EntityKind.PLUGIN, "rate-limiting", "consumer", "alice");
        Map<String, Object> config = map("minute", minute, "policy", "redis",
                "redis", map("host", "redis.local", "port", 6379L, "password", redisPassword));
        Map<String, Object> fields = map("name", "rate-limiting", "consumer", ALICE, "config", config,
                "enabled", true, "protocols", List.of("grpc", "grpcs", "http", "https"), "tags", List.of(OWNED));
        return new Entity(key, key.deterministicId(), fields, null, sensitivePaths);
    }
}
