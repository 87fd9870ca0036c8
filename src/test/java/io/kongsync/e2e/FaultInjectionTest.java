package io.kongsync.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.kong.RetryPolicy;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.state.StateLoader;
import io.kongsync.sync.Outcome;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults between kongsync and Kong in the middle of a sync: WireMock sits in front of the sandbox, passes every
 * request through, and breaks chosen ones.
 */
class FaultInjectionTest {

    private Sandbox sandbox;
    private WireMockServer proxy;
    private KongClient kong;
    private StateLoader.Loaded routes;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        proxy = new WireMockServer(options().dynamicPort());
        proxy.start();
        passThrough();
        kong = KongClient.create(KongSettings.of(URI.create(proxy.baseUrl()))
                .withReadTimeout(Duration.ofMillis(500))
                .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), 0.5)));
        routes = StateLoader.loadDesired(List.of(Path.of("routes")), StateLoader.Options.defaults());
        assertThat(routes.diagnostics()).isEmpty();
    }

    @AfterEach
    void stop() {
        kong.close();
        proxy.stop();
        sandbox.close();
    }

    private void passThrough() {
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(sandbox.url().toString())));
    }

    private static String path(EntityKind kind, String name) {
        return "/" + kind.collection() + "/" + EntityKey.of(kind, name).deterministicId();
    }

    /** The first request to the path gets the fault; later ones pass through to the sandbox. */
    private void once(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault) {
        proxy.stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered").willReturn(fault));
    }

    private SyncResult sync() {
        return new Syncer(kong, SyncOptions.defaults()).sync(routes.state(), routes.selectTags()).block();
    }

    @Test
    void resetsServerErrorsThrottlingAndSlowAnswersAreRetriedAndTheSyncSucceeds() {
        once(path(EntityKind.SERVICE, "nyan"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        once(path(EntityKind.ROUTE, "nyan"), aResponse().withStatus(500)
                .withBody("{\"message\":\"An unexpected error occurred\"}"));
        once(path(EntityKind.SERVICE, "payments"), aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("{\"message\":\"API rate limit exceeded\"}"));
        once(path(EntityKind.SERVICE, "orders-api"), aResponse().withFixedDelay(2_000)
                .proxiedFrom(sandbox.url().toString()));

        SyncResult result = sync();

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(result.outcomes()).allMatch(o -> o.status() == Outcome.Status.APPLIED);
        for (String path : List.of(path(EntityKind.SERVICE, "nyan"), path(EntityKind.ROUTE, "nyan"),
                path(EntityKind.SERVICE, "payments"), path(EntityKind.SERVICE, "orders-api"))) {
            proxy.verify(2, putRequestedFor(urlPathEqualTo(path)));
        }
        assertThat(sync().outcomes()).isEmpty();
    }

    @Test
    void aWriteThatKeepsFailingSkipsItsDependentsFinishesTheRestAndTheNextSyncConverges() {
        proxy.stubFor(put(urlPathEqualTo(path(EntityKind.SERVICE, "nyan"))).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"Kong currently exiting\"}")));

        SyncResult failed = sync();

        assertThat(failed.succeeded()).isFalse();
        Outcome service = outcome(failed, "create service nyan");
        assertThat(service.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(service.attempts()).isEqualTo(4);
        assertThat(service.message()).contains("routes/nyan.yaml").contains("503").contains("Kong currently exiting");
        assertThat(outcome(failed, "create route nyan").status()).isEqualTo(Outcome.Status.SKIPPED);
        assertThat(outcome(failed, "create plugin rate-limiting (service nyan)").status())
                .isEqualTo(Outcome.Status.SKIPPED);
        assertThat(failed.count(Outcome.Status.APPLIED)).isEqualTo(failed.outcomes().size() - 3);
        assertThat(failed.remaining().changes()).hasSize(3);

        proxy.resetAll();
        passThrough();
        SyncResult retried = sync();

        assertThat(retried.succeeded()).isTrue();
        assertThat(retried.outcomes()).hasSize(3);
    }

    private static Outcome outcome(SyncResult result, String operation) {
        return result.outcomes().stream().filter(o -> o.operation().describe().equals(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + operation + " in " + result.outcomes()));
    }
}
