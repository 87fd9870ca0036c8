package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** What outlives one run of the service, and what a running service notices on its own. */
class ServiceLifecycleTest {

    @TempDir
    Path root;

    @Test
    void theHistorySurvivesARestart() {
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            String location;
            try (RunningService first = ServiceFixture.idle(RunningService.start(fixture.settings()))) {
                location = first.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}").header("Location");
                awaitFinished(first, location);
            }
            try (RunningService second = RunningService.start(fixture.settings())) {
                Map<String, Object> kept = json(second.get(location, TOKEN).body());
                assertThat(kept).containsEntry("state", "succeeded").containsEntry("dryRun", true);
                assertThat(second.get(location + "?format=text", TOKEN).body()).contains("No changes");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) json(
                        second.get("/api/v1/syncs", TOKEN).body()).get("items");
                assertThat(items).extracting(i -> i.get("trigger")).contains("start", "api");
                assertThat(items.stream().filter(i -> "start".equals(i.get("trigger")))).hasSize(2);
            }
        }
    }

    @Test
    void theDriftGaugeFollowsAManualChangeInKong() {
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.drift.interval", "200ms");
            try (RunningService service = RunningService.start(settings)) {
                awaitGauge(service, 0);

                String pluginId = (String) fixture.admin.get("/plugins").data().get(0).get("id");
                fixture.admin.patch("/plugins/" + pluginId, Map.of("config", Map.of("minute", 1)));
                fixture.admin.delete("/routes/nyan/plugins/" + pluginId);

                awaitGauge(service, 1);
                @SuppressWarnings("unchecked")
                Map<String, Object> drift = (Map<String, Object>) ((Map<String, Object>) json(
                        service.get("/api/v1/status", TOKEN).body()).get("drift")).get("last");
                assertThat(drift).containsEntry("changes", 1)
                        .containsEntry("plan", Map.of("create", 1, "update", 0, "delete", 0, "conflicts", 0));
                assertThat(fixture.admin.get("/plugins").data()).isEmpty();
            }
        }
    }

    @Test
    void autoCorrectSyncsTheDriftAway() {
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.drift.interval", "200ms");
            settings.put("kongsync.drift.auto-correct", "true");
            try (RunningService service = RunningService.start(settings)) {
                awaitGauge(service, 0);
                fixture.admin.delete("/routes/nyan/plugins/" + fixture.admin.get("/plugins").data().get(0).get("id"));

                long deadline = System.nanoTime() + 30_000_000_000L;
                while (fixture.admin.get("/plugins").data().isEmpty() && System.nanoTime() < deadline) {
                    ServiceFixture.sleep(50);
                }
                assertThat(fixture.admin.get("/plugins").data()).hasSize(1);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) json(
                        service.get("/api/v1/syncs", TOKEN).body()).get("items");
                assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("trigger", "schedule"));
            }
        }
    }

    static void awaitGauge(RunningService service, int changes) {
        String expected = "kongsync_drift_changes " + changes + ".0";
        long deadline = System.nanoTime() + 30_000_000_000L;
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = service.getManagement("/actuator/prometheus").body();
            if (metrics.lines().anyMatch(expected::equals)) {
                return;
            }
            ServiceFixture.sleep(50);
        }
        throw new AssertionError("no \"" + expected + "\" in /actuator/prometheus:\n"
                + metrics.lines().filter(l -> l.startsWith("kongsync_")).toList());
    }
}
