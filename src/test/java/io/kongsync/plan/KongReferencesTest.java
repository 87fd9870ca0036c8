package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** References by id to entities only Kong holds, resolved against the current state before planning. */
class KongReferencesTest {

    private static final String ROUTE_ID = "7a9c2d40-1b3e-4c5f-8a6d-0e1f2a3b4c5d";
    private static final String FILES = """
            _format_version: "3.0"
            plugins:
              - name: rate-limiting
                route: %s
                config:
                  minute: 5
            """.formatted(ROUTE_ID);

    @TempDir
    Path tmp;

    private State desired() throws IOException {
        Path file = tmp.resolve("plugins.yaml");
        Files.writeString(file, FILES);
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults());
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.state();
    }

    /** Kong holding one route with that id, named {@code manual}, with these tags. */
    private State kongWithRoute(String tags) throws IOException {
        Path echo = tmp.resolve("kong.json");
        Files.writeString(echo, """
                {"_format_version": "3.0", "routes": [{"id": "%s", "name": "manual", "paths": ["/manual"], "tags": %s}]}
                """.formatted(ROUTE_ID, tags));
        StateLoader.Loaded loaded = StateLoader.loadCurrent(echo, StateLoader.Options.defaults());
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.state();
    }

    @Test
    void aReferenceToARouteMadeByHandTakesItsKeyAndPlansOnlyThePlugin() throws IOException {
        State desired = desired();
        Entity before = desired.ofKind(EntityKind.PLUGIN).get(0);
        State current = kongWithRoute("null");

        KongReferences.Resolved resolved = KongReferences.againstKong(desired, current, PlanOptions.defaults());

        assertThat(resolved.unresolved()).isEmpty();
        EntityKey manual = EntityKey.of(EntityKind.ROUTE, "manual");
        Entity plugin = resolved.desired().get(new EntityKey(EntityKind.PLUGIN, "rate-limiting",
                Map.of("route", "manual"))).orElseThrow();
        assertThat(plugin.field("route")).isEqualTo(manual);
        assertThat(plugin.id()).isEqualTo(before.id());
        Plan plan = Planner.plan(resolved.desired(), current, PlanOptions.defaults());
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.CREATE);
            assertThat(c.key().kind()).isEqualTo(EntityKind.PLUGIN);
        });
    }

    @Test
    void anIdKongDoesNotHoldIsLocatedAndNamed() throws IOException {
        KongReferences.Resolved resolved = KongReferences.againstKong(desired(), State.EMPTY, PlanOptions.defaults());

        assertThat(resolved.unresolved()).extracting(Diagnostic::format).singleElement().asString()
                .endsWith("plugins.yaml:3:5: plugins[0].route: route " + ROUTE_ID + " is neither in the files nor "
                        + "in Kong");
    }

    @Test
    void aRouteTheFilesNoLongerHoldButKongsyncManagesWouldBeDeletedSoItIsRefused() throws IOException {
        KongReferences.Resolved resolved = KongReferences.againstKong(desired(),
                kongWithRoute("[\"managed-by:kongsync\"]"), PlanOptions.defaults());

        assertThat(resolved.unresolved()).extracting(Diagnostic::message).singleElement().asString()
                .contains("is kongsync's in Kong (tagged managed-by:kongsync) but no longer in the files, so this plan "
                        + "would delete it");
    }

    @Test
    void aDbLessKongRunsOnlyWhatTheFilesHold() throws IOException {
        KongReferences.Resolved resolved = KongReferences.againstKong(desired(), kongWithRoute("null"),
                PlanOptions.defaults().owningAll());

        assertThat(resolved.unresolved()).extracting(Diagnostic::message).singleElement().asString()
                .contains("DB-less Kong runs only what the files hold");
    }

    @Test
    void aServiceTheFilesIdentifyByIdIsPairedWithTheNamedOneKongHoldsWithThatId() throws IOException {
        String serviceId = "3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d01";
        Path file = tmp.resolve("service.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                  - id: %s
                    host: orders.internal
                    plugins:
                      - name: key-auth
                """.formatted(serviceId));
        State desired = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults()).state();
        Path echo = tmp.resolve("kong.json");
        Files.writeString(echo, """
                {"_format_version": "3.0", "services": [{"id": "%s", "name": "orders", "host": "orders.internal",
                 "tags": ["managed-by:kongsync"]}]}
                """.formatted(serviceId));
        State current = StateLoader.loadCurrent(echo, StateLoader.Options.defaults()).state();

        KongReferences.Resolved resolved = KongReferences.againstKong(desired, current, PlanOptions.defaults());
        Plan plan = Planner.plan(resolved.desired(), current, PlanOptions.defaults());

        assertThat(resolved.unresolved()).isEmpty();
        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.key()).containsExactly(
                "UPDATE service:orders", "CREATE plugin:key-auth[service=orders]");
        assertThat(plan.changes().get(0).fields()).extracting(FieldChange::path).contains("name");
        assertThat(resolved.desired().ofKind(EntityKind.SERVICE).get(0).id().toString()).isEqualTo(serviceId);
    }

    @Test
    void withoutAnyCurrentStateEachReferenceIsAWarningToCheckAgainstKong() throws IOException {
        assertThat(KongReferences.unchecked(desired())).extracting(Diagnostic::format).singleElement().asString()
                .endsWith("plugins.yaml:3:5: plugins[0].route: route " + ROUTE_ID + " is not defined in the files: "
                        + "it must exist in Kong, which validate cannot check (diff and sync against Kong do)");
    }
}
