package io.kongsync.dump;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.PlanOptions;
import io.kongsync.plan.Planner;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The property users rely on: a dump, loaded as the files, plans no change against the Kong it came from. */
class DumperTest {

    private static final Path ECHO = Path.of("src/test/resources/echo/kong-echo.json");
    private static final Path EXPECTED_ECHO_DUMP = Path.of("src/test/resources/dump/kong-echo.dump.yaml");
    private static final Path SHAPES = Path.of("src/test/resources/dump/shapes.yaml");
    private static final String OWNER = "managed-by:kongsync";
    private static final StateLoader.Options LOAD = StateLoader.Options.defaults();
    private static final DumpOptions MANAGED = new DumpOptions(OWNER, Set.of(), false);

    @TempDir
    Path tmp;

    @Test
    void kongsEchoDumpsToTheReviewedFileWhichPlansNoChange() throws IOException {
        StateLoader.Loaded current = StateLoader.loadCurrent(ECHO, LOAD);
        assertThat(current.diagnostics()).isEmpty();

        Dump dump = Dumper.dump(current.state(), MANAGED);

        assertThat(dump.yaml()).isEqualTo(Files.readString(EXPECTED_ECHO_DUMP));
        assertNoChange(load(dump.yaml()), current.state(), PlanOptions.defaults());
        assertThat(dump.warnings()).singleElement().asString()
                .startsWith("basicauth_credential alice (consumer alice): Kong returns only a salted SHA-1 hash")
                .doesNotContain("85fecc24bbb98d868a7f7a351a8b04ced243864e");
    }

    @Test
    void theRoutesDirectoryServedByKongDumpsToAFileThatPlansNoChange() throws IOException {
        State current = servedByKong(StateLoader.loadDesired(List.of(Path.of("routes")), LOAD));

        Dump dump = Dumper.dump(current, MANAGED);

        assertNoChange(load(dump.yaml()), current, PlanOptions.defaults());
        assertThat(dump.warnings()).isEmpty();
        assertThat(dump.yaml()).doesNotContain("- id:", " id: ", "created_at", OWNER, "null")
                .contains("  - name: orders-api\n    connect_timeout: 5000\n    host: orders.ecs.local\n")
                .contains("        paths:\n          - '~/payments/webhooks/(stripe|adyen)$'\n");
    }

    @Test
    void certificatesTopLevelRoutesAndPluginsOnTwoEntitiesDumpToAFileThatPlansNoChange() throws IOException {
        State current = servedByKong(StateLoader.loadDesired(List.of(SHAPES), LOAD));

        Dump dump = Dumper.dump(current, MANAGED);

        assertNoChange(load(dump.yaml()), current, PlanOptions.defaults());
        assertThat(dump.yaml())
                .contains("  - id: 5f0c6a52-4c1e-4a53-9d8e-0d1c2b3a4f5e\n    cert: |\n      -----BEGIN CERTIFICATE-----\n")
                .contains("  - snis:\n      - a.example\n      - b.example\n")
                .contains("  - id: 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d\n")
                .contains("routes:\n  - name: loose\n")
                .contains("  - name: rate-limiting\n    config:\n      second: 5\n    consumer: 'no'\n    service: secure\n")
                .contains("    tags:\n      - '1.0'\n      - 'on'\n")
                .contains("      x-flag:\n        - 'yes'\n        - 'off'\n")
                .contains("  - username: 'no'\n    custom_id: '123'\n")
                .contains("      message: '*'\n");
    }

    @Test
    void selectTagsScopeTheDumpAndAreLeftToTheLoader() throws IOException {
        State current = servedByKong(StateLoader.loadDesired(List.of(Path.of("routes")), LOAD));
        current = withExtraTag(current, "service:nyan", "team:cats");
        current = withExtraTag(current, "route:nyan", "team:cats");

        Dump dump = Dumper.dump(current, new DumpOptions(OWNER, Set.of("team:cats"), false));

        assertThat(dump.yaml()).isEqualTo("""
                _format_version: '3.0'
                _info:
                  select_tags:
                    - team:cats
                services:
                  - name: nyan
                    connect_timeout: 5000
                    host: nyan.ecs.local
                    read_timeout: 30000
                    routes:
                      - name: nyan
                        hosts:
                          - nyan.mydomain.com
                        preserve_host: true
                """);
        assertNoChange(load(dump.yaml()), current, new PlanOptions(OWNER, Set.of("team:cats")));
    }

