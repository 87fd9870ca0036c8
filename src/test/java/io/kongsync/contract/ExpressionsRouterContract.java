package io.kongsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.kongsync.contract.AdminHttp.Response;
import tools.jackson.databind.JsonNode;

/**
 * Kong 3.9 in database mode with {@code router_flavor = expressions}: routes gain {@code expression} and
 * {@code priority} (default 0), and Kong's {@code validate_route} keeps an expression apart from the traditional
 * matching fields ({@code kong/db/schema/entities/routes.lua}, {@code routes_subschemas.lua}).
 */
abstract class ExpressionsRouterContract extends ContractSupport {

    private static final String EXPRESSION = "http.host == \"nyan.mydomain.com\" && http.path ^= \"/api\"";

    @Override
    protected KongTarget.Mode expectedMode() {
        return KongTarget.Mode.DATABASE;
    }

    @Test
    void rootReportsTheExpressionsFlavor() {
        assertThat(http.get("/").at("configuration").path("router_flavor").stringValue()).isEqualTo("expressions");
    }

    @Test
    void aRouteWithAnExpressionAndPriorityIsCreatedAndEchoed() {
        JsonNode route = create("/routes", json("{\"name\":\"%s\",\"expression\":%s,\"priority\":100}",
                unique("route"), quoted(EXPRESSION)));

        assertThat(route.path("expression").stringValue()).isEqualTo(EXPRESSION);
        assertThat(route.path("priority").longValue()).isEqualTo(100);
        assertThat(route.path("paths").isNull()).isTrue();
    }

    @Test
    void aTraditionalRouteGetsPriorityZeroAndANullExpression() {
        JsonNode route = create("/routes", json("{\"name\":\"%s\",\"paths\":[\"/r\"]}", unique("route")));

        assertThat(route.path("priority").longValue()).isZero();
        assertThat(route.path("expression").isNull()).isTrue();
    }

    @Test
    void anExpressionWithPathsIsRefusedByValidateRoute() {
        Response response = http.post("/routes", json("{\"name\":\"%s\",\"expression\":%s,\"paths\":[\"/r\"]}",
                unique("route"), quoted(EXPRESSION)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("@entity").get(0).stringValue()).isEqualTo("Router Expression failed "
                + "validation: cannot set 'expression' with 'methods', 'hosts', 'paths', 'headers', 'snis', 'sources' "
                + "or 'destinations' simultaneously");
    }

    @Test
    void aPriorityBeyondTwoToTheFortySixIsRefused() {
        Response response = http.post("/routes", json("{\"name\":\"%s\",\"expression\":%s,\"priority\":%d}",
                unique("route"), quoted(EXPRESSION), 1L << 46));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("fields").path("priority").stringValue())
                .isEqualTo("value should be between 0 and 70368744177663");
    }
}
