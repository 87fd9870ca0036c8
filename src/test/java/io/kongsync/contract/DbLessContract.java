package io.kongsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.kongsync.contract.AdminHttp.Response;
import tools.jackson.databind.JsonNode;

/**
 * Kong 3.9's Admin API in DB-less mode ({@code database = off}): {@code /config}, read-only DAO endpoints and the
 * configuration hash. Each test loads the configuration it needs; the configuration found before the class ran is
 * loaded back afterwards.
 */
abstract class DbLessContract extends ContractSupport {

    private static final String ZERO_HASH = "00000000000000000000000000000000";

    private String configBefore;

    @Override
    protected KongTarget.Mode expectedMode() {
        return KongTarget.Mode.DBLESS;
    }

    @BeforeAll
    void rememberConfiguration() {
        Response config = http.get("/config");
        configBefore = config.status() == 200 ? config.at("config").stringValue() : null;
    }

    @AfterAll
    void restoreConfiguration() {
        if (configBefore != null) {
            http.post("/config", "{\"config\":" + quoted(configBefore) + "}");
        }
    }

    /** A config with one service (and its route) and one consumer, as a JSON object. */
    private String configWith(String service, String route, String consumer) {
        return json("""
                {"_format_version": "3.0",
                 "services": [{"name": "%s", "host": "example.test",
                               "routes": [{"name": "%s", "paths": ["/dbless"]}]}],
                 "consumers": [{"username": "%s"}]}""", service, route, consumer);
    }

    private String loadService() {
        String service = unique("svc");
        Response loaded = http.post("/config", configWith(service, unique("route"), unique("user")));
        assertThat(loaded.status()).as("%s", loaded).isEqualTo(201);
        return service;
    }

    @Test
    void rootReportsDatabaseOff() {
        Response root = http.get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.at("version").stringValue()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(root.at("configuration").path("database").stringValue()).isEqualTo("off");
    }

    @Test
    void postConfigIs201AndTheEntitiesCanBeRead() {
        String service = unique("svc");
        String route = unique("route");
        String consumer = unique("user");

        Response loaded = http.post("/config", configWith(service, route, consumer));

        assertThat(loaded.status()).isEqualTo(201);
        Response readService = http.get("/services/" + service);
        assertThat(readService.status()).isEqualTo(200);
        assertThat(readService.at("host").stringValue()).isEqualTo("example.test");
        assertThat(readService.at("port").intValue()).isEqualTo(80);
        Response readRoute = http.get("/routes/" + route);
        assertThat(readRoute.status()).isEqualTo(200);
        assertThat(readRoute.at("service").path("id").stringValue()).isEqualTo(readService.at("id").stringValue());
        assertThat(http.get("/consumers/" + consumer).status()).isEqualTo(200);
        assertThat(names(http.get("/services"), "name")).containsExactly(service);
    }

    @Test
    void postConfigAnswersWithTheEntitiesKeyedByTypeAndId() {
        String service = unique("svc");

        Response loaded = http.post("/config", configWith(service, unique("route"), unique("user")));

        assertThat(loaded.status()).isEqualTo(201);
        JsonNode services = loaded.at("services");
        assertThat(services.isObject()).isTrue();
        String id = http.get("/services/" + service).at("id").stringValue();
        assertThat(services.path(id).path("name").stringValue()).isEqualTo(service);
    }

    @Test
    void newConfigReplacesTheWholeConfiguration() {
        String first = loadService();

        String second = loadService();

        assertThat(http.get("/services/" + first).status()).isEqualTo(404);
        assertThat(http.get("/services/" + second).status()).isEqualTo(200);
    }

