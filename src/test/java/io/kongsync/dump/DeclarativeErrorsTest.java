package io.kongsync.dump;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Kong's flattened /config errors (kong-admin-api.md 4.1, kong/db/errors.lua) located in the files. */
class DeclarativeErrorsTest {

    private static final String FILE = "src/test/resources/echo/files.yaml";
    private static final Path FILES = Path.of(FILE);

    private static State desired;
    private static Function<EntityKey, UUID> ids;

    @BeforeAll
    static void load() {
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(FILES), StateLoader.Options.defaults());
        assertThat(loaded.diagnostics()).isEmpty();
        desired = loaded.state();
        ids = key -> desired.get(key).map(Entity::id).orElseThrow();
    }

    private static String id(String canonical) {
        return desired.entities().keySet().stream().filter(k -> k.canonical().equals(canonical)).findFirst()
                .map(ids).orElseThrow().toString();
    }

    private static List<String> map(Map<String, Object> body) {
        return DeclarativeErrors.map(body, desired, ids).stream().map(Diagnostic::format).toList();
    }

    @Test
    void fieldAndEntityErrorsPointAtTheEntityInTheFiles() {
        Map<String, Object> body = Map.of("code", 14, "name", "invalid declarative configuration",
                "message", "declarative config is invalid: {...}",
                "fields", Map.of(),
                "flattened_errors", List.of(
                        Map.of("entity_type", "route", "entity_id", id("route:echo-route"), "entity_name", "echo-route",
                                "entity", Map.of("name", "echo-route"),
                                "errors", List.of(Map.of("type", "field", "field", "paths.1",
                                        "message", "should start with: / (fixed path) or ~/ (regex path)"))),
                        Map.of("entity_type", "plugin", "entity_id", id("plugin:rate-limiting[service=echo-svc]"),
                                "entity_name", "rate-limiting", "entity", Map.of(),
                                "errors", List.of(
                                        Map.of("type", "field", "field", "config.redis.host", "message",
                                                "required field missing"),
                                        Map.of("type", "entity", "message",
                                                "at least one of these fields must be non-empty: 'config.second'")))));

        assertThat(map(body)).containsExactly(
                FILE + ":7:9: services[0].routes[0].paths.1: should start with: / (fixed path) or ~/ (regex path)",
                FILE + ":18:9: services[0].plugins[0].config.redis.host: required field missing",
                FILE + ":18:9: services[0].plugins[0]: at least one of these fields must be non-empty: 'config.second'");
    }

    @Test
    void secretValuesInKongsMessagesAreMasked() {
        Map<String, Object> body = Map.of("flattened_errors", List.of(
                Map.of("entity_type", "keyauth_credential", "entity_id", id("keyauth_credential:alice-secret-key[consumer=alice]"),
                        "entity", Map.of("key", "alice-secret-key"),
                        "errors", List.of(Map.of("type", "entity", "message",
                                "uniqueness violation: 'keyauth_credentials' entity with key set to 'alice-secret-key' already declared"))),
                Map.of("entity_type", "keyauth_credential", "entity_id", "11111111-1111-4111-8111-111111111111",
                        "entity", Map.of("key", "alice-secret-key"),
                        "errors", List.of(Map.of("type", "field", "field", "key",
                                "message", "'alice-secret-key' is taken")))));

        List<String> messages = map(body);

        assertThat(messages).containsExactly(
                "kong: keyauth_credential 11111111-1111-4111-8111-111111111111: key: '(sensitive)' is taken",
                FILE + ":37:9: consumers[0].keyauth_credentials[0]: uniqueness violation: 'keyauth_credentials' "
                        + "entity with key set to '(sensitive)' already declared");
        assertThat(String.join("\n", messages)).doesNotContain("alice-secret-key");
    }

    @Test
    void entitiesKongNamesByAnUnknownIdAndLeftoverFieldsAreReportedWithoutAFile() {
        Map<String, Object> body = Map.of(
                "fields", Map.of("foo", "unknown field", "services", List.of(Map.of("port", "expected an integer"))),
                "flattened_errors", List.of(Map.of("entity_type", "service", "entity_name", "ghost",
                        "entity_id", "22222222-2222-4222-8222-222222222222", "entity", Map.of(),
                        "errors", List.of(Map.of("type", "field", "field", "host", "message", "required field missing")))));

        assertThat(map(body)).containsExactlyInAnyOrder(
                "kong: service ghost: host: required field missing",
                "kong: foo: unknown field",
                "kong: services[0].port: expected an integer");
    }

    @Test
    void withNothingToLocateKongsMessageIsKept() {
        assertThat(map(Map.of("message", "expected a declarative configuration")))
                .containsExactly("kong: expected a declarative configuration");
    }
}
