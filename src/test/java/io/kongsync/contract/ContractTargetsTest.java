package io.kongsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.kongsync.contract.ContractTargets.Decision;
import io.kongsync.contract.KongTarget.Mode;

/** The decisions that enable or skip the Kong container and KONG_ADMIN_URL targets. */
class ContractTargetsTest {

    private static final Function<URI, Mode> MUST_NOT_PROBE = url -> {
        throw new AssertionError("probed " + url + " although the decision did not need it");
    };

    @Test
    void externalTargetIsDisabledWithoutKongAdminUrl() {
        Decision decision = ContractTargets.external(Map.of(), Mode.DATABASE, MUST_NOT_PROBE);

        assertThat(decision.enabled()).isFalse();
        assertThat(decision.reason()).isEqualTo("KONG_ADMIN_URL is not set");
    }

    @Test
    void blankKongAdminUrlCountsAsUnset() {
        Decision decision = ContractTargets.external(Map.of("KONG_ADMIN_URL", "  "), Mode.DATABASE, MUST_NOT_PROBE);

        assertThat(decision.enabled()).isFalse();
    }

    @Test
    void externalTargetIsEnabledWhenTheKongRunsInTheWantedMode() {
        Decision decision = ContractTargets.external(
                Map.of("KONG_ADMIN_URL", "http://kong.internal:8001"), Mode.DATABASE, url -> Mode.DATABASE);

        assertThat(decision.enabled()).isTrue();
        assertThat(decision.url()).isEqualTo(URI.create("http://kong.internal:8001"));
    }

    @Test
    void externalTargetIsDisabledWhenTheKongRunsInTheOtherMode() {
        Decision decision = ContractTargets.external(
                Map.of("KONG_ADMIN_URL", "http://kong.internal:8001"), Mode.DATABASE, url -> Mode.DBLESS);

        assertThat(decision.enabled()).isFalse();
        assertThat(decision.reason()).contains("DB-less mode, not database");
    }

    @Test
    void externalDbLessTargetNeedsTheWipeOptIn() {
        Map<String, String> env = Map.of("KONG_ADMIN_URL", "http://kong.internal:8001");

        Decision decision = ContractTargets.external(env, Mode.DBLESS, MUST_NOT_PROBE);

        assertThat(decision.enabled()).isFalse();
        assertThat(decision.reason()).contains("KONG_CONTRACT_DBLESS_WIPE=true");
    }

    @Test
    void externalDbLessTargetIsEnabledWithTheWipeOptIn() {
        Map<String, String> env = Map.of("KONG_ADMIN_URL", "http://kong.internal:8001", "KONG_CONTRACT_DBLESS_WIPE", "true");

        Decision decision = ContractTargets.external(env, Mode.DBLESS, url -> Mode.DBLESS);

        assertThat(decision.enabled()).isTrue();
    }

    @Test
    void kongAdminUrlThatIsNotAUrlFailsInsteadOfSkipping() {
        assertThatThrownBy(() -> ContractTargets.external(Map.of("KONG_ADMIN_URL", "localhost:8001"), Mode.DATABASE, MUST_NOT_PROBE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KONG_ADMIN_URL");
    }

    @Test
    void unreachableKongAtKongAdminUrlFailsInsteadOfSkipping() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("KONG_ADMIN_URL", "http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> ContractTargets.external(env, Mode.DATABASE, ContractTargets::probeMode))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void modeIsProbedFromTheDatabaseSettingOfARunningAdminApi() throws IOException {
        HttpServer server = fakeRoot("{\"version\":\"3.9.1\",\"configuration\":{\"database\":\"off\"}}");
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Map<String, String> env = Map.of("KONG_ADMIN_URL", url.toString(), "KONG_CONTRACT_DBLESS_WIPE", "TRUE");

            assertThat(ContractTargets.probeMode(url)).isEqualTo(Mode.DBLESS);
            assertThat(ContractTargets.external(env, Mode.DBLESS, ContractTargets::probeMode).enabled()).isTrue();
            assertThat(ContractTargets.external(env, Mode.DATABASE, ContractTargets::probeMode).enabled()).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anyDatabaseOtherThanOffIsDatabaseMode() {
        assertThat(ContractTargets.modeOf(AdminHttp.parse("{\"configuration\":{\"database\":\"postgres\"}}")))
                .isEqualTo(Mode.DATABASE);
        assertThat(ContractTargets.modeOf(AdminHttp.parse("{\"configuration\":{\"database\":\"off\"}}")))
                .isEqualTo(Mode.DBLESS);
    }

    @Test
    void rootWithoutConfigurationIsNotAKongAdminApi() {
        assertThatThrownBy(() -> ContractTargets.modeOf(AdminHttp.parse("{\"message\":\"hello\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configuration.database");
    }

    @Test
    void containerTargetsFollowDockerAvailability() {
        Decision without = ContractTargets.docker(() -> false);
        Decision with = ContractTargets.docker(() -> true);

        assertThat(without.enabled()).isFalse();
        assertThat(without.reason()).contains("no Docker engine");
        assertThat(with.enabled()).isTrue();
    }

    private static HttpServer fakeRoot(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