    @Test
    void checkHashWithTheSameConfigStringIs304() {
        String yaml = "_format_version: \"3.0\"\nservices:\n- name: " + unique("svc") + "\n  host: example.test\n";
        String body = "{\"config\":" + quoted(yaml) + "}";

        Response first = http.post("/config?check_hash=1", body);
        Response second = http.post("/config?check_hash=1", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(304);
    }

    @Test
    void checkHashWithAJsonObjectBodyNeverAnswers304() {
        String body = configWith(unique("svc"), unique("route"), unique("user"));

        Response first = http.post("/config?check_hash=1", body);
        Response second = http.post("/config?check_hash=1", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
    }

    @Test
    void yamlBodyIsAcceptedAsTheConfig() {
        String service = unique("svc");
        String yaml = "_format_version: \"3.0\"\nservices:\n- name: " + service + "\n  url: https://example.test/y\n";

        Response loaded = http.send("POST", "/config", yaml, "text/yaml");

        assertThat(loaded.status()).isEqualTo(201);
        Response read = http.get("/services/" + service);
        assertThat(read.at("protocol").stringValue()).isEqualTo("https");
        assertThat(read.at("path").stringValue()).isEqualTo("/y");
    }

    @Test
    void configurationHashIsTheMd5OfTheSubmittedString() {
        String yaml = "_format_version: \"3.0\"\nconsumers:\n- username: " + unique("user") + "\n";

        assertThat(http.post("/config", "{\"config\":" + quoted(yaml) + "}").status()).isEqualTo(201);

        Response status = http.get("/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.at("configuration_hash").stringValue()).isEqualTo(md5Hex(yaml));
    }

    @Test
    void statusCarriesAConfigurationHashAndNoDatabaseObject() {
        loadService();

        Response status = http.get("/status");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.at("configuration_hash").stringValue()).matches("[0-9a-f]{32}").isNotEqualTo(ZERO_HASH);
        assertThat(status.body().has("database")).isFalse();
    }

    @Test
    void invalidConfigIs400Code14WithErrorsPerEntityIndex() {
        Response response = http.post("/config", json(
                "{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"%s\",\"port\":70000}]}", unique("svc")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(14);
        assertThat(response.at("name").stringValue()).isEqualTo("invalid declarative configuration");
        assertThat(response.at("message").stringValue()).startsWith("declarative config is invalid: ");
        JsonNode errors = response.at("fields").path("services").path(0);
        assertThat(errors.path("host").stringValue()).isEqualTo("required field missing");
        assertThat(errors.path("port").stringValue()).isEqualTo("value should be between 0 and 65535");
    }

    @Test
    void invalidConfigKeepsThePreviousConfiguration() {
        String service = loadService();

        Response rejected = http.post("/config", "{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"broken\"}]}");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(http.get("/services/" + service).status()).isEqualTo(200);
    }

    @Test
    void flattenErrorsListsEachInvalidEntityWithItsErrors() {
        String name = unique("svc");

        Response response = http.post("/config?flatten_errors=1",
                json("{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"%s\"}]}", name));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(14);
        JsonNode flattened = response.at("flattened_errors");
        assertThat(flattened.isArray()).isTrue();
        assertThat(flattened.size()).isEqualTo(1);
        JsonNode entity = flattened.path(0);
        assertThat(entity.path("entity_type").stringValue()).isEqualTo("service");
        assertThat(entity.path("entity_name").stringValue()).isEqualTo(name);
        assertThat(entity.path("entity").path("name").stringValue()).isEqualTo(name);
        assertThat(entity.path("errors").size()).isEqualTo(1);
        assertThat(entity.path("errors").path(0).path("type").stringValue()).isEqualTo("field");
        assertThat(entity.path("errors").path(0).path("field").stringValue()).isEqualTo("host");
        assertThat(entity.path("errors").path(0).path("message").stringValue()).isEqualTo("required field missing");
        assertThat(response.at("fields").path("services").isMissingNode()).isTrue();
    }

    @Test
    void duplicateNamesInAConfigAreAUniquenessViolation() {
        String name = unique("svc");

        Response response = http.post("/config", json("""
                {"_format_version": "3.0", "services": [{"name": "%1$s", "host": "a.test"}, {"name": "%1$s", "host": "b.test"}]}""",
                name));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(14);
        assertThat(response.text()).contains("uniqueness violation: 'services' entity with name set to '" + name + "' already declared");
    }

    @Test
    void postConfigWithoutABodyIs400() {
        Response response = http.send("POST", "/config", null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue()).isEqualTo("expected a declarative configuration");
    }

    @Test
    void getConfigReturnsTheLoadedConfigurationAsYaml() {
        String service = loadService();

        Response response = http.get("/config");

        assertThat(response.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(response.at("config").stringValue());
        assertThat(config.get("_format_version")).isEqualTo("3.0");
        assertThat(config.get("_transform")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) config.get("services");
        assertThat(services).extracting(s -> s.get("name")).containsExactly(service);
        assertThat(services.get(0)).containsKeys("created_at", "updated_at", "path");
    }

    // ---- writes on DAO endpoints ----

    @Test
    void postOnACollectionIs405Code12() {
        loadService();

        assertUnsupported(http.post("/services", "{\"host\":\"example.test\"}"),
                "cannot create 'services' entities when not using a database");
    }

    @Test
    void putByIdIs405Code12() {
        String id = http.get("/services/" + loadService()).at("id").stringValue();

        assertUnsupported(http.put("/services/" + id, "{\"host\":\"example.test\"}"),
                "cannot create or update 'services' entities when not using a database");
    }

    @Test
    void putByNameIs405Code12() {
        String name = loadService();

        assertUnsupported(http.put("/services/" + name, "{\"host\":\"example.test\"}"),
                "cannot create or update 'services' entities by 'name' when not using a database");
    }

    @Test
    void patchOfAnExistingEntityIs405Code12() {
        String name = loadService();
        String id = http.get("/services/" + name).at("id").stringValue();

        assertUnsupported(http.patch("/services/" + id, "{\"retries\":1}"),
                "cannot update 'services' entities when not using a database");
        assertUnsupported(http.patch("/services/" + name, "{\"retries\":1}"),
                "cannot update 'services' entities by 'name' when not using a database");
    }

    @Test
    void deleteOfAnExistingEntityIs405Code12() {
        String name = loadService();
        String id = http.get("/services/" + name).at("id").stringValue();

        assertUnsupported(http.delete("/services/" + id), "cannot remove 'services' entities when not using a database");
        assertUnsupported(http.delete("/services/" + name), "cannot remove 'services' entities by 'name' when not using a database");
        assertThat(http.get("/services/" + name).status()).isEqualTo(200);
    }

    @Test
    void invalidBodyIsASchemaViolationBeforeTheWriteIsRefused() {
        loadService();

        Response response = http.post("/services", "{\"port\":1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("host").stringValue()).isEqualTo("required field missing");
    }

    @Test
    void patchOfAMissingEntityIs404AndDeleteOfAMissingEntityIs204() {
        loadService();

        assertThat(http.patch("/services/" + UUID.randomUUID(), "{\"retries\":1}").status()).isEqualTo(404);
        assertThat(http.delete("/services/" + UUID.randomUUID()).status()).isEqualTo(204);
    }

    private static void assertUnsupported(Response response, String message) {
        assertThat(response.status()).as("%s", response).isEqualTo(405);
        assertThat(response.at("code").intValue()).isEqualTo(12);
        assertThat(response.at("name").stringValue()).isEqualTo("operation unsupported");
        assertThat(response.at("message").stringValue()).isEqualTo(message);
        assertThat(response.body().has("fields")).isFalse();
    }

    private static List<String> names(Response list, String field) {
        assertThat(list.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.at("data").forEach(entity -> names.add(entity.path(field).stringValue()));
        return names;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
