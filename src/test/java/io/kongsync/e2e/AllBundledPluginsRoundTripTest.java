package io.kongsync.e2e;

import io.kongsync.cli.CliRun;
import io.kongsync.cli.ExitCodes;
import io.kongsync.model.Values;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;
import io.kongsync.schema.Shorthand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundled plugin through a sandbox and back: the fixture syncs and then plans nothing, and each plugin as Kong
 * 3.9 echoes it (every default explicit, deprecated shorthands echoed beside their new fields, sets in another
 * order), written back as the desired file, plans nothing either.
 */
class AllBundledPluginsRoundTripTest {

    private static final String FIXTURE = "src/test/resources/plugins/all-bundled-plugins.yaml";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Nested
    class DatabaseMode extends RoundTrip {
        @Override
        boolean dbless() {
            return false;
        }
    }

    @Nested
    class DbLessMode extends RoundTrip {
        @Override
        boolean dbless() {
            return true;
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract class RoundTrip {

        abstract boolean dbless();

        @TempDir
        Path dir;

        private Sandbox kong;
        private AdminClient admin;
        private CliRun firstSync;

        @BeforeAll
        void syncTheFixture() {
            kong = Sandbox.start(SandboxOptions.defaults().withDbless(dbless()));
            admin = new AdminClient(kong.url());
            firstSync = CliRun.of("sync", "-s", FIXTURE, "--kong-addr", kong.url().toString());
        }

        @AfterAll
        void stop() {
            kong.close();
        }

        private CliRun diff(String source) {
            return CliRun.of("diff", "-s", source, "--kong-addr", kong.url().toString(), "--detailed-exitcode");
        }

        @Test
        void theFixtureSyncsAndThenPlansNothing() {
            assertThat(firstSync.exitCode()).as(firstSync.err() + firstSync.out()).isEqualTo(ExitCodes.OK);
            assertThat(admin.get("/plugins?size=1000").data()).extracting(p -> p.get("name"))
                    .containsExactlyInAnyOrderElementsOf(Schemas.bundledPlugins());

            CliRun diff = diff(FIXTURE);

            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
            assertThat(diff.out()).contains("No changes. Kong matches the files.");
        }

        @Test
        void anExplicitEmptyListReachesKongAsAnEmptyList() {
            Map<String, Object> jwt = admin.get("/plugins?size=1000").data().stream()
                    .filter(p -> "jwt".equals(p.get("name"))).findFirst().orElseThrow();

            // jwt iterates uri_param_names: null there would fail every request; [] turns query-string tokens off
            assertThat(((Map<?, ?>) jwt.get("config")).get("uri_param_names")).isEqualTo(List.of());
        }

        @Test
        void aDumpOfTheSyncedPluginsPlansNothing() {
            Path dumped = dir.resolve("dump.yaml");

            CliRun dump = CliRun.of("dump", "--kong-addr", kong.url().toString(), "-o", dumped.toString());
            CliRun diff = diff(dumped.toString());

            assertThat(dump.exitCode()).as(dump.err()).isEqualTo(ExitCodes.OK);
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.OK);
        }

        List<String> plugins() {
            return Schemas.bundledPlugins();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("plugins")
        void thePluginAsKongEchoesItPlansNothing(String name) throws IOException {
            assertThat(firstSync.exitCode()).as(firstSync.err() + firstSync.out()).isEqualTo(ExitCodes.OK);
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(echoedFile(name)));

            CliRun diff = diff(file.toString());

            assertThat(diff.exitCode()).as(Files.readString(file) + "\n" + diff.out() + diff.err())
                    .isEqualTo(ExitCodes.OK);
        }

        /**
         * The whole configuration as a decK file made of the sandbox's answers ({@code GET /plugins}: every default
         * explicit), ids, timestamps and foreign keys left out; the plugin {@code echoed} also as Kong 3.9.1 answers beyond
         * the sandbox: its deprecated shorthands echoed and its sets in reverse order.
         */
        private Map<String, Object> echoedFile(String echoed) {
            List<Object> global = new ArrayList<>();
            List<Object> onService = new ArrayList<>();
            for (Map<String, Object> plugin : admin.get("/plugins?size=1000").data()) {
                String name = (String) plugin.get("name");
                Map<String, Object> entry = new LinkedHashMap<>(plugin);
                entry.remove("id");
                entry.remove("created_at");
                entry.remove("updated_at");
                entry.remove("consumer");
                entry.remove("route");
                Object service = entry.remove("service");
                if (name.equals(echoed)) {
                    entry = asKongEchoes(Schemas.plugin(name).orElseThrow(), entry);
                }
                (service == null ? global : onService).add(entry);
            }
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", "api");
            service.put("url", "http://api.ecs.local");
            service.put("plugins", onService);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("_format_version", "3.0");
            file.put("plugins", global);
            file.put("services", List.of(service));
            return file;
        }

        /** What Kong 3.9.1 adds on a read: each deprecated shorthand with a replacement, set to its new field's value. */
        @SuppressWarnings("unchecked")
        static Map<String, Object> asKongEchoes(PluginSchema schema, Map<String, Object> plugin) {
            Map<String, Object> out = (Map<String, Object>) Values.deepCopy(plugin);
            Map<String, Object> config = (Map<String, Object>) out.get("config");
            for (Shorthand s : schema.shorthands()) {
                if (s.echoed()) {
                    String[] from = s.from().split("\\.");
                    Map<String, Object> parent = config;
                    for (int i = 0; i < from.length - 1; i++) {
                        parent = (Map<String, Object>) parent.get(from[i]);
                    }
                    parent.put(from[from.length - 1], at(config, s.to()));
                }
            }
            reverseSets(schema.entitySchema().fields(), out);
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Object at(Map<String, Object> root, String dotted) {
            Object current = root;
            for (String part : dotted.split("\\.")) {
                current = current instanceof Map<?, ?> m ? m.get(part) : null;
            }
            return current;
        }

        @SuppressWarnings("unchecked")
        private static void reverseSets(List<Field> fields, Map<String, Object> record) {
            for (Field f : fields) {
                Object v = record.get(f.name());
                if (f.type() == FieldType.SET && v instanceof Collection<?> c) {
                    List<Object> reversed = new ArrayList<>(c);
                    Collections.reverse(reversed);
                    record.put(f.name(), reversed);
                } else if (f.type() == FieldType.RECORD && v instanceof Map<?, ?> m) {
                    reverseSets(f.fields(), (Map<String, Object>) m);
                }
            }
        }
    }
}