    @Test
    void unmanagedEntitiesAreWrittenOnlyWhenAsked() throws IOException {
        State current = servedByKong(StateLoader.loadDesired(List.of(Path.of("routes/global.yaml")), LOAD));
        current = withoutTag(current, "plugin:prometheus", OWNER);

        assertThat(Dumper.dump(current, MANAGED).yaml()).contains("correlation-id").doesNotContain("prometheus");
        assertThat(Dumper.dump(current, new DumpOptions(OWNER, Set.of(), true)).yaml())
                .contains("correlation-id", "prometheus");
    }

    @Test
    void whatOnlyKongHoldsIsReferredToByItsIdAndNothingIsLeftOut() throws IOException {
        State current = servedByKong(StateLoader.loadDesired(List.of(Path.of("routes/orders-api.yaml")), LOAD));
        current = withoutTag(current, "service:orders-api", OWNER);
        String serviceId = current.get(EntityKey.of(EntityKind.SERVICE, "orders-api")).orElseThrow().id().toString();

        Dump dump = Dumper.dump(current, MANAGED);

        assertThat(dump.warnings()).isEmpty();
        assertThat(dump.yaml()).doesNotContain("name: orders-api").contains("mobile-app")
                .contains("  - name: orders-read\n").contains("    service: " + serviceId + "\n");
    }

    @Test
    void servicesAndRoutesIdentifiedByIdAloneDumpWithTheirIdAndPlanNoChange() throws IOException {
        Path files = tmp.resolve("by-id.yaml");
        Files.writeString(files, """
                _format_version: "3.0"
                services:
                  - id: 3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d01
                    host: orders.internal
                    routes:
                      - id: 3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d02
                        paths: [/orders]
                      - name: orders-admin
                        paths: [/orders-admin]
                    plugins:
                      - name: key-auth
                """);
        State current = servedByKong(StateLoader.loadDesired(List.of(files), LOAD));

        Dump dump = Dumper.dump(current, MANAGED);

        assertThat(dump.warnings()).isEmpty();
        assertThat(dump.yaml()).contains("  - id: 3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d01\n",
                "      - id: 3f1e0a52-6c1b-4f6e-9d0a-2b7c5e8a9d02\n", "      - name: orders-admin\n");
        assertNoChange(load(dump.yaml()), current, PlanOptions.defaults());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** What Kong would echo after loading these files in DB-less mode: the declarative config, read back. */
    private State servedByKong(StateLoader.Loaded files) throws IOException {
        assertThat(files.diagnostics()).isEmpty();
        Path config = tmp.resolve("kong-config.json");
        Files.writeString(config, DeclarativeConfig.render(files.state(),
                key -> files.state().get(key).map(Entity::id).orElseThrow()));
        StateLoader.Loaded current = StateLoader.loadCurrent(config, LOAD);
        assertThat(current.diagnostics()).isEmpty();
        assertThat(current.state().entities().keySet()).isEqualTo(files.state().entities().keySet());
        return current.state();
    }

    private StateLoader.Loaded load(String yaml) throws IOException {
        Path file = tmp.resolve("dump.yaml");
        Files.writeString(file, yaml);
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), LOAD);
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded;
    }

    private static void assertNoChange(StateLoader.Loaded desired, State current, PlanOptions options) {
        Plan plan = Planner.plan(desired.state(), current, options);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    private static State withExtraTag(State state, String canonical, String tag) {
        return retag(state, canonical, tags -> {
            tags.add(tag);
            tags.sort(null);
        });
    }

    private static State withoutTag(State state, String canonical, String tag) {
        return retag(state, canonical, tags -> tags.remove(tag));
    }

    private static State retag(State state, String canonical, java.util.function.Consumer<List<Object>> edit) {
        java.util.Map<EntityKey, Entity> entities = new java.util.TreeMap<>(state.entities());
        EntityKey key = entities.keySet().stream().filter(k -> k.canonical().equals(canonical)).findFirst().orElseThrow();
        Entity e = entities.get(key);
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>(e.fields());
        List<Object> tags = new java.util.ArrayList<>((List<?>) fields.get("tags"));
        edit.accept(tags);
        fields.put("tags", tags);
        entities.put(key, new Entity(key, e.id(), fields, e.origin(), e.sensitivePaths()));
        return new State(entities);
    }
}
