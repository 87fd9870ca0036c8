package io.kongsync.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.kongsync.kong.KongNode;
import io.kongsync.kong.KongSettings;
import io.kongsync.kong.RetryPolicy;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.GatewaySyncer;
import io.kongsync.sync.NoKongNodeAnsweredException;
import io.kongsync.sync.NodeResult;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway of several Kong nodes: DB-less nodes each get the configuration, with a WireMock proxy in front of one to
 * break it; database nodes share one database, so the sync fails over to the next node that answers.
 */
class GatewaySyncTest {

    private static final KongSettings FAST = KongSettings.of(URI.create("http://unused:8001"))
            .withReadTimeout(Duration.ofMillis(800))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 0.5));

    private final List<Sandbox> sandboxes = new ArrayList<>();
    private WireMockServer proxy;
    private StateLoader.Loaded routes;

    @BeforeEach
    void load() {
        routes = StateLoader.loadDesired(List.of(Path.of("routes")), StateLoader.Options.defaults());
        assertThat(routes.diagnostics()).isEmpty();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        sandboxes.forEach(Sandbox::close);
    }

    private Sandbox sandbox(boolean dbless) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDbless(dbless));
        sandboxes.add(sandbox);
        return sandbox;
    }

    /** A WireMock proxy in front of {@code sandbox}: passes everything through unless told otherwise. */
    private URI proxyFor(Sandbox sandbox) {
        proxy = new WireMockServer(options().dynamicPort());
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(sandbox.url().toString())));
        return URI.create(proxy.baseUrl());
    }

    private SyncResult sync(List<KongNode> nodes) {
        try (GatewaySyncer gateway = GatewaySyncer.connect(nodes, FAST, SyncOptions.defaults())) {
            return gateway.sync(routes.state(), routes.selectTags()).block();
        }
    }

    private static String configHash(Sandbox sandbox) {
        return (String) new AdminClient(sandbox.url()).get("/status").json().get("configuration_hash");
    }

    private static boolean hasNyan(Sandbox sandbox) {
        return new AdminClient(sandbox.url()).get("/services/nyan").status() == 200;
    }

    @Test
    void twoDblessNodesOfWhichOneFailsThenRecoversBothEndUpWithTheConfiguration() {
        Sandbox first = sandbox(true);
        Sandbox second = sandbox(true);
        URI firstBehindProxy = proxyFor(first);
        // the first node's POST /config breaks twice: both attempts of the first round, then it recovers
        proxy.stubFor(post(urlPathEqualTo("/config")).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("Started").willSetStateTo("failed once")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        proxy.stubFor(post(urlPathEqualTo("/config")).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("failed once").willSetStateTo("recovered")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SyncResult result = sync(List.of(new KongNode("i-first", firstBehindProxy),
                new KongNode("i-second", second.url())));

        assertThat(result.succeeded()).as(result.nodes().toString()).isTrue();
        assertThat(result.nodes()).extracting(n -> n.node().instanceId(), NodeResult::status, NodeResult::rounds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("i-first", NodeResult.Status.SUCCEEDED, 2),
                        org.assertj.core.groups.Tuple.tuple("i-second", NodeResult.Status.SUCCEEDED, 1));
        proxy.verify(3, postRequestedFor(urlPathEqualTo("/config")));
        assertThat(hasNyan(first)).isTrue();
        assertThat(hasNyan(second)).isTrue();
        assertThat(result.nodes()).extracting(NodeResult::configHash)
                .containsExactly(configHash(first), configHash(second));
        assertThat(configHash(first)).isEqualTo(configHash(second));
    }

    @Test
    void aDblessNodeThatStaysDownIsRetriedReportedAndFailsTheSync() {
        Sandbox first = sandbox(true);
        Sandbox second = sandbox(true);
        URI firstBehindProxy = proxyFor(first);
        proxy.stubFor(post(urlPathEqualTo("/config")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"Kong currently exiting\"}")));

        SyncResult result = sync(List.of(new KongNode("i-first", firstBehindProxy),
                new KongNode("i-second", second.url())));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.nodesLeftBehind()).isEqualTo(1);
        NodeResult failed = result.nodes().get(0);
        assertThat(failed.status()).isEqualTo(NodeResult.Status.FAILED);
        assertThat(failed.rounds()).isEqualTo(GatewaySyncer.DBLESS_ROUNDS);
        assertThat(failed.message()).startsWith("POST /config").contains("503").contains("Kong currently exiting");
        // two rounds, each with the client's two attempts
        proxy.verify(4, postRequestedFor(urlPathEqualTo("/config")));
        assertThat(result.nodes().get(1).status()).isEqualTo(NodeResult.Status.SUCCEEDED);
        assertThat(hasNyan(second)).isTrue();
        assertThat(hasNyan(first)).isFalse();
    }

    @Test
    void databaseModeSyncsThroughTheFirstNodeThatAnswers() throws IOException {
        Sandbox shared = sandbox(false);
        KongNode down = new KongNode("i-down", URI.create("http://127.0.0.1:" + closedPort()));

        SyncResult result = sync(List.of(down, new KongNode("i-up", shared.url())));

        assertThat(result.succeeded()).as(result.nodes().toString()).isTrue();
        assertThat(result.nodes()).extracting(NodeResult::status)
                .containsExactly(NodeResult.Status.UNREACHABLE, NodeResult.Status.SUCCEEDED);
        assertThat(result.nodes().get(0).message()).contains("GET /");
        assertThat(hasNyan(shared)).isTrue();
        assertThat(result.kong().dbless()).isFalse();
    }

    @Test
    void databaseModeFailsOverWhenTheNodeGoesAwayMidSync() {
        Sandbox shared = sandbox(false);
        URI firstBehindProxy = proxyFor(shared);
        // the first node answers GET / and then stops answering anything else
        proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        proxy.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/")).atPriority(1)
                .willReturn(aResponse().proxiedFrom(shared.url().toString())));

        SyncResult result = sync(List.of(new KongNode("i-dying", firstBehindProxy),
                new KongNode("i-healthy", shared.url())));

        assertThat(result.succeeded()).as(result.nodes().toString()).isTrue();
        assertThat(result.nodes()).extracting(NodeResult::status)
                .containsExactly(NodeResult.Status.UNREACHABLE, NodeResult.Status.SUCCEEDED);
        assertThat(hasNyan(shared)).isTrue();
    }

    @Test
    void noNodeAnsweringIsAnErrorNamingEveryNode() throws IOException {
        KongNode a = new KongNode("i-a", URI.create("http://127.0.0.1:" + closedPort()));
        KongNode b = new KongNode("i-b", URI.create("http://127.0.0.1:" + closedPort()));

        assertThatThrownBy(() -> sync(List.of(a, b)))
                .isInstanceOf(NoKongNodeAnsweredException.class)
                .hasMessageStartingWith("no Kong node answered: " + a + ": GET /")
                .hasMessageContaining("; " + b + ": GET /");
    }

    @Test
    void aPlanComesFromTheFirstNodeThatAnswers() throws IOException {
        Sandbox shared = sandbox(false);
        KongNode down = new KongNode("i-down", URI.create("http://127.0.0.1:" + closedPort()));

        try (GatewaySyncer gateway = GatewaySyncer.connect(List.of(down, new KongNode("i-up", shared.url())), FAST,
                SyncOptions.defaults())) {
            var planned = gateway.plan(routes.state(), routes.selectTags()).block();
            assertThat(planned.plan().changes()).hasSize(routes.state().size());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
