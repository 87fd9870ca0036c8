package io.kongsync.file;

import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates are replaced in the text before it is parsed, as decK does: they may sit in flow sequences and inside
 * double quotes, produce YAML structure, and go through decK's functions (toInt, toBool, toFloat, indent). Positions
 * stay those of the file as written.
 */
class RawTextTemplatesTest {

    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUX3k\n-----END CERTIFICATE-----";
    private static final Map<String, String> ENV = Map.of(
            "DECK_HOST", "orders.internal",
            "DECK_PORT", "8080",
            "DECK_PATH", "/orders",
            "DECK_ENABLED", "t",
            "DECK_RATIO", "0.25",
            "DECK_CERT", CERT,
            "DECK_PLUGINS", "[{name: cors}, {name: correlation-id}]",
            "DECK_WORD", "abc");

    @TempDir
    Path dir;

    private final ReadOptions options = ReadOptions.defaults().withEnvironment(ENV::get);

    private ReadResult read(String yaml) throws IOException {
        return new DeckFileReader().read(List.of(Files.writeString(dir.resolve("kong.yaml"), yaml)), options);
    }

    private List<String> messages(ReadResult result) {
        return result.diagnostics().stream().map(Diagnostic::format)
                .map(m -> m.replace(dir.resolve("kong.yaml").toString(), "kong.yaml")).toList();
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
    void templatesInFlowSequencesAndDoubleQuotesAsDecksDocumentationWritesThem() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                services:
                  - name: orders
                    host: "${{ env "DECK_HOST" }}"
                    port: ${{ env "DECK_PORT" }}
                    routes:
                      - name: orders
                        paths: [${{ env "DECK_PATH" }}, /static]
                """);

        assertThat(result.diagnostics()).isEmpty();
        DeckFile file = result.files().get(0);
        assertThat((Object) at(file.content(), "services", 0, "host")).isEqualTo("orders.internal");
        assertThat((Object) at(file.content(), "services", 0, "port")).isEqualTo(8080L);
        assertThat((Object) at(file.content(), "services", 0, "routes", 0, "paths")).isEqualTo(List.of("/orders", "/static"));
        assertThat(file.substitutedPaths()).containsExactlyInAnyOrder("services[0].host", "services[0].port",
                "services[0].routes[0].paths[0]");
        assertThat(file.positions().at("services[0].routes[0].paths[1]").position()).endsWith("kong.yaml:8:41");
    }

    @Test
    void jsonFilesTakeTemplatesWithPlainOrJsonEscapedQuotes() throws IOException {
        Path file = Files.writeString(dir.resolve("kong.json"), """
                {"_format_version": "3.0",
                 "services": [{"name": "orders", "host": "${{ env "DECK_HOST" }}",
                               "path": "${{ env \\"DECK_PATH\\" }}", "port": ${{ env "DECK_PORT" | toInt }}}]}
                """);

        ReadResult result = new DeckFileReader().read(List.of(file), options);

        assertThat(result.diagnostics()).isEmpty();
        assertThat((Object) at(result.files().get(0).content(), "services", 0)).isEqualTo(
                Map.of("name", "orders", "host", "orders.internal", "path", "/orders", "port", 8080L));
    }

    @Test
    void pipelinesConvertAsDecksFunctionsDo() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                services:
                  - name: orders
                    host: orders.internal
                    port: ${{ env "DECK_PORT" | toInt }}
                    enabled: ${{ env "DECK_ENABLED" | toBool }}
                    plugins:
                      - name: rate-limiting
                        config:
                          minute: ${{ toInt (env "DECK_PORT") }}
                      - name: zipkin
                        config:
                          sample_ratio: ${{ env "DECK_RATIO" | toFloat }}
                """);

