package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OPTIONS and HEAD on every route (kong-admin-api.md 2.1): the route's methods, and GET without the body. */
class OptionsAndHeadTest {

    static Sandbox sandbox;
    static AdminClient kong;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        kong = new AdminClient(sandbox.url());
        assertThat(kong.post("/services", Map.of("name", "svc", "host", "svc.test")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void optionsListsEachRouteShapesMethods() {
        assertThat(allowed("/services")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(allowed("/services/svc")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        assertThat(allowed("/services/svc/routes")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(allowed("/routes/r1/service")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        assertThat(allowed("/consumers/dana/key-auth/k1")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        assertThat(allowed("/status")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(allowed("/config")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(allowed("/schemas/services/validate")).isEqualTo("OPTIONS, POST");
    }

    @Test
    void optionsIs204WithBothHeadersAndNoBody() {
        var answer = kong.raw("OPTIONS", "/services/svc", null, null);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.text()).isEmpty();
        assertThat(answer.headers().get("Access-Control-Allow-Methods")).isEqualTo(answer.headers().get("Allow"));
        assertThat(answer.headers().get("Access-Control-Allow-Headers")).isEqualTo(List.of("Content-Type"));
    }

    @Test
    void optionsDoesNotLookTheEntityUpAndChangesNothing() {
        assertThat(kong.raw("OPTIONS", "/services/no-such-service", null, null).status()).isEqualTo(204);
        assertThat(kong.get("/services").data()).extracting(s -> s.get("name")).containsExactly("svc");
    }

    @Test
    void optionsOnAnUnknownPathIs404() {
        var answer = kong.raw("OPTIONS", "/no-such-endpoint", null, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isEqualTo(Map.of("message", "Not found"));
        assertThat(kong.raw("OPTIONS", "/services/svc/nothing", null, null).status()).isEqualTo(404);
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() {
        var get = kong.get("/services/svc");
        var head = kong.raw("HEAD", "/services/svc", null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.text()).isEmpty();
        assertThat(head.headers().get("Content-Type")).isEqualTo(get.headers().get("Content-Type"));
        assertThat(kong.raw("HEAD", "/services/missing", null, null).status()).isEqualTo(404);
        assertThat(kong.raw("HEAD", "/services", null, null).status()).isEqualTo(200);
    }

    private static String allowed(String path) {
        var answer = kong.raw("OPTIONS", path, null, null);
        assertThat(answer.status()).as("OPTIONS %s", path).isEqualTo(204);
        return answer.headers().get("Allow").get(0);
    }
}
