package io.kongsync.convert;

import io.kongsync.file.RawYaml;
import io.kongsync.file.ReadOptions;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** decK's 1.1 -> 3.0 rules, each as a file before and after, with everything else in the file kept. */
class FormatConverterTest {

    @TempDir
    Path dir;

    private FormatConverter.Conversion convert(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        RawYaml.Documents read = RawYaml.read(List.of(file), ReadOptions.defaults());
        assertThat(read.problems()).isEmpty();
        return FormatConverter.convert(read.documents().get(0), () -> "NS0123456789abcdefABCDEF01234567");
    }

    @Test
    void regexPathsGainATildeInEveryQuotingStyleAndNothingElseChanges() throws IOException {
        FormatConverter.Conversion conversion = convert("kong.yaml", """
                # team orders
                _format_version: "1.1"
                services:
                - name: s   # the service
                  host: example.com
                  routes:
                  - name: r
                    paths:
                    - /status/\\d+
                    - '/code/(?<c>\\d+)'
                    - "/users/[a-z]+"
                    - /plain/path-1_2.3~%20
                    - ~/already/\\d+
                routes:
                - name: top
                  service: s
                  paths: [/top/.*]
                """);

        assertThat(conversion.outcome()).isEqualTo(FormatConverter.Outcome.CONVERTED);
        assertThat(conversion.text()).isEqualTo("""
                # team orders
                _format_version: "3.0"
                services:
                - name: s   # the service
                  host: example.com
                  routes:
                  - name: r
                    paths:
                    - ~/status/\\d+
                    - '~/code/(?<c>\\d+)'
                    - "~/users/[a-z]+"
                    - /plain/path-1_2.3~%20
                    - ~/already/\\d+
                routes:
                - name: top
                  service: s
                  paths: [~/top/.*]
                """);
        assertThat(conversion.changes()).extracting(Diagnostic::format).containsExactly(
                dir.resolve("kong.yaml") + ":2:18: _format_version: \"1.1\" -> \"3.0\"",
                dir.resolve("kong.yaml") + ":9:7: services[0].routes[0].paths[0]: \"/status/\\d+\" -> "
                        + "\"~/status/\\d+\": a regex (it has '\\', which a plain path does not); Kong 3.0 matches a "
                        + "path without '~' as a prefix",
                dir.resolve("kong.yaml") + ":10:7: services[0].routes[0].paths[1]: \"/code/(?<c>\\d+)\" -> "
                        + "\"~/code/(?<c>\\d+)\": a regex (it has '(', which a plain path does not); Kong 3.0 matches "
                        + "a path without '~' as a prefix",
                dir.resolve("kong.yaml") + ":11:7: services[0].routes[0].paths[2]: \"/users/[a-z]+\" -> "
                        + "\"~/users/[a-z]+\": a regex (it has '[', which a plain path does not); Kong 3.0 matches a "
                        + "path without '~' as a prefix",
                dir.resolve("kong.yaml") + ":17:11: routes[0].paths[0]: \"/top/.*\" -> \"~/top/.*\": a regex (it has "
                        + "'*', which a plain path does not); Kong 3.0 matches a path without '~' as a prefix");
    }

    @Test
    void aFileWithoutAVersionIsReadAsOneDotOneAndGainsOne() throws IOException {
        FormatConverter.Conversion yaml = convert("none.yaml", "# comment\nservices:\n- name: s\n  host: h\n");
        FormatConverter.Conversion json = convert("none.json", "{\n  \"services\": []\n}\n");

        assertThat(yaml.text()).isEqualTo("# comment\n_format_version: \"3.0\"\nservices:\n- name: s\n  host: h\n");
        assertThat(yaml.changes()).extracting(Diagnostic::message).containsExactly(
                "added _format_version: \"3.0\" (the file had none, which decK reads as \"1.1\")");
        assertThat(json.text()).isEqualTo("{\n  \"_format_version\": \"3.0\",\n  \"services\": []\n}\n");
    }