        assertThat(result.diagnostics()).isEmpty();
        Map<String, Object> service = at(result.files().get(0).content(), "services", 0);
        assertThat(service).containsEntry("port", 8080L).containsEntry("enabled", true);
        assertThat((Object) at(service, "plugins", 0, "config", "minute")).isEqualTo(8080L);
        assertThat((Object) at(service, "plugins", 1, "config", "sample_ratio")).isEqualTo(0.25);
        assertThat(result.files().get(0).substitutedPaths()).contains("services[0].enabled",
                "services[0].plugins[0].config.minute", "services[0].plugins[1].config.sample_ratio");
    }

    @Test
    void indentKeepsAMultiLineValueInsideItsBlockAndLaterLinesKeepTheirNumbers() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                certificates:
                  - cert: |
                      ${{ env "DECK_CERT" | indent 6 }}
                    key: placeholder
                    key: twice
                """);

        assertThat((Object) at(result.files().get(0).content(), "certificates", 0, "cert")).isEqualTo(CERT + "\n");
        assertThat(result.files().get(0).substitutedPaths()).contains("certificates[0].cert");
        // the value added two lines; the duplicate is still reported where it is written
        assertThat(messages(result)).containsExactly(
                "kong.yaml:6:5: certificates[0].key: duplicate key 'key' (first at line 5)");
    }

    @Test
    void aTemplateMayProduceYamlStructure() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                plugins: ${{ env "DECK_PLUGINS" }}
                """);

        assertThat(result.diagnostics()).isEmpty();
        assertThat((Object) at(result.files().get(0).content(), "plugins")).isEqualTo(
                List.of(Map.of("name", "cors"), Map.of("name", "correlation-id")));
        assertThat(result.files().get(0).substitutedPaths()).contains("plugins[0].name", "plugins[1].name");
    }

    @Test
    void yamlBrokenByASubstitutedValueIsReportedAtTheTemplateWithoutTheValue() throws IOException {
        ReadResult result = new DeckFileReader().read(List.of(Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                plugins: ${{ env "DECK_BROKEN" }}
                services:
                  - name: orders
                """)), options.withEnvironment(Map.of("DECK_BROKEN", "[{name: s3cr3t-cors}\n\n\n")::get));

        // the parser notices where the file goes on; the template the broken YAML came from is named
        assertThat(messages(result)).singleElement().asString().startsWith("kong.yaml:3:1: ")
                .contains("comes from the value substituted for the template at line 2, column 10")
                .doesNotContain("s3cr3t-cors");
    }

    @Test
    void theParsersWordsAreLeftOutWhenTheyWouldQuoteAPieceOfTheSubstitutedValue() throws IOException {
        ReadResult result = new DeckFileReader().read(List.of(Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                  - name: orders
                    host: ${{ env "DECK_PASS" }}
                """)), options.withEnvironment(Map.of("DECK_PASS", "*Hunter2Secret")::get));

        assertThat(messages(result)).singleElement().asString().startsWith("kong.yaml:4:")
                .contains("invalid YAML (the YAML there comes from the value substituted for the template at line 4")
                .doesNotContain("Hunter2").doesNotContain("unter2Secret");
    }

    @Test
    void commentLinesAreNotEvaluated() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                # host: ${{ env "DECK_NOT_SET_ANYWHERE" }}
                services:
                  - name: orders
                    host: ${{ env "DECK_HOST" }}
                """);

        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void conversionProblemsNameFileLineAndPathButNeverTheValue() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                services:
                  - name: orders
                    port: ${{ env "DECK_WORD" | toInt }}
                    enabled: ${{ env "DECK_WORD" | toBool }}
                    retries: ${{ env "DECK_UNSET" | toInt }}
                    read_timeout: ${{ 5 | toInt }}
                """);

        assertThat(messages(result)).containsExactly(
                "kong.yaml:4:11: services[0].port: toInt: env \"DECK_WORD\" is not an integer",
                "kong.yaml:5:14: services[0].enabled: toBool: env \"DECK_WORD\" is not a boolean (true, false, 1, 0, t, f)",
                "kong.yaml:6:14: services[0].retries: environment variable DECK_UNSET is not set",
                "kong.yaml:7:19: services[0].read_timeout: toInt takes one text, e.g. ${{ env \"DECK_NAME\" | toInt }}");
        assertThat(String.join("\n", messages(result))).doesNotContain("abc");
    }

    @Test
    void malformedAndUnclosedTemplatesAreReportedWhereTheyStart() throws IOException {
        ReadResult result = read("""
                _format_version: "3.0"
                services:
                  - name: orders
                    host: ${{ .Values.host }}
                    path: ${{ env "DECK_PATH"
                """);

        assertThat(messages(result)).containsExactly(
                "kong.yaml:4:11: services[0].host: malformed template '${{ .Values.host }}': unexpected '.' "
                        + "(variables, fields and other Go template syntax are not read); expected "
                        + "${{ FUNCTION \"ARGUMENT\" }}, optionally piped on (| toInt)",
                "kong.yaml:5:11: unclosed template: '${{' without '}}'");
    }

    @Test
    void aBatchedFunctionIsCalledOnceForAllFilesAlsoThroughPipelines() throws IOException {
        Path one = Files.writeString(dir.resolve("one.yaml"), """
                _format_version: "3.0"
                services: [{name: a, host: a.internal, port: ${{ ssm "/a/port" | toInt }}}]
                """);
        Path two = Files.writeString(dir.resolve("two.yaml"), """
                _format_version: "3.0"
                services: [{name: b, host: "${{ ssm "/b/host" }}"}]
                """);
        List<Set<String>> calls = new ArrayList<>();
        TemplateFunction ssm = new TemplateFunction() {
            @Override
            public String name() {
                return "ssm";
            }

            @Override
            public Map<String, String> resolve(Set<String> names) {
                calls.add(names);
                return Map.of("/a/port", "8443", "/b/host", "b.internal");
            }
        };

        ReadResult result = new DeckFileReader().read(List.of(one, two), options.withTemplateFunctions(List.of(ssm)));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(calls).containsExactly(Set.of("/a/port", "/b/host"));
        assertThat((Object) at(result.files().get(0).content(), "services", 0, "port")).isEqualTo(8443L);
        assertThat((Object) at(result.files().get(1).content(), "services", 0, "host")).isEqualTo("b.internal");
        assertThat(result.masking().mask("port 8443 on b.internal")).doesNotContain("8443", "b.internal");
    }
}
