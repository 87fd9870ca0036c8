package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeckFileReaderTest {

    private static final String FIXTURES = "src/test/resources/files/";
    private static final Map<String, String> ENV = Map.of(
            "DECK_HOST", "orders.internal",
            "DECK_PORT", "8080",
            "HOME", "/home/someone");

    private final DeckFileReader reader = new DeckFileReader();
    private final ReadOptions options = ReadOptions.defaults().withEnvironment(ENV::get);

    private ReadResult read(String... fixtures) {
        List<Path> paths = new ArrayList<>();
        for (String f : fixtures) {
            paths.add(Path.of(FIXTURES + f));
        }
        return reader.read(paths, options);
    }

    private static List<String> messages(ReadResult result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object root, Object... steps) {
        Object current = root;
        for (Object step : steps) {
            current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    @Test
    void recordsLineAndColumnOfNestedPaths() {
        ReadResult result = read("nested.yaml");

        assertThat(result.diagnostics()).isEmpty();
        SourceMap positions = result.files().get(0).positions();
        assertThat(positions.at("services[0].routes[1].paths[0]"))
                .isEqualTo(new Origin("src/test/resources/files/nested.yaml", 11, 13, "services[0].routes[1].paths[0]"));
        assertThat(positions.at("services[0].routes[1]").line()).isEqualTo(9);
        assertThat(positions.at("services[0].routes[1]").column()).isEqualTo(9);
        assertThat(positions.at("services[0].host").position()).endsWith("nested.yaml:4:5");
        assertThat(positions.at("services[0].routes[0].paths[0]").position()).endsWith(":8:17");
    }

    @Test
    void buildsCoreSchemaValuesInWrittenOrder() {
        DeckFile file = read("nested.yaml").files().get(0);

        assertThat(file.content()).isInstanceOf(LinkedHashMap.class);
        assertThat(file.content().keySet()).containsExactly("_format_version", "services");
        assertThat((Object) at(file.content(), "services", 0, "port")).isEqualTo(8080L);
        assertThat((Object) at(file.content(), "services", 0, "routes")).isInstanceOf(ArrayList.class);
        assertThat(((Map<String, Object>) at(file.content(), "services", 0)).keySet())
                .containsExactly("name", "host", "port", "routes");
    }

    @Test
    void jsonFilesGetPositionsToo() {
        ReadResult result = read("nested.json");

        assertThat(result.diagnostics()).isEmpty();
        SourceMap positions = result.files().get(0).positions();
        assertThat(positions.at("services[0].routes[0].paths[1]").position()).endsWith("nested.json:7:48");
        assertThat(positions.at("services[0].port").position()).endsWith("nested.json:6:7");
        assertThat((Object) at(result.files().get(0).content(), "services", 0, "port")).isEqualTo(8080L);
    }

    @Test
    void reportsEveryDuplicateKeyWithBothLines() {
        ReadResult result = read("duplicates.yaml");

        assertThat(messages(result)).containsExactly(
                FIXTURES + "duplicates.yaml:5:5: services[0].name: duplicate key 'name' (first at line 3)",
                FIXTURES + "duplicates.yaml:6:5: services[0].host: duplicate key 'host' (first at line 4)");
    }

    @Test
    void rejectsTagsOutsideTheCoreSchema() {
        ReadResult result = read("tags.yaml");

        assertThat(messages(result)).hasSize(2);
        assertThat(messages(result).get(0))
                .startsWith(FIXTURES + "tags.yaml:3:11: services[0].name: unsupported tag !!python/object/apply:os.system");
        assertThat(messages(result).get(1)).startsWith(FIXTURES + "tags.yaml:4:11: services[0].host: unsupported tag !foo");
        assertThat((Object) at(result.files().get(0).content(), "services", 0, "port")).isEqualTo(80L);
    }

    @Test
    void billionLaughsFailsOnSnakeyamlsAliasLimit() {
        ReadResult result = read("billion-laughs.yaml");

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString().contains("more than 50 aliases");
    }

    @Test
    void billionLaughsFailsOnTheExpansionCapWhenAliasesAreAllowed() {
        ReadResult result = reader.read(List.of(Path.of(FIXTURES + "billion-laughs.yaml")),
                options.withAliasLimits(10_000, 100_000));

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString()
                .contains("aliases expand to more than 100000 nodes");
    }

    @Test
    void rejectsRecursiveAliases() {
        ReadResult result = read("recursive.yaml");

        assertThat(messages(result)).anySatisfy(m -> assertThat(m).contains("recursive alias"));
    }

    @Test
    void rejectsASecondDocument() {
        ReadResult result = read("two-documents.yaml");

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString()
                .startsWith(FIXTURES + "two-documents.yaml:4:1: only one YAML document per file");
    }

    @Test
    void requiresFormatVersionThreeDotZero(@TempDir Path dir) throws IOException {
        Path missing = Files.writeString(dir.resolve("missing.yaml"), "services: []\n");
        Path unquoted = Files.writeString(dir.resolve("unquoted.yaml"), "_format_version: 3.0\n");
        Path kong21 = Files.writeString(dir.resolve("kong21.yaml"), "_format_version: \"2.1\"\n");
        ReadResult old = read("old-format.yaml");
        ReadResult others = reader.read(List.of(missing, unquoted), options);

        assertThat(messages(old)).singleElement().asString().isEqualTo(FIXTURES + "old-format.yaml:1:1: _format_version: "
                + "unsupported _format_version \"1.1\": kongsync reads only \"3.0\"; convert it with 'kongsync convert -s "
                + FIXTURES + "old-format.yaml --from 1.1 --to 3.0' (regex paths gain '~')");
        assertThat(messages(others)).singleElement().asString().isEqualTo(missing + ":1:1: _format_version is "
                + "missing, which decK reads as \"1.1\" (Kong 2.x); kongsync reads \"3.0\": convert it with 'kongsync "
                + "convert -s " + missing + " --from 1.1 --to 3.0' (regex paths gain '~')");
        assertThat(messages(reader.read(List.of(kong21), options))).singleElement().asString().isEqualTo(kong21
                + ":1:1: _format_version: unsupported _format_version \"2.1\": kongsync reads only \"3.0\"; convert it "
                + "with 'kongsync convert -s " + kong21 + " --from 1.1 --to 3.0' (regex paths gain '~')");
        assertThat(old.files()).as("a 1.x file is to convert, not to check further").isEmpty();
        assertThat(others.files()).singleElement().satisfies(unquotedFile ->
                assertThat(unquotedFile.content().get("_format_version")).isEqualTo("3.0"));
    }

    @Test
    void rejectsARootThatIsNotAMapping(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");

        ReadResult result = reader.read(List.of(list), options);

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString().contains("root of a decK file must be a mapping");
    }

    @Test
    void reportsSyntaxErrorsWithPosition(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "_format_version: \"3.0\"\nservices: [a, b\n");

        ReadResult result = reader.read(List.of(broken), options);

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString().matches(".*broken.yaml:3:1: .*");
    }

    @Test
    void boundsTheFileSize(@TempDir Path dir) throws IOException {
        Path big = Files.writeString(dir.resolve("big.yaml"), "_format_version: \"3.0\"\n_comment: " + "x".repeat(2000) + "\n");

        ReadResult result = reader.read(List.of(big), options.withMaxFileBytes(1000));

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString().contains("larger than the limit of 1000 bytes");
    }

    @Test
    void readsDirectoriesRecursivelyInOrderSkippingHiddenAndOtherFiles() {
        ReadResult result = read("tree", "nested.yaml");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.files()).extracting(DeckFile::name).containsExactly(
                FIXTURES + "tree/a.json", FIXTURES + "tree/a/z.yaml", FIXTURES + "tree/b.yaml", FIXTURES + "nested.yaml");
        assertThat(result.files()).extracting(f -> (Object) at(f.content(), "services", 0, "name"))
                .containsExactly("a-json", "z", "b", "orders");
        assertThat(result.files().get(1).positions().at("services[0].name").position())
                .isEqualTo(FIXTURES + "tree/a/z.yaml:3:5");
    }

    @Test
    void aSourceCanBeNamedOtherwiseThanWhereItIs(@TempDir Path dir) throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("snapshots/0123abcd/routes"));
        Files.writeString(Files.createDirectories(checkout.resolve("team")).resolve("a.yaml"), "services: [}\n");
        Files.writeString(checkout.resolve("b.yaml"), "_format_version: \"3.0\"\n");

        ReadResult asInTheRepository = reader.read(List.of(checkout), options.withSourceName(checkout, "routes"));
        ReadResult relative = reader.read(List.of(checkout, dir.resolve("gone.yaml")),
                options.withSourceName(checkout, "").withSourceName(dir.resolve("gone.yaml"), "gone.yaml"));

        assertThat(asInTheRepository.files()).extracting(DeckFile::name).containsExactly("routes/b.yaml");
        assertThat(messages(asInTheRepository)).singleElement().asString().startsWith("routes/team/a.yaml:1:");
        assertThat(relative.files()).extracting(DeckFile::name).containsExactly("b.yaml");
        assertThat(messages(relative)).hasSize(2).allSatisfy(m -> assertThat(m).doesNotContain(dir.toString()))
                .anySatisfy(m -> assertThat(m).startsWith("team/a.yaml:1:"))
                .contains("gone.yaml: no such file or directory");
    }

    @Test
    void aMissingSourceIsADiagnostic() {
        ReadResult result = read("does-not-exist.yaml", "nested.yaml");

        assertThat(messages(result)).containsExactly(FIXTURES + "does-not-exist.yaml: no such file or directory");
        assertThat(result.files()).hasSize(1);
    }

    @Test
    void dashReadsStandardInput() {
        byte[] yaml = "_format_version: \"3.0\"\nservices:\n  - name: from-stdin\n".getBytes(StandardCharsets.UTF_8);

        ReadResult result = reader.read(List.of(Path.of("-")), options.withStdin(() -> new ByteArrayInputStream(yaml)));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.files().get(0).name()).isEqualTo("<stdin>");
        assertThat((Object) at(result.files().get(0).content(), "services", 0, "name")).isEqualTo("from-stdin");
    }

    @Test
    void substitutesEnvTemplatesWithTypesAndRecordsThePaths() {
        ReadResult result = read("templates.yaml");
        DeckFile file = result.files().get(0);
        Map<String, Object> service = at(file.content(), "services", 0);

        assertThat(service.get("host")).isEqualTo("orders.internal");
        assertThat(service.get("port")).isEqualTo(8080L);
        assertThat(service.get("path")).isEqualTo("8080");
        assertThat(service.get("url")).isEqualTo("http://orders.internal:8080/v1");
        assertThat(file.substitutedPaths()).containsExactlyInAnyOrder(
                "services[0].host", "services[0].port", "services[0].path", "services[0].url");
    }

    @Test
    void reportsUnsetAndForbiddenVariablesAtTheScalar() {
        ReadResult result = read("templates.yaml");
        DeckFile file = result.files().get(0);

        assertThat(messages(result)).containsExactly(
                FIXTURES + "templates.yaml:9:9: services[0].tags[0]: environment variable HOME may not be read: "
                        + "only variables whose names start with DECK_ are allowed in templates",
                FIXTURES + "templates.yaml:10:9: services[0].tags[1]: environment variable DECK_UNSET is not set");
        // a template that could not be evaluated leaves a neutral word, so the rest of the file is still checked
        assertThat((Object) at(file.content(), "services", 0, "tags", 0)).isEqualTo(Templates.PLACEHOLDER);
        assertThat(file.substitutedPaths()).doesNotContain("services[0].tags[0]", "services[0].tags[1]");
    }

    @Test
    void neverPutsAResolvedValueIntoADiagnostic(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("secret.yaml"),
                "_format_version: ${{ env \"DECK_VERSION\" }}\nservices:\n  - host: ${{ env \"DECK_MISSING\" }}\n");

        ReadResult result = reader.read(List.of(file),
                options.withEnvironment(Map.of("DECK_VERSION", "s3cr3t-value")::get));

        assertThat(messages(result)).hasSize(2)
                .allSatisfy(m -> assertThat(m).doesNotContain("s3cr3t"))
                .anySatisfy(m -> assertThat(m).contains("unsupported _format_version:"));
    }

    @Test
    void resolvesEachFunctionOnceForAllFilesAndReportsUnknownFunctions(@TempDir Path dir) throws IOException {
        Path one = Files.writeString(dir.resolve("one.yaml"),
                "_format_version: \"3.0\"\nconsumers:\n  - username: ${{ vault \"a\" }}\n");
        Path two = Files.writeString(dir.resolve("two.yaml"),
                "_format_version: \"3.0\"\nconsumers:\n  - username: ${{ vault \"b\" }}-${{ nope \"c\" }}\n");
        List<Set<String>> calls = new ArrayList<>();
        TemplateFunction vault = new TemplateFunction() {
            @Override
            public String name() {
                return "vault";
            }

            @Override
            public Map<String, String> resolve(Set<String> arguments) {
                calls.add(arguments);
                return Map.of("a", "alice");
            }
        };

        ReadResult result = reader.read(List.of(one, two), options.withTemplateFunctions(List.of(vault)));

        assertThat(calls).containsExactly(Set.of("a", "b"));
        assertThat((Object) at(result.files().get(0).content(), "consumers", 0, "username")).isEqualTo("alice");
        assertThat(messages(result)).containsExactly(
                dir.resolve("two.yaml") + ":3:15: consumers[0].username: vault \"b\" could not be resolved",
                dir.resolve("two.yaml") + ":3:32: consumers[0].username: unknown template function 'nope' "
                        + "(known: env, indent, toBool, toFloat, toInt, vault)");
    }

    @Test
    void aliasesAndMergeKeysAreExpanded(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("merge.yaml"), """
                _format_version: "3.0"
                x-defaults: &defaults
                  retries: 3
                  port: 443
                services:
                  - <<: *defaults
                    name: a
                    port: 8443
                """);
        ReadResult result = reader.read(List.of(file), options);

        assertThat(result.diagnostics()).isEmpty();
        assertThat((Object) at(result.files().get(0).content(), "services", 0)).isEqualTo(
                Map.of("retries", 3L, "port", 8443L, "name", "a"));
    }
}