    @Test
    void kong2xDeclarativeVersionTwoDotOneIsConvertedAsDeckDoes() throws IOException {
        FormatConverter.Conversion conversion = convert("kong21.yaml",
                "_format_version: \"2.1\"\nroutes:\n- name: r\n  paths: [/a/\\d+]\n");

        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.text()).isEqualTo("_format_version: \"3.0\"\nroutes:\n- name: r\n  paths: [~/a/\\d+]\n");
        assertThat(conversion.changes()).extracting(Diagnostic::message).contains("\"2.1\" -> \"3.0\"");
    }

    @Test
    void aJsonFileKeepsItsLayout() throws IOException {
        FormatConverter.Conversion json = convert("kong.json", """
                {"_format_version": "1.1", "services": [{"name": "s", "host": "h",
                  "routes": [{"name": "r", "paths": ["/a/\\\\d+", "/b"]}]}]}
                """);

        assertThat(json.text()).isEqualTo("""
                {"_format_version": "3.0", "services": [{"name": "s", "host": "h",
                  "routes": [{"name": "r", "paths": ["~/a/\\\\d+", "/b"]}]}]}
                """);
    }

    @Test
    void aRateLimitingAdvancedPluginWithoutANamespaceGetsOneAsDeckGivesIt() throws IOException {
        FormatConverter.Conversion conversion = convert("rla.yaml", """
                _format_version: "1.1"
                plugins:
                - name: rate-limiting-advanced
                  config:
                    limit: [10]
                - name: rate-limiting-advanced
                  config: {limit: [5]}
                - name: rate-limiting-advanced
                  config:
                    namespace: kept
                - name: rate-limiting-advanced
                - name: rate-limiting
                  config:
                    minute: 5
                consumers:
                - username: u
                  plugins:
                  - name: rate-limiting-advanced
                    config:
                      namespace:
                """);

        assertThat(conversion.text()).isEqualTo("""
                _format_version: "3.0"
                plugins:
                - name: rate-limiting-advanced
                  config:
                    namespace: "NS0123456789abcdefABCDEF01234567"
                    limit: [10]
                - name: rate-limiting-advanced
                  config: {"namespace": "NS0123456789abcdefABCDEF01234567", limit: [5]}
                - name: rate-limiting-advanced
                  config:
                    namespace: kept
                - name: rate-limiting-advanced
                - name: rate-limiting
                  config:
                    minute: 5
                consumers:
                - username: u
                  plugins:
                  - name: rate-limiting-advanced
                    config:
                      namespace: "NS0123456789abcdefABCDEF01234567"
                """);
        assertThat(conversion.changes()).hasSize(4);
    }

    @Test
    void aFileAlreadyInThreeDotZeroIsLeftAsItIs() throws IOException {
        String text = "_format_version: \"3.0\"\nservices:\n- name: s\n  host: h\n  routes:\n  - paths: [/a/\\d+]\n";
        FormatConverter.Conversion conversion = convert("new.yaml", text);

        assertThat(conversion.outcome()).isEqualTo(FormatConverter.Outcome.ALREADY_CURRENT);
        assertThat(conversion.text()).isEqualTo(text);
        assertThat(conversion.changes()).isEmpty();
        assertThat(conversion.notes()).extracting(Diagnostic::format)
                .containsExactly(dir.resolve("new.yaml") + ":1:18: _format_version: already \"3.0\": left as it is");
    }

    @Test
    void aTemplatedPathIsLeftForTheUserWithANote() throws IOException {
        FormatConverter.Conversion conversion = convert("t.yaml", """
                _format_version: "1.1"
                routes:
                - name: r
                  paths:
                  - ${{ env "DECK_PATH" }}
                """);

        assertThat(conversion.text()).contains("  - ${{ env \"DECK_PATH\" }}\n");
        assertThat(conversion.notes()).extracting(Diagnostic::format).containsExactly(dir.resolve("t.yaml")
                + ":5:5: routes[0].paths[0]: left as it is: a template, whose value decides whether it is a regex "
                + "(then it must start with '~')");
    }

    @Test
    void badInputIsRefusedWithFileLineAndPathAndNothingConverted() throws IOException {
        FormatConverter.Conversion wrongVersion = convert("v.yaml", "_format_version: \"0.9\"\nservices: []\n");
        FormatConverter.Conversion notAList = convert("p.yaml", """
                _format_version: "1.1"
                services:
                - name: s
                  routes:
                  - name: r
                    paths: /a/\\d+
                """);

        assertThat(wrongVersion.outcome()).isEqualTo(FormatConverter.Outcome.INVALID);
        assertThat(wrongVersion.problems()).extracting(Diagnostic::format).containsExactly(dir.resolve("v.yaml")
                + ":1:18: _format_version: \"0.9\": --from 1.1 converts files with _format_version: \"1.1\" or "
                + "\"2.1\" (Kong 2.x) or without one");
        assertThat(notAList.outcome()).isEqualTo(FormatConverter.Outcome.INVALID);
        assertThat(notAList.text()).contains("\"1.1\"");
        assertThat(notAList.problems()).extracting(Diagnostic::format).containsExactly(dir.resolve("p.yaml")
                + ":6:12: services[0].routes[0].paths: must be a list of paths");
    }
}
