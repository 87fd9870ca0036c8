package io.kongsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.kongsync.contract.AdminHttp.Response;
import tools.jackson.databind.JsonNode;

/**
 * Kong 3.9's Admin API in database mode, request by request, as Kong's Admin API and plugin documentation and its
 * source state it. Every test creates its own uniquely named entities and deletes them afterwards, so
 * the contract also runs against a shared Kong.
 */
abstract class DatabaseModeContract extends ContractSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Override
    protected KongTarget.Mode expectedMode() {
        return KongTarget.Mode.DATABASE;
    }

    // ---- GET / ----

    @Test
    void rootReportsAParseableVersionAndPostgresAsDatabase() {
        Response root = http.get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.at("version").stringValue()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(root.at("configuration").path("database").stringValue()).isEqualTo("postgres");
        assertThat(root.at("plugins").path("available_on_server").path("key-auth").path("version").isString()).isTrue();
    }

    @Test
    void statusReportsTheDatabaseAsReachable() {
        Response status = http.get("/status");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.at("database").path("reachable").booleanValue()).isTrue();
        assertThat(status.at("server").path("total_requests").isIntegralNumber()).isTrue();
    }

    @Test
    void unknownPathIs404NotFound() {
        Response response = http.get("/no-such-endpoint");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("message").stringValue()).isEqualTo("Not found");
    }

    @Test
    void methodThePathDoesNotDefineIs405() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        Response response = http.post("/services/" + name, "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.at("message").stringValue()).isEqualTo("Method not allowed");
    }

    @Test
    void optionsIs204AndListsTheAllowedMethods() {
        Response response = http.send("OPTIONS", "/services", null, null);

        assertThat(response.status()).isEqualTo(204);
        String allowed = response.headers().firstValue("Allow")
                .or(() -> response.headers().firstValue("Access-Control-Allow-Methods")).orElse("");
        assertThat(allowed).contains("GET").contains("POST");
    }

    @Test
    void postConfigIsRefusedWithADatabase() {
        Response response = http.post("/config", "{\"_format_version\":\"3.0\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue())
                .isEqualTo("this endpoint is only available when Kong is configured to not use a database");
    }

    // ---- create, defaults, nulls ----

    @Test
    void createdServiceIs201WithDefaultsFilledAndUnsetFieldsAsNull() {
        String name = unique("svc");
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        assertThat(service.path("id").stringValue()).matches(UUID_PATTERN);
        assertThat(service.path("created_at").isIntegralNumber()).isTrue();
        assertThat(service.path("updated_at").isIntegralNumber()).isTrue();
        assertThat(service.path("name").stringValue()).isEqualTo(name);
        assertThat(service.path("protocol").stringValue()).isEqualTo("http");
        assertThat(service.path("port").intValue()).isEqualTo(80);
        assertThat(service.path("retries").intValue()).isEqualTo(5);
        assertThat(service.path("connect_timeout").intValue()).isEqualTo(60000);
        assertThat(service.path("write_timeout").intValue()).isEqualTo(60000);
        assertThat(service.path("read_timeout").intValue()).isEqualTo(60000);
        assertThat(service.path("enabled").booleanValue()).isTrue();
        for (String unset : List.of("path", "tags", "client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates")) {
            assertThat(service.has(unset)).as("%s present", unset).isTrue();
            assertThat(service.path(unset).isNull()).as("%s is null", unset).isTrue();
        }
    }

    @Test
    void serviceUrlShorthandIsExpandedAndNeverEchoed() {
        String name = unique("svc");
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"url\":\"https://example.test/api\"}", name));

        assertThat(service.path("protocol").stringValue()).isEqualTo("https");
        assertThat(service.path("host").stringValue()).isEqualTo("example.test");
        assertThat(service.path("port").intValue()).isEqualTo(443);
        assertThat(service.path("path").stringValue()).isEqualTo("/api");
        assertThat(service.has("url")).isFalse();
    }

    @Test
    void patchWithUrlWithoutPathClearsThePath() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"url\":\"https://example.test/api\"}", name));

        Response patched = http.patch("/services/" + name, "{\"url\":\"http://other.test:8080\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("protocol").stringValue()).isEqualTo("http");
        assertThat(patched.at("host").stringValue()).isEqualTo("other.test");
        assertThat(patched.at("port").intValue()).isEqualTo(8080);
        assertThat(patched.at("path").isNull()).isTrue();
    }

    @Test
    void createdRouteHasDefaultsAndNoExpressionFieldsUnderTheDefaultFlavor() {
        JsonNode route = create("/routes", json("{\"name\":\"%s\",\"paths\":[\"/r\"]}", unique("route")));

        assertThat(route.path("protocols").toString()).isEqualTo("[\"http\",\"https\"]");
        assertThat(route.path("https_redirect_status_code").intValue()).isEqualTo(426);
        assertThat(route.path("regex_priority").intValue()).isZero();
        assertThat(route.path("strip_path").booleanValue()).isTrue();
        assertThat(route.path("path_handling").stringValue()).isEqualTo("v0");
        assertThat(route.path("preserve_host").booleanValue()).isFalse();
        assertThat(route.path("request_buffering").booleanValue()).isTrue();
        assertThat(route.path("response_buffering").booleanValue()).isTrue();
        for (String unset : List.of("methods", "hosts", "headers", "snis", "sources", "destinations", "tags", "service")) {
            assertThat(route.path(unset).isNull()).as("%s is null", unset).isTrue();
        }
        assertThat(route.has("expression")).isFalse();
        assertThat(route.has("priority")).isFalse();
    }

    @Test
    void routeExpressionAndPriorityAreUnknownFieldsUnderTheDefaultFlavor() {
        // Kong 3.9 adds both fields to the routes schema only with router_flavor = expressions
        Response response = http.post("/routes", json("{\"name\":\"%s\",\"paths\":[\"/r\"],\"expression\":\"http.path == \\\"/r\\\"\","
                + "\"priority\":100}", unique("route")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("name").stringValue()).isEqualTo("schema violation");
        assertThat(response.at("fields").path("expression").stringValue()).isEqualTo("unknown field");
        assertThat(response.at("fields").path("priority").stringValue()).isEqualTo("unknown field");
        assertThat(response.at("message").stringValue())
                .isEqualTo("2 schema violations (expression: unknown field; priority: unknown field)");
    }

    @Test
    void createdUpstreamHasDefaultAlgorithmSlotsAndHealthchecks() {
        JsonNode upstream = create("/upstreams", json("{\"name\":\"%s.test\"}", unique("up")));

        assertThat(upstream.path("algorithm").stringValue()).isEqualTo("round-robin");
        assertThat(upstream.path("hash_on").stringValue()).isEqualTo("none");
        assertThat(upstream.path("hash_fallback").stringValue()).isEqualTo("none");
        assertThat(upstream.path("hash_on_cookie_path").stringValue()).isEqualTo("/");
        assertThat(upstream.path("slots").intValue()).isEqualTo(10000);
        assertThat(upstream.path("use_srv_name").booleanValue()).isFalse();
        assertThat(upstream.path("host_header").isNull()).isTrue();
        JsonNode healthchecks = upstream.path("healthchecks");
        assertThat(healthchecks.path("threshold").numberValue().intValue()).isZero();
        assertThat(healthchecks.at("/active/type").stringValue()).isEqualTo("http");
        assertThat(healthchecks.at("/active/http_path").stringValue()).isEqualTo("/");
        assertThat(healthchecks.at("/active/healthy/http_statuses").toString()).isEqualTo("[200,302]");
        assertThat(healthchecks.at("/active/unhealthy/http_statuses").toString()).isEqualTo("[429,404,500,501,502,503,504,505]");
        assertThat(healthchecks.at("/passive/unhealthy/http_statuses").toString()).isEqualTo("[429,500,503]");
    }

    @Test
    void upstreamHashingOnAHeaderForcesConsistentHashing() {
        JsonNode upstream = create("/upstreams", json(
                "{\"name\":\"%s.test\",\"algorithm\":\"round-robin\",\"hash_on\":\"header\",\"hash_on_header\":\"x-user\"}",
                unique("up")));

        assertThat(upstream.path("algorithm").stringValue()).isEqualTo("consistent-hashing");
    }

    @Test
    void getByIdAndByEndpointKeyReturnTheSameEntity() {
        String name = unique("svc");
        JsonNode created = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        Response byId = http.get("/services/" + created.path("id").stringValue());
        Response byName = http.get("/services/" + name);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byId.body()).isEqualTo(created);
        assertThat(byName.body()).isEqualTo(created);
    }

    @Test
    void getOfAMissingEntityIs404NotFound() {
        Response byId = http.get("/services/" + UUID.randomUUID());
        Response byName = http.get("/services/" + unique("missing"));

        assertThat(byId.status()).isEqualTo(404);
        assertThat(byId.at("message").stringValue()).isEqualTo("Not found");
        assertThat(byName.status()).isEqualTo(404);
        assertThat(byName.at("message").stringValue()).isEqualTo("Not found");
    }

    // ---- errors ----

    @Test
    void missingRequiredFieldIsASchemaViolationWithCode2() {
        Response response = http.post("/services", json("{\"name\":\"%s\"}", unique("svc")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("name").stringValue()).isEqualTo("schema violation");
        assertThat(response.at("message").stringValue()).isEqualTo("schema violation (host: required field missing)");
        assertThat(response.at("fields").path("host").stringValue()).isEqualTo("required field missing");
    }

    @Test
    void severalSchemaViolationsAreCountedAndSortedInTheMessage() {
        Response response = http.post("/services", "{\"port\":70000}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue()).isEqualTo(
                "2 schema violations (host: required field missing; port: value should be between 0 and 65535)");
    }

    @Test
    void unknownFieldIsRejected() {
        Response response = http.post("/services", "{\"host\":\"example.test\",\"colour\":\"blue\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("colour").stringValue()).isEqualTo("unknown field");
    }

    @Test
    void badEnumValueListsTheAllowedValues() {
        Response response = http.post("/services", "{\"host\":\"example.test\",\"protocol\":\"ftp\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("protocol").stringValue())
                .isEqualTo("expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp");
    }

    @Test
    void httpRouteWithoutAMatcherFailsTheEntityCheck() {
        Response response = http.post("/routes", "{\"protocols\":[\"http\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("@entity").toString())
                .isEqualTo("[\"must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'\"]");
    }

    @Test
    void consumerNeedsAUsernameOrACustomId() {
        Response response = http.post("/consumers", "{\"tags\":[\"x\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("@entity").toString())
                .isEqualTo("[\"at least one of these fields must be non-empty: 'custom_id', 'username'\"]");
    }

    @Test
    void malformedJsonIs400CannotParse() {
        Response response = http.post("/services", "{\"host\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue()).isEqualTo("Cannot parse JSON body");
    }

    @Test
    void bodyOfAContentTypeKongDoesNotReadIs415() {
        String json = json("{\"username\":\"%s\"}", unique("u"));

        Response plain = http.send("POST", "/consumers", json, "text/plain");
        Response none = http.send("POST", "/consumers", json, null);
        Response yaml = http.send("POST", "/consumers", "username: x", "application/yaml");

        for (Response response : List.of(plain, none, yaml)) {
            assertThat(response.status()).as("%s", response).isEqualTo(415);
            assertThat(response.body().isMissingNode()).as("not a JSON body: %s", response).isTrue();
        }
    }

    @Test
    void jsonContentTypeWithoutABodyIs400CannotParse() {
        Response response = http.send("POST", "/consumers", null, "application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toString()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    }

    @Test
    void noBodyAndNoContentTypeIsAnEmptyEntity() {
        Response response = http.send("POST", "/consumers", null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("@entity").toString())
                .isEqualTo("[\"at least one of these fields must be non-empty: 'custom_id', 'username'\"]");
    }

    @Test
    void formBodiesAreDecodedAndTypedByTheSchema() {
        String form = "application/x-www-form-urlencoded";
        String a = unique("u");
        String b = unique("u");
        String upstream = unique("up") + ".test";

        Response brackets = http.send("POST", "/consumers", "username=" + a + "&tags[]=x&tags[]=y", form);
        deleteAfterTest("/consumers/" + a);
        Response single = http.send("POST", "/consumers", "username=" + b + "&tags=x", form);
        deleteAfterTest("/consumers/" + b);
        Response nested = http.send("POST", "/upstreams", "name=" + upstream
                + "&slots=100&healthchecks.active.healthy.interval=5&healthchecks.active.https_verify_certificate=false", form);
        deleteAfterTest("/upstreams/" + upstream);

        assertThat(brackets.status()).as("%s", brackets).isEqualTo(201);
        assertThat(brackets.at("tags").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(single.status()).as("%s", single).isEqualTo(201);
        assertThat(single.at("tags").toString()).isEqualTo("[\"x\"]");
        assertThat(nested.status()).as("%s", nested).isEqualTo(201);
        assertThat(nested.at("slots").intValue()).isEqualTo(100);
        assertThat(nested.at("healthchecks").at("/active/healthy/interval").numberValue().intValue()).isEqualTo(5);
        assertThat(nested.at("healthchecks").at("/active/https_verify_certificate").booleanValue()).isFalse();
    }

    @Test
    void pluginFormFieldsAreTypedByThePluginsConfigSchemaAlsoOnPatch() {
        String form = "application/x-www-form-urlencoded";
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));

        Response created = http.send("POST", "/services/" + service.path("id").stringValue() + "/plugins",
                "name=rate-limiting&config.minute=5&config.policy=local", form);
        deleteAfterTest("/plugins/" + created.at("id").stringValue());
        Response patched = http.send("PATCH", "/plugins/" + created.at("id").stringValue(), "config.hour=100", form);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.at("config").path("minute").numberValue().intValue()).isEqualTo(5);
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.at("config").path("hour").numberValue().intValue()).isEqualTo(100);
        assertThat(patched.at("config").path("minute").numberValue().intValue()).isEqualTo(5);
    }

    @Test
    void multipartBodiesAreReadLikeForms() {
        String username = unique("u");
        String boundary = "kongsync-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n" + username + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[1]\"\r\n\r\nx\r\n"
                + "--" + boundary + "--\r\n";

        Response response = http.send("POST", "/consumers", body, "multipart/form-data; boundary=" + boundary);
        deleteAfterTest("/consumers/" + username);

        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.at("username").stringValue()).isEqualTo(username);
        assertThat(response.at("tags").toString()).isEqualTo("[\"x\"]");
    }

    @Test
    void patchTakesEmptyArraysAsEmptyAndNullForeignKeysAsNoParent() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));
        String routeId = create("/routes", json(
                "{\"paths\":[\"/p\"],\"methods\":[\"GET\"],\"service\":{\"name\":\"%s\"}}", name)).path("id").stringValue();

        Response emptied = http.patch("/routes/" + routeId, "{\"methods\":[],\"paths\":[],\"hosts\":[\"h.test\"]}");
        Response detached = http.patch("/routes/" + routeId, "{\"service\":null}");
        Response formNull = http.send("PATCH", "/routes/" + routeId, "hosts=&paths[]=/q",
                "application/x-www-form-urlencoded");

        // Kong's routes spec: empty arrays are echoed as [], and a null service removes the association.
        assertThat(emptied.status()).as("%s", emptied).isEqualTo(200);
        assertThat(emptied.text()).contains("\"methods\":[]").contains("\"paths\":[]");
        assertThat(emptied.at("hosts").toString()).isEqualTo("[\"h.test\"]");
        assertThat(detached.status()).as("%s", detached).isEqualTo(200);
        assertThat(detached.at("service").isNull()).isTrue();
        assertThat(formNull.status()).as("%s", formNull).isEqualTo(200);
        assertThat(formNull.at("hosts").isNull()).isTrue();
        assertThat(formNull.at("paths").toString()).isEqualTo("[\"/q\"]");
    }

    @Test
    void tagFilterWithACharacterTagsCannotHoldIsCode11() {
        Response response = http.get("/consumers?tags=a%09b");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue()).isEqualTo("invalid option (tags: invalid filter syntax)");
    }

    @Test
    void duplicateNameIs409UniqueViolationWithCode5() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        Response response = http.post("/services", json("{\"name\":\"%s\",\"host\":\"other.test\"}", name));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.at("code").intValue()).isEqualTo(5);
        assertThat(response.at("name").stringValue()).isEqualTo("unique constraint violation");
        assertThat(response.at("message").stringValue()).isEqualTo("UNIQUE violation detected on '{name=\"" + name + "\"}'");
        assertThat(response.at("fields").path("name").stringValue()).isEqualTo(name);
    }

    @Test
    void foreignKeyToAMissingIdIsAForeignKeyViolationWithCode4() {
        String missing = UUID.randomUUID().toString();

        Response response = http.post("/routes", json("{\"paths\":[\"/fk\"],\"service\":{\"id\":\"%s\"}}", missing));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(4);
        assertThat(response.at("name").stringValue()).isEqualTo("foreign key violation");
        assertThat(response.at("message").stringValue()).isEqualTo(
                "the foreign key '{id=\"" + missing + "\"}' does not reference an existing 'services' entity.");
        assertThat(response.at("fields").path("service").path("id").stringValue()).isEqualTo(missing);
    }

    @Test
    void foreignKeyByAnUnknownNameIsUnresolvedWithCode13() {
        String missing = unique("nosvc");

        Response response = http.post("/routes", json("{\"paths\":[\"/fk\"],\"service\":{\"name\":\"%s\"}}", missing));

        String why = "the foreign key cannot be resolved with '{name=\"" + missing + "\"}' for an existing 'services' entity";
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(13);
        assertThat(response.at("name").stringValue()).isEqualTo("foreign keys unresolved");
        assertThat(response.at("message").stringValue()).isEqualTo("foreign key unresolved (service.name: " + why + ")");
        assertThat(response.at("fields").path("service").path("name").stringValue()).isEqualTo(why);
    }

    @Test
    void foreignKeyByNameResolvesToTheId() {
        String name = unique("svc");
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        JsonNode route = create("/routes", json("{\"paths\":[\"/by-name\"],\"service\":{\"name\":\"%s\"}}", name));

        assertThat(route.path("service").toString()).isEqualTo("{\"id\":\"" + service.path("id").stringValue() + "\"}");
    }

    @Test
    void nestedPostTakesTheParentFromTheUrl() {
        String name = unique("svc");
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        JsonNode route = create("/services/" + name + "/routes", "/routes", "{\"paths\":[\"/nested\"]}");

        assertThat(route.path("service").path("id").stringValue()).isEqualTo(service.path("id").stringValue());
        Response children = http.get("/services/" + name + "/routes");
        assertThat(children.at("data").size()).isEqualTo(1);
    }

    @Test
    void nestedPostUnderAMissingParentIs404() {
        Response response = http.post("/services/" + unique("missing") + "/routes", "{\"paths\":[\"/x\"]}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("message").stringValue()).isEqualTo("Not found");
    }

    // ---- PUT ----

    @Test
    void putByNameCreatesWith200AndTakesTheNameFromTheUrl() {
        String name = unique("svc");
        deleteAfterTest("/services/" + name);

        Response response = http.put("/services/" + name, "{\"host\":\"example.test\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("name").stringValue()).isEqualTo(name);
        assertThat(response.at("id").stringValue()).matches(UUID_PATTERN);
        assertThat(http.get("/services/" + name).status()).isEqualTo(200);
    }

    @Test
    void putByUuidCreatesWithThatId() {
        String id = UUID.randomUUID().toString();
        deleteAfterTest("/services/" + id);

        Response response = http.put("/services/" + id, "{\"host\":\"example.test\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("id").stringValue()).isEqualTo(id);
    }

    @Test
    void putReplacesTheWholeEntityKeepingItsId() {
        String name = unique("route");
        JsonNode created = create("/routes", json(
                "{\"name\":\"%s\",\"paths\":[\"/a\"],\"hosts\":[\"a.test\"],\"methods\":[\"GET\"],\"strip_path\":false}", name));

        Response replaced = http.put("/routes/" + name, "{\"paths\":[\"/b\"]}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.at("id").stringValue()).isEqualTo(created.path("id").stringValue());
        assertThat(replaced.at("paths").toString()).isEqualTo("[\"/b\"]");
        assertThat(replaced.at("hosts").isNull()).isTrue();
        assertThat(replaced.at("methods").isNull()).isTrue();
        assertThat(replaced.at("strip_path").booleanValue()).isTrue();
    }

    // ---- PATCH ----

    @Test
    void patchChangesOnlyTheGivenFieldsAndNullClearsAField() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"url\":\"http://example.test/p\",\"tags\":[\"t\"]}", name));

        Response patched = http.patch("/services/" + name, "{\"retries\":1,\"tags\":null}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("retries").intValue()).isEqualTo(1);
        assertThat(patched.at("path").stringValue()).isEqualTo("/p");
        assertThat(patched.at("host").stringValue()).isEqualTo("example.test");
        assertThat(patched.at("tags").isNull()).isTrue();
    }

    @Test
    void patchDeepMergesPluginConfigRecords() {
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));
        JsonNode plugin = create("/plugins", json(
                "{\"name\":\"rate-limiting\",\"service\":{\"id\":\"%s\"},\"config\":{\"minute\":5,\"redis\":{\"timeout\":3000}}}",
                service.path("id").stringValue()));

        Response patched = http.patch("/plugins/" + plugin.path("id").stringValue(),
                "{\"config\":{\"hour\":100,\"redis\":{\"database\":2}}}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode config = patched.at("config");
        assertThat(config.path("minute").numberValue().intValue()).isEqualTo(5);
        assertThat(config.path("hour").numberValue().intValue()).isEqualTo(100);
        assertThat(config.at("/redis/timeout").intValue()).isEqualTo(3000);
        assertThat(config.at("/redis/database").intValue()).isEqualTo(2);
        assertThat(config.at("/redis/port").intValue()).isEqualTo(6379);
        assertThat(config.path("policy").stringValue()).isEqualTo("local");
    }

    @Test
    void patchReplacesArraysWhole() {
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));
        JsonNode plugin = create("/plugins", json(
                "{\"name\":\"key-auth\",\"service\":{\"id\":\"%s\"},\"config\":{\"key_names\":[\"apikey\",\"x-key\"]}}",
                service.path("id").stringValue()));

        Response patched = http.patch("/plugins/" + plugin.path("id").stringValue(), "{\"config\":{\"key_names\":[\"other\"]}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("config").path("key_names").toString()).isEqualTo("[\"other\"]");
    }

    @Test
    void patchOfAMissingEntityIs404WithANotFoundError() {
        String id = UUID.randomUUID().toString();
        String name = unique("missing");

        Response byId = http.patch("/services/" + id, "{\"retries\":1}");
        Response byName = http.patch("/services/" + name, "{\"retries\":1}");

        assertThat(byId.status()).isEqualTo(404);
        assertThat(byId.at("code").intValue()).isEqualTo(6);
        assertThat(byId.at("name").stringValue()).isEqualTo("not found");
        assertThat(byId.at("message").stringValue())
                .isEqualTo("could not find the entity with primary key '{id=\"" + id + "\"}'");
        assertThat(byId.at("fields").path("id").stringValue()).isEqualTo(id);
        assertThat(byName.status()).isEqualTo(404);
        assertThat(byName.at("message").stringValue()).isEqualTo("could not find the entity with '{name=\"" + name + "\"}'");
        assertThat(byName.at("fields").path("name").stringValue()).isEqualTo(name);
    }

    // ---- DELETE ----

    @Test
    void deleteIs204WithAnEmptyBodyAndTheEntityIsGone() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        Response response = http.delete("/services/" + name);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.text()).isEmpty();
        assertThat(http.get("/services/" + name).status()).isEqualTo(404);
    }

    @Test
    void deleteOfAMissingEntityIs204() {
        assertThat(http.delete("/services/" + UUID.randomUUID()).status()).isEqualTo(204);
        assertThat(http.delete("/services/" + unique("missing")).status()).isEqualTo(204);
    }

    @Test
    void deleteOfAServiceWithRoutesIsRestrictedWithCode4() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));
        create("/routes", json("{\"paths\":[\"/restrict\"],\"service\":{\"name\":\"%s\"}}", name));

        Response response = http.delete("/services/" + name);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(4);
        assertThat(response.at("message").stringValue()).isEqualTo("an existing 'routes' entity references this 'services' entity");
        assertThat(response.at("fields").path("@referenced_by").stringValue()).isEqualTo("routes");
        assertThat(http.get("/services/" + name).status()).isEqualTo(200);
    }

    @Test
    void deleteOfAServiceCascadesToItsPlugins() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));
        JsonNode plugin = create("/services/" + name + "/plugins", "/plugins", "{\"name\":\"key-auth\"}");

        assertThat(http.delete("/services/" + name).status()).isEqualTo(204);

        assertThat(http.get("/plugins/" + plugin.path("id").stringValue()).status()).isEqualTo(404);
    }

    @Test
    void deleteOfAConsumerCascadesToItsCredentials() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));
        JsonNode credential = create("/consumers/" + username + "/key-auth", "/key-auths", "{}");

        assertThat(http.delete("/consumers/" + username).status()).isEqualTo(204);

        assertThat(http.get("/key-auths/" + credential.path("id").stringValue()).status()).isEqualTo(404);
    }

    // ---- plugins ----

    @Test
    void pluginConfigGetsTheSchemaDefaults() {
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));

        JsonNode plugin = create("/plugins", json("{\"name\":\"key-auth\",\"service\":{\"id\":\"%s\"}}",
                service.path("id").stringValue()));

        assertThat(plugin.path("enabled").booleanValue()).isTrue();
        assertThat(plugin.path("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        assertThat(plugin.path("route").isNull()).isTrue();
        assertThat(plugin.path("consumer").isNull()).isTrue();
        assertThat(plugin.path("instance_name").isNull()).isTrue();
        JsonNode config = plugin.path("config");
        assertThat(config.path("key_names").toString()).isEqualTo("[\"apikey\"]");
        assertThat(config.path("hide_credentials").booleanValue()).isFalse();
        assertThat(config.path("key_in_header").booleanValue()).isTrue();
        assertThat(config.path("key_in_query").booleanValue()).isTrue();
        assertThat(config.path("key_in_body").booleanValue()).isFalse();
        assertThat(config.path("run_on_preflight").booleanValue()).isTrue();
        assertThat(config.path("anonymous").isNull()).isTrue();
        assertThat(config.path("realm").isNull()).isTrue();
    }

    @Test
    void rateLimitingConfigGetsTheSchemaDefaultsIncludingTheRedisRecord() {
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));

        JsonNode config = create("/plugins", json("{\"name\":\"rate-limiting\",\"service\":{\"id\":\"%s\"},\"config\":{\"minute\":5}}",
                service.path("id").stringValue())).path("config");

        assertThat(config.path("second").isNull()).isTrue();
        assertThat(config.path("limit_by").stringValue()).isEqualTo("consumer");
        assertThat(config.path("policy").stringValue()).isEqualTo("local");
        assertThat(config.path("fault_tolerant").booleanValue()).isTrue();
        assertThat(config.path("hide_client_headers").booleanValue()).isFalse();
        assertThat(config.path("error_code").numberValue().intValue()).isEqualTo(429);
        assertThat(config.path("error_message").stringValue()).isEqualTo("API rate limit exceeded");
        assertThat(config.path("sync_rate").numberValue().intValue()).isEqualTo(-1);
        assertThat(config.at("/redis/host").isNull()).isTrue();
        assertThat(config.at("/redis/port").intValue()).isEqualTo(6379);
        assertThat(config.at("/redis/timeout").intValue()).isEqualTo(2000);
        assertThat(config.at("/redis/database").intValue()).isZero();
        assertThat(config.at("/redis/ssl").booleanValue()).isFalse();
        assertThat(config.at("/redis/password").isNull()).isTrue();
    }

    @Test
    void unknownPluginNameIsNotEnabled() {
        Response response = http.post("/plugins", "{\"name\":\"no-such-plugin\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("name").stringValue())
                .isEqualTo("plugin 'no-such-plugin' not enabled; add it to the 'plugins' configuration property");
    }

    @Test
    void secondPluginOfTheSameNameAndScopeIs409() {
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", unique("svc")));
        String id = service.path("id").stringValue();
        create("/plugins", json("{\"name\":\"key-auth\",\"service\":{\"id\":\"%s\"}}", id));

        Response response = http.post("/plugins", json("{\"name\":\"key-auth\",\"service\":{\"id\":\"%s\"}}", id));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.at("code").intValue()).isEqualTo(5);
        JsonNode fields = response.at("fields");
        assertThat(fields.path("name").stringValue()).isEqualTo("key-auth");
        assertThat(fields.path("service").path("id").stringValue()).isEqualTo(id);
        assertThat(fields.path("route").isNull()).isTrue();
        assertThat(fields.path("consumer").isNull()).isTrue();
    }

    // ---- targets ----

    @Test
    void targetWithoutAPortGets8000AndDefaults() {
        String upstream = unique("up") + ".test";
        JsonNode created = create("/upstreams", json("{\"name\":\"%s\"}", upstream));

        Response response = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.1\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.at("target").stringValue()).isEqualTo("10.0.0.1:8000");
        assertThat(response.at("weight").intValue()).isEqualTo(100);
        assertThat(response.at("upstream").path("id").stringValue()).isEqualTo(created.path("id").stringValue());
        assertThat(response.at("created_at").isNumber()).isTrue();
    }

    @Test
    void targetAddressesAreStoredInKongsCanonicalForm() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));

        Response v6 = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"[2001:DB8::1]:8080\"}");
        Response v6NoPort = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"::2\"}");
        Response v4 = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"010.000.000.007:81\"}");

        assertThat(v6.at("target").stringValue()).isEqualTo("[2001:0db8:0000:0000:0000:0000:0000:0001]:8080");
        assertThat(v6NoPort.at("target").stringValue()).isEqualTo("[0000:0000:0000:0000:0000:0000:0000:0002]:8000");
        assertThat(v4.at("target").stringValue()).isEqualTo("10.0.0.7:81");
    }

    @Test
    void duplicateTargetIs409() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        assertThat(http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.2:80\"}").status()).isEqualTo(201);

        Response response = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.2:80\"}");

        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void putOnATargetUpdatesButNeverCreates() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        JsonNode target = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.3:80\"}").body();

        Response updated = http.put("/upstreams/" + upstream + "/targets/10.0.0.3:80", "{\"weight\":5}");
        Response missing = http.put("/upstreams/" + upstream + "/targets/10.0.0.4:80", "{\"weight\":5}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.at("weight").intValue()).isEqualTo(5);
        assertThat(updated.at("id").stringValue()).isEqualTo(target.path("id").stringValue());
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void deleteOfAMissingTargetIs404() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));

        assertThat(http.delete("/upstreams/" + upstream + "/targets/10.9.9.9:80").status()).isEqualTo(404);
    }

    @Test
    void topLevelTargetsEndpointsAre404() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        String id = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.5:80\"}").at("id").stringValue();

        Response list = http.get("/targets");
        Response one = http.get("/targets/" + id);

        assertThat(list.status()).isEqualTo(404);
        assertThat(list.at("message").stringValue()).isEqualTo("Not found");
        assertThat(one.status()).isEqualTo(404);
    }

    @Test
    void deleteOfAnUpstreamCascadesToItsTargets() {
        String upstream = unique("up") + ".test";
        String id = create("/upstreams", json("{\"name\":\"%s\"}", upstream)).path("id").stringValue();
        assertThat(http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.0.6:80\"}").status()).isEqualTo(201);

        assertThat(http.delete("/upstreams/" + upstream).status()).isEqualTo(204);
        Response recreated = http.put("/upstreams/" + id, json("{\"name\":\"%s\"}", upstream));

        assertThat(recreated.status()).isEqualTo(200);
        Response targets = http.get("/upstreams/" + id + "/targets");
        assertThat(targets.status()).isEqualTo(200);
        assertThat(targets.at("data").size()).as("targets left behind: %s", targets).isZero();
    }

    // ---- upstream health ----

    /** Kong runs a health checker only for an upstream with health checks on; passive ones are the cheapest. */
    private static final String PASSIVE_CHECKS =
            "\"healthchecks\":{\"passive\":{\"healthy\":{\"successes\":1},\"unhealthy\":{\"http_failures\":1}}}";

    @Test
    void targetHealthCannotBeSetWhenTheUpstreamHasNoHealthChecks() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        assertThat(http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.1.1:80\"}").status()).isEqualTo(201);

        Response response = putWithoutBody("/upstreams/" + upstream + "/targets/10.0.1.1:80/unhealthy");

        // kong/runloop/balancer: post_health without a health checker.
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.at("message").stringValue()).isEqualTo("no healthchecker found for " + upstream);
    }

    @Test
    void targetHealthIsSetByAddressOrIdAnd404ForUnknownTargetsOrUpstreams() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\",%s}", upstream, PASSIVE_CHECKS));
        String id = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.1.2:80\"}").at("id").stringValue();
        String base = "/upstreams/" + upstream + "/targets/";

        assertThat(putWithoutBody(base + "10.0.1.2:80/unhealthy").status()).isEqualTo(204);
        assertThat(eventuallyHealth(upstream, "UNHEALTHY")).isEqualTo("UNHEALTHY");
        assertThat(putWithoutBody(base + id + "/healthy").status()).isEqualTo(204);
        assertThat(eventuallyHealth(upstream, "HEALTHY")).isEqualTo("HEALTHY");

        assertThat(putWithoutBody(base + "10.9.9.9:80/healthy").status()).isEqualTo(404);
        assertThat(putWithoutBody(base + UUID.randomUUID() + "/healthy").status()).isEqualTo(404);
        assertThat(putWithoutBody("/upstreams/" + unique("nope") + "/targets/10.0.1.2:80/healthy").status()).isEqualTo(404);
        Response post = http.post(base + "10.0.1.2:80/healthy", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.at("message").stringValue()).isEqualTo("Method not allowed");
    }

    @Test
    void healthListsTargetsWithHealthChecksOffAndTheNodeId() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        String id = http.post("/upstreams/" + upstream + "/targets", "{\"target\":\"10.0.1.3:80\"}").at("id").stringValue();
        String nodeId = http.get("/").at("node_id").stringValue();

        Response health = eventually("/upstreams/" + upstream + "/health", r -> r.at("data").path(0).has("health"));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.at("node_id").stringValue()).isEqualTo(nodeId);
        assertThat(health.at("next").isNull()).isTrue();
        JsonNode target = health.at("data").path(0);
        assertThat(target.path("id").stringValue()).isEqualTo(id);
        assertThat(target.path("health").stringValue()).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(target.at("/data/addresses/0/health").stringValue()).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(http.get("/upstreams/" + unique("nope") + "/health").status()).isEqualTo(404);
    }

    @Test
    void allTargetsPageWithAnOpaqueOffsetAndANextLinkToTargetsAll() {
        String upstream = unique("up") + ".test";
        create("/upstreams", json("{\"name\":\"%s\"}", upstream));
        Set<String> ids = new HashSet<>();
        for (String t : List.of("10.0.1.4:80", "10.0.1.5:80")) {
            ids.add(http.post("/upstreams/" + upstream + "/targets", json("{\"target\":\"%s\"}", t)).at("id").stringValue());
        }

        Response first = http.get("/upstreams/" + upstream + "/targets/all?size=1");
        String offset = first.at("offset").stringValue();
        Response second = http.get("/upstreams/" + upstream + "/targets/all?size=1&offset="
                + URLEncoder.encode(offset, StandardCharsets.UTF_8));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.at("data").size()).isEqualTo(1);
        assertThat(first.at("next").stringValue())
                .isEqualTo("/upstreams/" + upstream + "/targets/all?offset=" + URLEncoder.encode(offset, StandardCharsets.UTF_8));
        assertThat(second.at("data").size()).isEqualTo(1);
        assertThat(second.at("next").isNull()).isTrue();
        assertThat(Set.of(first.at("data").path(0).path("id").stringValue(), second.at("data").path(0).path("id").stringValue()))
                .isEqualTo(ids);
        assertThat(http.put("/upstreams/" + upstream + "/targets/all", "{}").status()).isEqualTo(405);
    }

    /** A PUT with neither body nor content type (a JSON content type would need a JSON body). */
    private Response putWithoutBody(String path) {
        return http.send("PUT", path, null, null);
    }

    /** The health of the upstream's first target once it is {@code wanted} (Kong applies health events asynchronously). */
    private String eventuallyHealth(String upstream, String wanted) {
        return eventually("/upstreams/" + upstream + "/health",
                r -> wanted.equals(r.at("data").path(0).path("health").stringValue()))
                .at("data").path(0).path("health").stringValue();
    }

    /** GETs {@code path} until {@code done} holds, for up to ten seconds; the last answer either way. */
    private Response eventually(String path, java.util.function.Predicate<Response> done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Response response = http.get(path);
        while (!done.test(response) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = http.get(path);
        }
        return response;
    }

    // ---- certificates and SNIs ----

    private String certificateBody(String extra) {
        return "{\"cert\":" + quoted(resource("cert.pem")) + ",\"key\":" + quoted(resource("key.pem")) + extra + "}";
    }

    @Test
    void certificateSnisAreCreatedSortedAndResolveTheCertificate() {
        String a = unique("a") + ".example.test";
        String b = unique("b") + ".example.test";
        JsonNode certificate = create("/certificates", certificateBody(",\"snis\":[\"" + b + "\",\"" + a + "\"]"));
        String id = certificate.path("id").stringValue();

        assertThat(certificate.path("snis").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\"]");
        Response sni = http.get("/snis/" + a);
        assertThat(sni.status()).isEqualTo(200);
        assertThat(sni.at("certificate").path("id").stringValue()).isEqualTo(id);
        Response bySni = http.get("/certificates/" + b);
        assertThat(bySni.status()).isEqualTo(200);
        assertThat(bySni.at("id").stringValue()).isEqualTo(id);
    }

    @Test
    void putBySniCreatesACertificateWithThatSniAddedToTheBodysSnis() {
        String a = unique("a") + ".example.test";
        String b = unique("b") + ".example.test";

        Response created = http.put("/certificates/" + b, certificateBody(",\"snis\":[\"" + a + "\"]"));

        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String id = created.at("id").stringValue();
        deleteAfterTest("/certificates/" + id);
        assertThat(id).matches(UUID_PATTERN);
        assertThat(created.at("snis").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\"]");
        assertThat(http.get("/certificates/" + b).at("id").stringValue()).isEqualTo(id);
    }

    @Test
    void putByAnExistingSniReplacesThatCertificate() {
        String a = unique("a") + ".example.test";
        String b = unique("b") + ".example.test";
        String id = create("/certificates", certificateBody(",\"snis\":[\"" + a + "\"]")).path("id").stringValue();

        Response replaced = http.put("/certificates/" + a, certificateBody(",\"snis\":\"" + b + "\""));

        assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
        assertThat(replaced.at("id").stringValue()).isEqualTo(id);
        assertThat(replaced.at("snis").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\"]");
    }

    @Test
    void putBySniWithoutSnisCreatesACertificateWithoutAny() {
        String a = unique("a") + ".example.test";

        Response created = http.put("/certificates/" + a, certificateBody(""));

        // kong/api/routes/certificates.lua: the URL's SNI is only added to a body that has snis; none means null.
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        deleteAfterTest("/certificates/" + created.at("id").stringValue());
        assertThat(created.at("snis").toString()).isEqualTo("[]");
        assertThat(http.get("/certificates/" + a).status()).isEqualTo(404);
    }

    @Test
    void patchAndDeleteByAnUnknownSniAre404SniNotFound() {
        String unknown = unique("nosni") + ".example.test";

        Response patch = http.patch("/certificates/" + unknown, "{\"tags\":[\"t\"]}");
        Response delete = http.delete("/certificates/" + unknown);

        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.body().toString()).isEqualTo("{\"message\":\"SNI not found\"}");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.at("message").stringValue()).isEqualTo("SNI not found");
    }

    @Test
    void putOfACertificateWithoutSnisRemovesThem() {
        String a = unique("a") + ".example.test";
        JsonNode certificate = create("/certificates", certificateBody(",\"snis\":[\"" + a + "\"]"));

        Response replaced = http.put("/certificates/" + certificate.path("id").stringValue(), certificateBody(""));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(http.get("/snis/" + a).status()).isEqualTo(404);
    }

    @Test
    void deleteOfACertificateRemovesItsSnis() {
        String a = unique("a") + ".example.test";
        JsonNode certificate = create("/certificates", certificateBody(",\"snis\":[\"" + a + "\"]"));

        assertThat(http.delete("/certificates/" + certificate.path("id").stringValue()).status()).isEqualTo(204);

        assertThat(http.get("/snis/" + a).status()).isEqualTo(404);
    }

    @Test
    void deleteOfACertificateUsedAsClientCertificateIsRestricted() {
        JsonNode certificate = create("/certificates", certificateBody(""));
        String id = certificate.path("id").stringValue();
        create("/services", json("{\"name\":\"%s\",\"url\":\"https://example.test\",\"client_certificate\":{\"id\":\"%s\"}}",
                unique("svc"), id));

        Response response = http.delete("/certificates/" + id);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(4);
        assertThat(http.get("/certificates/" + id).status()).isEqualTo(200);
    }

    // ---- certificate checks ----

    /** A certificate body from the openssl fixtures: {@code cert}, {@code key} and, when given, the alternative pair. */
    private static String pair(String cert, String key, String certAlt, String keyAlt) {
        StringBuilder body = new StringBuilder("{\"cert\":" + quoted(pemFixture(cert)) + ",\"key\":" + quoted(pemFixture(key)));
        if (certAlt != null) {
            body.append(",\"cert_alt\":").append(quoted(pemFixture(certAlt)))
                    .append(",\"key_alt\":").append(quoted(pemFixture(keyAlt)));
        }
        return body.append('}').toString();
    }

    private static void assertEntityViolation(Response response, String message) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("message").stringValue()).isEqualTo("schema violation (" + message + ")");
        assertThat(response.at("fields").toString()).isEqualTo("{\"@entity\":[" + quoted(message) + "]}");
    }

    @Test
    void certificateOrKeyThatDoesNotLoadIsASchemaViolationOnItsField() {
        Response badCert = http.post("/certificates", "{\"cert\":\"c\",\"key\":" + quoted(pemFixture("leaf-rsa.key")) + "}");
        Response badKey = http.post("/certificates", "{\"cert\":" + quoted(pemFixture("leaf-rsa.crt")) + ",\"key\":\"k\"}");

        assertThat(badCert.status()).isEqualTo(400);
        assertThat(badCert.at("code").intValue()).isEqualTo(2);
        assertThat(badCert.at("fields").path("cert").stringValue()).startsWith("invalid certificate: ");
        assertThat(badCert.at("fields").has("@entity")).isFalse();
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.at("fields").path("key").stringValue()).startsWith("invalid key: ");
    }

    @Test
    void keyOfAnotherCertificateDoesNotMatch() {
        assertEntityViolation(http.post("/certificates", pair("leaf-rsa.crt", "other-rsa.key", null, null)),
                "certificate does not match key");
        assertEntityViolation(http.post("/certificates", pair("leaf-rsa.crt", "leaf-rsa.key", "leaf-ec.crt", "other-rsa.key")),
                "alternative certificate does not match key");
        assertEntityViolation(http.post("/certificates", pair("leaf-rsa.crt", "leaf-rsa.key", "leaf-rsa.crt", "leaf-rsa.key")),
                "certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), "
                        + "the provided certificates were both of the same type");
    }

    @Test
    void certificatesLoadInEveryKeyFormatAndPatchIsChecked() {
        JsonNode rsaAndEc = create("/certificates", pair("leaf-rsa.crt", "leaf-rsa.pkcs1.key", "leaf-ec.crt", "leaf-ec.key"));

        Response patched = http.patch("/certificates/" + rsaAndEc.path("id").stringValue(),
                "{\"key\":" + quoted(pemFixture("other-rsa.key")) + "}");

        assertEntityViolation(patched, "certificate does not match key");
    }

    @Test
    void caCertificateMustBeOneUnexpiredCa() {
        assertEntityViolation(http.post("/ca_certificates", "{\"cert\":" + quoted(pemFixture("leaf-rsa.crt")) + "}"),
                "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint");
        assertEntityViolation(http.post("/ca_certificates", "{\"cert\":" + quoted(pemFixture("expired-ca.crt")) + "}"),
                "certificate expired, \"Not After\" time is in the past");
        assertEntityViolation(http.post("/ca_certificates",
                "{\"cert\":" + quoted(pemFixture("ca.crt") + pemFixture("leaf-rsa.crt")) + "}"),
                "please submit only one certificate at a time");
        Response notPem = http.post("/ca_certificates", "{\"cert\":\"c\"}");
        assertThat(notPem.at("fields").path("cert").stringValue()).startsWith("invalid certificate: ");
    }

    @Test
    void jwtPublicKeyMustLoadForRsaPssAndEdDsaAlgorithms() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));

        Response invalid = http.post("/consumers/" + username + "/jwt", "{\"algorithm\":\"RS256\",\"rsa_public_key\":\"test\"}");
        JsonNode valid = create("/consumers/" + username + "/jwt", "/jwts",
                "{\"algorithm\":\"RS256\",\"rsa_public_key\":" + quoted(pemFixture("rsa.pub")) + "}");

        // Kong's jwt API spec: the field and the conditional's @entity message.
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.at("fields").path("rsa_public_key").stringValue()).isEqualTo("invalid key");
        assertThat(invalid.at("fields").path("@entity").toString())
                .isEqualTo("[\"failed conditional validation given value of field 'algorithm'\"]");
        assertThat(valid.path("algorithm").stringValue()).isEqualTo("RS256");
    }

    // ---- credentials ----

    @Test
    void basicAuthPasswordIsStoredAsSha1OfPasswordAndConsumerId() {
        String username = unique("user");
        JsonNode consumer = create("/consumers", json("{\"username\":\"%s\"}", username));

        JsonNode credential = create("/consumers/" + username + "/basic-auth", "/basic-auths",
                json("{\"username\":\"%s\",\"password\":\"open-sesame\"}", unique("login")));

        assertThat(credential.path("password").stringValue())
                .isEqualTo(sha1Hex("open-sesame" + consumer.path("id").stringValue()));
        assertThat(credential.has("updated_at")).isFalse();
    }

    @Test
    void keyAuthKeyIsGeneratedWhenAbsent() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));

        JsonNode first = create("/consumers/" + username + "/key-auth", "/key-auths", "{}");
        JsonNode second = create("/consumers/" + username + "/key-auth", "/key-auths", "{}");

        assertThat(first.path("key").stringValue()).isNotBlank();
        assertThat(second.path("key").stringValue()).isNotBlank().isNotEqualTo(first.path("key").stringValue());
        assertThat(http.get("/key-auths/" + first.path("key").stringValue()).at("id").stringValue())
                .isEqualTo(first.path("id").stringValue());
    }

    @Test
    void keyAuthTtlIsEchoedAsTheSecondsLeft() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));

        JsonNode expiring = create("/consumers/" + username + "/key-auth", "/key-auths", "{\"ttl\":1000}");
        JsonNode lasting = create("/consumers/" + username + "/key-auth", "/key-auths", "{}");
        Response read = http.get("/key-auths/" + expiring.path("id").stringValue());
        Response cleared = http.patch("/key-auths/" + expiring.path("id").stringValue(), "{\"ttl\":0}");

        assertThat(expiring.path("ttl").intValue()).isBetween(998, 1000);
        assertThat(read.at("ttl").intValue()).isBetween(990, expiring.path("ttl").intValue());
        assertThat(lasting.path("ttl").isNull()).isTrue();
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.at("ttl").isNull()).isTrue();
    }

    @Test
    void keyAuthTtlOutsideZeroToHundredMillionIsCode11() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));

        Response response = http.post("/consumers/" + username + "/key-auth", "{\"ttl\":-1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(11);
        assertThat(response.at("name").stringValue()).isEqualTo("invalid options");
        assertThat(response.at("message").stringValue())
                .isEqualTo("invalid option (ttl: must be an integer between 0 and 100000000)");
    }

    // ---- paging ----

    @Test
    void pagesHoldSizeEntitiesAndNextLeadsToTheRest() {
        String tag = unique("page");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            created.add(create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("user"), tag))
                    .path("username").stringValue());
        }

        List<Integer> pageSizes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String next = "/consumers?tags=" + tag + "&size=10";
        JsonNode last = null;
        while (next != null) {
            Response page = http.get(next);
            assertThat(page.status()).as("GET %s", next).isEqualTo(200);
            pageSizes.add(page.at("data").size());
            page.at("data").forEach(consumer -> seen.add(consumer.path("username").stringValue()));
            JsonNode nextNode = page.at("next");
            if (!nextNode.isNull()) {
                assertThat(nextNode.stringValue()).startsWith("/consumers?").contains("offset=").contains("size=10");
                assertThat(page.at("offset").isString()).isTrue();
            }
            next = nextNode.isNull() ? null : nextNode.stringValue();
            last = page.body();
            assertThat(pageSizes).hasSizeLessThan(10);
        }

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).isEqualTo(created);
        assertThat(last.has("offset")).as("offset absent on the last page").isFalse();
    }

    @Test
    void sizeOutsideOneToThousandIsCode9() {
        Response zero = http.get("/consumers?size=0");
        Response word = http.get("/consumers?size=ten");

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.at("code").intValue()).isEqualTo(9);
        assertThat(zero.at("message").stringValue()).isEqualTo("size must be an integer between 1 and 1000");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.at("message").stringValue()).isEqualTo("size must be a number");
    }

    @Test
    void badOffsetIsCode7() {
        Response response = http.get("/consumers?offset=x");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(7);
        assertThat(response.at("name").stringValue()).isEqualTo("invalid offset");
        assertThat(response.at("message").stringValue()).startsWith("'x' is not a valid offset: ");
    }

    // ---- tags ----

    @Test
    void commaSeparatedTagsMatchEntitiesHavingAllOfThem() {
        String one = unique("t");
        String two = unique("t");
        String both = create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\",\"%s\"]}", unique("u"), one, two))
                .path("username").stringValue();
        create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("u"), one));
        create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("u"), two));

        assertThat(usernames(http.get("/consumers?tags=" + one + "," + two))).containsExactly(both);
    }

    @Test
    void slashSeparatedTagsMatchEntitiesHavingAnyOfThem() {
        String one = unique("t");
        String two = unique("t");
        String a = create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\",\"%s\"]}", unique("u"), one, two))
                .path("username").stringValue();
        String b = create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("u"), one)).path("username").stringValue();
        String c = create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("u"), two)).path("username").stringValue();

        assertThat(usernames(http.get("/consumers?tags=" + one + "/" + two))).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void moreThanFiveTagsIsCode11WithOptions() {
        Response response = http.get("/consumers?tags=a,b,c,d,e,f");

        assertInvalidTags(response, "cannot query more than 5 tags");
    }

    @Test
    void mixingAndAndOrInTagsIsCode11() {
        assertInvalidTags(http.get("/consumers?tags=a,b/c"), "invalid filter syntax");
    }

    @Test
    void emptyTagsIsCode11() {
        assertInvalidTags(http.get("/consumers?tags="), "cannot be null");
    }

    private static void assertInvalidTags(Response response, String why) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(11);
        assertThat(response.at("name").stringValue()).isEqualTo("invalid options");
        assertThat(response.at("message").stringValue()).isEqualTo("invalid option (tags: " + why + ")");
        assertThat(response.at("options").path("tags").stringValue()).isEqualTo(why);
        assertThat(response.body().has("fields")).isFalse();
    }

    private static List<String> usernames(Response list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.at("data").forEach(consumer -> names.add(consumer.path("username").stringValue()));
        return names;
    }

    // ---- schemas ----

    @Test
    void entitySchemaListsFieldsWithTypesAndDefaults() {
        Response response = http.get("/schemas/services");

        assertThat(response.status()).isEqualTo(200);
        JsonNode host = schemaField(response.at("fields"), "host");
        JsonNode retries = schemaField(response.at("fields"), "retries");
        assertThat(host.path("type").stringValue()).isEqualTo("string");
        assertThat(host.path("required").booleanValue()).isTrue();
        assertThat(retries.path("type").stringValue()).isEqualTo("integer");
        assertThat(retries.path("default").intValue()).isEqualTo(5);
    }

    @Test
    void unknownEntitySchemaIs404() {
        Response response = http.get("/schemas/nothing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("message").stringValue()).isEqualTo("No entity named 'nothing'");
    }

    @Test
    void pluginSchemaCarriesTheConfigRecordWithDefaults() {
        Response response = http.get("/schemas/plugins/key-auth");

        assertThat(response.status()).isEqualTo(200);
        JsonNode config = schemaField(response.at("fields"), "config");
        assertThat(config.path("type").stringValue()).isEqualTo("record");
        JsonNode keyNames = schemaField(config.path("fields"), "key_names");
        assertThat(keyNames.path("default").toString()).isEqualTo("[\"apikey\"]");
    }

    @Test
    void unknownPluginSchemaIs404() {
        Response response = http.get("/schemas/plugins/no-such-plugin");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("message").stringValue()).isEqualTo("No plugin named 'no-such-plugin'");
    }

    @Test
    void validPluginValidatesWithoutBeingCreated() {
        Response response = http.post("/schemas/plugins/validate", "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"k\"]}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("message").stringValue()).isEqualTo("schema validation successful");
    }

    @Test
    void invalidPluginFailsValidationWithCode2() {
        Response response = http.post("/schemas/plugins/validate", "{\"name\":\"key-auth\",\"config\":{\"hide_credentials\":\"maybe\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("config").path("hide_credentials").stringValue()).isEqualTo("expected a boolean");
    }

    @Test
    void entityValidationChecksOnlyTheSchema() {
        Response valid = http.post("/schemas/services/validate", "{\"host\":\"example.test\"}");
        Response invalid = http.post("/schemas/services/validate", "{\"port\":1}");

        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.at("message").stringValue()).isEqualTo("schema validation successful");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.at("fields").path("host").stringValue()).isEqualTo("required field missing");
    }

    // ---- more endpoints ----

    @Test
    void getConfigIsRefusedWithADatabase() {
        Response response = http.get("/config");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("message").stringValue())
                .isEqualTo("this endpoint is only available when Kong is configured to not use a database");
    }

    @Test
    void trailingSlashIsTolerated() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));

        assertThat(http.get("/services/").status()).isEqualTo(200);
        assertThat(http.get("/services/" + name + "/").at("name").stringValue()).isEqualTo(name);
    }

    @Test
    void foreignKeyEndpointReturnsTheParentAndRefusesDelete() {
        String name = unique("svc");
        JsonNode service = create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));
        JsonNode route = create("/routes", json("{\"paths\":[\"/fk-endpoint\"],\"service\":{\"name\":\"%s\"}}", name));
        String routeId = route.path("id").stringValue();

        Response parent = http.get("/routes/" + routeId + "/service");
        Response delete = http.delete("/routes/" + routeId + "/service");

        assertThat(parent.status()).isEqualTo(200);
        assertThat(parent.at("id").stringValue()).isEqualTo(service.path("id").stringValue());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.at("message").stringValue()).isEqualTo("Method not allowed");
    }

    @Test
    void foreignKeyEndpointIs404WhenTheKeyIsNull() {
        String routeId = create("/routes", "{\"paths\":[\"/no-service\"]}").path("id").stringValue();

        for (String method : List.of("GET", "PATCH", "DELETE")) {
            Response response = http.send(method, "/routes/" + routeId + "/service", method.equals("PATCH") ? "{}" : null,
                    method.equals("PATCH") ? "application/json" : null);
            assertThat(response.status()).as("%s -> %s", method, response).isEqualTo(404);
            assertThat(response.at("message").stringValue()).isEqualTo("Not found");
        }
        assertThat(http.get("/routes/" + unique("missing") + "/service").status()).isEqualTo(404);
    }

    @Test
    void putOnAForeignKeyEndpointCreatesTheParentAndPointsTheEntityAtIt() {
        String routeId = create("/routes", "{\"paths\":[\"/adopt\"]}").path("id").stringValue();

        Response service = http.put("/routes/" + routeId + "/service", "{\"host\":\"adopted.test\"}");

        assertThat(service.status()).as("%s", service).isEqualTo(200);
        String serviceId = service.at("id").stringValue();
        deleteLastAfterTest("/services/" + serviceId);
        assertThat(serviceId).matches(UUID_PATTERN);
        assertThat(service.at("host").stringValue()).isEqualTo("adopted.test");
        assertThat(http.get("/routes/" + routeId).at("service").path("id").stringValue()).isEqualTo(serviceId);
    }

    @Test
    void putOnAForeignKeyEndpointReplacesTheParentAndPatchUpdatesIt() {
        String name = unique("svc");
        JsonNode created = create("/services", json("{\"name\":\"%s\",\"host\":\"a.test\",\"retries\":2}", name));
        String routeId = create("/routes", json("{\"paths\":[\"/replace\"],\"service\":{\"name\":\"%s\"}}", name))
                .path("id").stringValue();

        Response patched = http.patch("/routes/" + routeId + "/service", "{\"retries\":1}");
        Response replaced = http.put("/routes/" + routeId + "/service", "{\"host\":\"b.test\"}");

        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.at("retries").intValue()).isEqualTo(1);
        assertThat(patched.at("name").stringValue()).isEqualTo(name);
        assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
        assertThat(replaced.at("id").stringValue()).isEqualTo(created.path("id").stringValue());
        assertThat(replaced.at("host").stringValue()).isEqualTo("b.test");
        assertThat(replaced.at("retries").intValue()).isEqualTo(5);
        assertThat(replaced.at("name").isNull()).isTrue();
        deleteAfterTest("/services/" + created.path("id").stringValue());
    }

    @Test
    void pluginsAndCredentialsServeTheirParentsButSnisDoNot() {
        String username = unique("user");
        JsonNode consumer = create("/consumers", json("{\"username\":\"%s\"}", username));
        JsonNode key = create("/consumers/" + username + "/key-auth", "/key-auths", "{}");
        JsonNode plugin = create("/consumers/" + username + "/plugins", "/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"minute\":5}}");
        String sni = unique("sni") + ".example.test";
        create("/certificates", certificateBody(",\"snis\":[\"" + sni + "\"]"));

        Response byKey = http.get("/key-auths/" + key.path("key").stringValue() + "/consumer");
        Response patched = http.patch("/key-auths/" + key.path("id").stringValue() + "/consumer", "{\"custom_id\":\"" + unique("cid") + "\"}");
        Response pluginConsumer = http.get("/plugins/" + plugin.path("id").stringValue() + "/consumer");
        Response pluginService = http.get("/plugins/" + plugin.path("id").stringValue() + "/service");

        assertThat(byKey.status()).isEqualTo(200);
        assertThat(byKey.at("id").stringValue()).isEqualTo(consumer.path("id").stringValue());
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.at("username").stringValue()).isEqualTo(username);
        assertThat(pluginConsumer.at("id").stringValue()).isEqualTo(consumer.path("id").stringValue());
        assertThat(pluginService.status()).isEqualTo(404);
        assertThat(http.get("/snis/" + sni + "/certificate").status()).isEqualTo(404);
    }

    @Test
    void nestedEntityOfAnotherParentIs404() {
        String first = unique("svc");
        String second = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", first));
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", second));
        JsonNode route = create("/services/" + first + "/routes", "/routes", "{\"paths\":[\"/mine\"]}");

        Response response = http.get("/services/" + second + "/routes/" + route.path("id").stringValue());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void consumersCanBeFilteredByCustomId() {
        String customId = unique("cid");
        JsonNode consumer = create("/consumers", json("{\"custom_id\":\"%s\"}", customId));

        Response found = http.get("/consumers?custom_id=" + customId);
        Response empty = http.get("/consumers?custom_id=");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.at("data").size()).isEqualTo(1);
        assertThat(found.at("data").path(0).path("id").stringValue()).isEqualTo(consumer.path("id").stringValue());
        assertThat(found.at("next").isNull()).isTrue();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.at("message").stringValue()).isEqualTo("custom_id must be an unempty string");
    }

    @Test
    void aclIsAddressedByGroupUnderItsConsumer() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));
        JsonNode acl = create("/consumers/" + username + "/acls", "/acls", "{\"group\":\"admins\"}");

        Response byGroup = http.get("/consumers/" + username + "/acls/admins");

        assertThat(byGroup.status()).isEqualTo(200);
        assertThat(byGroup.at("id").stringValue()).isEqualTo(acl.path("id").stringValue());
        assertThat(http.delete("/consumers/" + username + "/acls/nobody").status()).isEqualTo(404);
    }

    @Test
    void jwtSecretGetsHs256AndGeneratedKeyAndSecret() {
        String username = unique("user");
        create("/consumers", json("{\"username\":\"%s\"}", username));

        JsonNode jwt = create("/consumers/" + username + "/jwt", "/jwts", "{}");

        assertThat(jwt.path("algorithm").stringValue()).isEqualTo("HS256");
        assertThat(jwt.path("key").stringValue()).isNotBlank();
        assertThat(jwt.path("secret").stringValue()).isNotBlank();
        assertThat(jwt.path("rsa_public_key").isNull()).isTrue();
    }

    @Test
    void unknownSniInACertificateUrlIs404SniNotFound() {
        Response response = http.get("/certificates/" + unique("nosni") + ".example.test");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("message").stringValue()).isEqualTo("SNI not found");
    }

    @Test
    void sniOfAnotherCertificateIsASchemaViolation() {
        String a = unique("a") + ".example.test";
        String first = create("/certificates", certificateBody(",\"snis\":[\"" + a + "\"]")).path("id").stringValue();

        Response response = http.post("/certificates", certificateBody(",\"snis\":[\"" + a + "\"]"));

        // Kong's certificates spec (not in the reference): 400 code 2, the existing certificate named under "snis".
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("code").intValue()).isEqualTo(2);
        assertThat(response.at("fields").path("snis").stringValue())
                .isEqualTo(a + " already associated with existing certificate '" + first + "'");
    }

    @Test
    void pathOnATcpServiceFailsTheConditionalCheck() {
        Response response = http.post("/services", "{\"protocol\":\"tcp\",\"host\":\"example.test\",\"path\":\"/x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("@entity").toString())
                .isEqualTo("[\"failed conditional validation given value of field 'protocol'\"]");
        assertThat(response.at("fields").path("path").stringValue()).isEqualTo("value must be null");
    }

    @Test
    void consistentHashingWithoutHashOnIsKeptWithHashOnNone() {
        JsonNode upstream = create("/upstreams", json(
                "{\"name\":\"%s.test\",\"algorithm\":\"consistent-hashing\"}", unique("up")));

        assertThat(upstream.path("algorithm").stringValue()).isEqualTo("consistent-hashing");
        assertThat(upstream.path("hash_on").stringValue()).isEqualTo("none");
    }

    @Test
    void hashOnNoneSentExplicitlyTurnsConsistentHashingIntoRoundRobin() {
        JsonNode upstream = create("/upstreams", json(
                "{\"name\":\"%s.test\",\"algorithm\":\"consistent-hashing\",\"hash_on\":\"none\"}",
                unique("up")));

        assertThat(upstream.path("algorithm").stringValue()).isEqualTo("round-robin");
        assertThat(upstream.path("hash_on").stringValue()).isEqualTo("none");
    }

    @Test
    void leastConnectionsUpstreamIgnoresHashOn() {
        JsonNode upstream = create("/upstreams", json(
                "{\"name\":\"%s.test\",\"algorithm\":\"least-connections\",\"hash_on\":\"ip\"}", unique("up")));

        assertThat(upstream.path("algorithm").stringValue()).isEqualTo("least-connections");
        assertThat(upstream.path("hash_on").stringValue()).isEqualTo("none");
    }

    @Test
    void basicAuthPasswordIsRehashedOnPatch() {
        String username = unique("user");
        JsonNode consumer = create("/consumers", json("{\"username\":\"%s\"}", username));
        JsonNode credential = create("/consumers/" + username + "/basic-auth", "/basic-auths",
                json("{\"username\":\"%s\",\"password\":\"first\"}", unique("login")));

        Response patched = http.patch("/basic-auths/" + credential.path("id").stringValue(), "{\"password\":\"second\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("password").stringValue()).isEqualTo(sha1Hex("second" + consumer.path("id").stringValue()));
    }

    @Test
    void enabledPluginsListsTheBundledPlugins() {
        Response response = http.get("/plugins/enabled");

        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.at("enabled_plugins").forEach(name -> names.add(name.stringValue()));
        assertThat(names).contains("key-auth", "rate-limiting", "acl", "cors", "redirect");
    }

    @Test
    void tagEndpointListsTheTaggedEntities() {
        String tag = unique("tag");
        JsonNode consumer = create("/consumers", json("{\"username\":\"%s\",\"tags\":[\"%s\"]}", unique("u"), tag));

        Response response = http.get("/tags/" + tag);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("data").size()).isEqualTo(1);
        JsonNode row = response.at("data").path(0);
        assertThat(row.path("entity_name").stringValue()).isEqualTo("consumers");
        assertThat(row.path("entity_id").stringValue()).isEqualTo(consumer.path("id").stringValue());
        assertThat(row.path("tag").stringValue()).isEqualTo(tag);
    }

    @Test
    void nestedCollectionNextCarriesNeitherSizeNorTags() {
        String name = unique("svc");
        create("/services", json("{\"name\":\"%s\",\"host\":\"example.test\"}", name));
        for (int i = 0; i < 3; i++) {
            create("/services/" + name + "/routes", "/routes", json("{\"paths\":[\"/n%d\"]}", i));
        }

        Response page = http.get("/services/" + name + "/routes?size=2");

        assertThat(page.at("data").size()).isEqualTo(2);
        assertThat(page.at("next").stringValue()).startsWith("/services/" + name + "/routes?offset=").doesNotContain("size=");
    }

    // ---- Kong's schemas drive defaults; the kinds kongsync added for Kong 3.9 ----

    @Test
    void aPluginCreatedWithoutConfigEchoesKongsDefaults() {
        JsonNode zipkin = create("/plugins", json("{\"name\":\"zipkin\",\"instance_name\":\"%s\"}", unique("zipkin")));

        assertThat(zipkin.path("config").path("sample_ratio").doubleValue()).isEqualTo(0.001);
        assertThat(zipkin.path("config").path("header_type").stringValue()).isEqualTo("preserve");
        assertThat(zipkin.path("config").path("local_service_name").stringValue()).isEqualTo("kong");
        assertThat(zipkin.path("protocols").size()).isEqualTo(4);
    }

    @Test
    void deprecatedShorthandsAreEchoedNextToTheFieldTheyStandFor() {
        JsonNode plugin = create("/plugins", json("{\"name\":\"rate-limiting\",\"instance_name\":\"%s\","
                + "\"config\":{\"minute\":5,\"policy\":\"redis\",\"redis\":{\"host\":\"redis.ecs.local\",\"port\":6380}}}",
                unique("rl")));

        JsonNode config = http.get("/plugins/" + plugin.path("id").stringValue()).at("config");

        assertThat(config.path("redis").path("host").stringValue()).isEqualTo("redis.ecs.local");
        assertThat(config.path("redis_host").stringValue()).isEqualTo("redis.ecs.local");
        assertThat(config.path("redis_port").intValue()).isEqualTo(6380);
        assertThat(plugin.path("config").path("redis_host").stringValue()).isEqualTo("redis.ecs.local");
    }

    @Test
    void theEnvVaultSchemaIsServedAndAVaultIsAddressedByItsPrefix() {
        Response schema = http.get("/schemas/vaults/env");
        String prefix = unique("vault").toLowerCase(java.util.Locale.ROOT);
        create("/vaults", json("{\"name\":\"env\",\"prefix\":\"%s\"}", prefix));

        Response vault = http.get("/vaults/" + prefix);

        assertThat(schema.status()).isEqualTo(200);
        assertThat(schemaField(schemaField(schema.at("fields"), "config").path("fields"), "prefix").path("type")
                .stringValue()).isEqualTo("string");
        assertThat(vault.status()).isEqualTo(200);
        assertThat(vault.at("config").path("prefix").isNull()).isTrue();
        assertThat(http.get("/schemas/vaults/nope").at("message").stringValue()).isEqualTo("No vault named 'nope'");
    }

    @Test
    void aVaultPrefixNamingABundledVaultIsRefused() {
        Response response = http.post("/vaults", "{\"name\":\"env\",\"prefix\":\"env\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("prefix").stringValue()).isEqualTo("must not be one of: env");
    }

    @Test
    void keysAreListedUnderTheirKeySetAndGoWithIt() {
        String set = unique("set");
        JsonNode created = create("/key-sets", json("{\"name\":\"%s\"}", set));
        String kid = unique("kid");
        Response key = http.post("/key-sets/" + set + "/keys", json(
                "{\"name\":\"%s\",\"kid\":\"%s\",\"jwk\":\"{\\\"kty\\\":\\\"oct\\\",\\\"kid\\\":\\\"%s\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"}",
                kid, kid, kid));

        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        assertThat(key.at("set").path("id").stringValue()).isEqualTo(created.path("id").stringValue());
        assertThat(http.get("/key-sets/" + set + "/keys").at("data").size()).isEqualTo(1);
        assertThat(http.delete("/key-sets/" + set).status()).isEqualTo(204);
        assertThat(http.get("/keys/" + kid).status()).isEqualTo(404);
    }

    @Test
    void hmacAndOauth2CredentialsLiveUnderTheirConsumerWithGeneratedSecrets() {
        String consumer = unique("consumer");
        create("/consumers", json("{\"username\":\"%s\"}", consumer));
        String user = unique("hmac");

        JsonNode hmac = create("/consumers/" + consumer + "/hmac-auth", "/hmac-auths",
                json("{\"username\":\"%s\"}", user));
        JsonNode oauth2 = create("/consumers/" + consumer + "/oauth2", "/oauth2", "{\"name\":\"app\"}");

        assertThat(hmac.path("secret").stringValue()).isNotEmpty();
        assertThat(oauth2.path("client_id").stringValue()).isNotEmpty();
        assertThat(oauth2.path("client_secret").stringValue()).isNotEmpty();
        assertThat(oauth2.path("client_type").stringValue()).isEqualTo("confidential");
        assertThat(oauth2.path("hash_secret").booleanValue()).isFalse();
        assertThat(http.get("/hmac-auths/" + user).status()).isEqualTo(200);
        assertThat(http.get("/oauth2/" + oauth2.path("client_id").stringValue()).status()).isEqualTo(200);
    }

    @Test
    void anOauth2SecretIsStoredHashedWhenAsked() {
        String consumer = unique("consumer");
        create("/consumers", json("{\"username\":\"%s\"}", consumer));

        JsonNode oauth2 = create("/consumers/" + consumer + "/oauth2", "/oauth2",
                "{\"name\":\"app\",\"client_secret\":\"plain-secret\",\"hash_secret\":true}");

        assertThat(oauth2.path("client_secret").stringValue())
                .matches("\\$pbkdf2-sha512\\$i=10000,l=32\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    /** The entry {@code {name: {...}}} of a schema's {@code fields} array. */
    private static JsonNode schemaField(JsonNode fields, String name) {
        assertThat(fields.isArray()).as("fields is an array").isTrue();
        for (JsonNode field : fields) {
            if (field.has(name)) {
                return field.path(name);
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
