package io.kongsync.schema.live;

import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point of live schemas: a custom plugin written with only the config it needs, against a Kong that stored it
 * with every default filled in. Without the live schema the plan is wrong; with it, the plan is empty or right.
 */
class LivePluginDefaultsPlanTest {

    private static final StateLoader.Options OPTIONS =
            new StateLoader.Options(Set.of("my-auth"), PlanOptions.DEFAULT_OWNERSHIP_TAG);
    private static final Map<String, io.kongsync.schema.PluginSchema> LIVE =
            Map.of("my-auth", KongSchemaParser.parsePlugin("my-auth", LiveSchemaJson.load("my-auth.json")));

    @TempDir
    Path dir;

    private State desired(String pluginConfigYaml) throws IOException {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                - name: svc
                  url: http://upstream.test
                  plugins:
                  - name: my-auth
                    config:
                %s""".formatted(pluginConfigYaml.indent(6)));
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), OPTIONS);
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.state();
    }

    /** What Kong echoes for the plugin: its config with every default of my-auth's schema filled in. */
    private State kong(String configJson) throws IOException {
        Path file = dir.resolve("echo.json");
        Files.writeString(file, """
                {"_format_version": "3.0",
                 "services": [{"id": "a0000000-0000-4000-8000-000000000001", "name": "svc", "protocol": "http",
                   "host": "upstream.test", "port": 80, "path": null, "retries": 5, "connect_timeout": 60000,
                   "write_timeout": 60000, "read_timeout": 60000, "enabled": true, "tags": ["managed-by:kongsync"],
                   "client_certificate": null, "tls_verify": null, "tls_verify_depth": null, "ca_certificates": null}],
                 "plugins": [{"id": "d0000000-0000-4000-8000-000000000001", "name": "my-auth", "instance_name": null,
                   "service": {"id": "a0000000-0000-4000-8000-000000000001"}, "route": null, "consumer": null,
                   "protocols": ["http", "https"], "enabled": true, "tags": ["managed-by:kongsync"],
                   "config": %s}]}
                """.formatted(configJson));
        StateLoader.Loaded loaded = StateLoader.loadCurrent(file, OPTIONS);
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.state();
    }

    private static Plan plan(State desired, State current) {
        return Planner.plan(desired, current, PlanOptions.defaults());
    }

    private static List<String> changedPaths(Plan plan) {
        return plan.changes().stream().flatMap(c -> c.fields().stream()).map(FieldChange::path).toList();
    }

    @Test
    void kongsFilledInDefaultsAreNoLongerAChange() throws IOException {
        State desired = desired("header: X-Key");
        State current = kong("""
                {"header": "X-Key", "timeout": 1000, "hide": false, "api_token": null, "scopes": [],
                 "mode": "strict", "upstream_headers": null, "cache": {"ttl": 30.5, "strategy": "memory"}, "tls": null}""");

        Plan before = plan(desired, current);
        assertThat(before.changes()).extracting(Change::action).containsExactly(Action.UPDATE);
        assertThat(changedPaths(before)).containsExactly("protocols");

        assertThat(plan(LivePluginDefaults.apply(desired, LIVE), current).changes()).isEmpty();
    }

    @Test
    void aSetKongSortsIsNoLongerAChange() throws IOException {
        State desired = desired("header: X-Key\nscopes: [write, read]");
        State current = kong("""
                {"header": "X-Key", "timeout": 1000, "hide": false, "scopes": ["read", "write"],
                 "mode": "strict", "cache": {"ttl": 30.5, "strategy": "memory"}}""");

        assertThat(changedPaths(plan(desired, current))).contains("config.scopes");
        assertThat(plan(LivePluginDefaults.apply(desired, LIVE), current).changes()).isEmpty();
    }

    @Test
    void aSettingRemovedFromTheFilesIsResetToItsDefault() throws IOException {
        // timeout was 5000 in an earlier version of the files; now the files leave it out
        State desired = desired("header: X-Key");
        State current = kong("""
                {"header": "X-Key", "timeout": 5000, "hide": false, "scopes": [],
                 "mode": "strict", "cache": {"ttl": 30.5, "strategy": "memory"}}""");

        assertThat(changedPaths(plan(desired, current))).doesNotContain("config.timeout");

        Plan after = plan(LivePluginDefaults.apply(desired, LIVE), current);
        assertThat(after.changes()).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(Action.UPDATE);
            assertThat(change.fields()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("config.timeout");
                assertThat(f.oldValue()).isEqualTo(5000L);
                assertThat(f.newValue()).isEqualTo(1000L);
            });
        });
    }
}
