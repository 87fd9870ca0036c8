package io.kongsync.file;

import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that must be refused with a message naming the place, before they can cost much. */
class BadFilesTest {

    private final DeckFileReader reader = new DeckFileReader();
    private final ReadOptions options = ReadOptions.defaults();

    @TempDir
    Path dir;

    private List<String> messages(ReadResult result) {
        return result.diagnostics().stream().map(Diagnostic::format).map(m -> m.replace(dir + "/", "")).toList();
    }

    @Test
    void bytesThatAreNotUtf8AreReportedAtTheirLineAndColumn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("_format_version: \"3.0\"\nservices:\n  - name: \"ñ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // é in Latin-1
        bytes.writeBytes("\"\n    host: a.internal\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("latin1.yaml"), bytes.toByteArray());

        ReadResult result = reader.read(List.of(file), options);

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).singleElement().asString()
                .startsWith("latin1.yaml:3:13: the file is not valid UTF-8 (byte 0xE9)")
                .doesNotContain("Exception");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithoutBeingParsed() throws IOException {
        Path big = Files.writeString(dir.resolve("big.yaml"), "services: [unclosed\n" + "#".repeat(3000) + "\n");

        ReadResult result = reader.read(List.of(big), options.withMaxFileBytes(1024));

        assertThat(result.files()).isEmpty();
        assertThat(messages(result)).as("no syntax error: the file was not parsed")
                .containsExactly("big.yaml: the file is 3 KB, larger than the limit of 1 KB");
    }

    @Test
    void standardInputOverTheSizeLimitIsRefused() {
        byte[] yaml = ("_format_version: \"3.0\"\n_comment: " + "x".repeat(5000) + "\n")
                .getBytes(StandardCharsets.UTF_8);

        ReadResult result = reader.read(List.of(Path.of("-")),
                options.withMaxFileBytes(2048).withStdin(() -> new ByteArrayInputStream(yaml)));

        assertThat(messages(result)).containsExactly("<stdin>: the input is larger than the limit of 2 KB");
    }

    @Test
    void theDefaultLimitIsTenMegabytes() {
        assertThat(ReadOptions.defaults().limits().maxFileBytes()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void tenThousandNestedFlowSequencesAreReportedWhereTheyGetTooDeep() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.yaml"),
                "_format_version: \"3.0\"\nservices: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

        ReadResult result = reader.read(List.of(deep), options);

        // the root mapping is level 1, so the 100th '[' (column 11 + 99) is level 101
        assertThat(messages(result)).containsExactly(
                "deep.yaml:2:110: the document is nested deeper than 100 levels");
    }

    @Test
    void tenThousandNestedJsonObjectsAreReportedWhereTheyGetTooDeep() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"),
                "{\"_format_version\": \"3.0\",\n\"x\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001)
                        + "\n");

        ReadResult result = reader.read(List.of(deep), options);

        assertThat(messages(result)).containsExactly(
                "deep.json:2:" + (6 + 99 * 6) + ": the document is nested deeper than 100 levels");
    }

    @Test
    void tenThousandNestedBlockSequencesAreReportedWhereTheyGetTooDeep() throws IOException {
        Path deep = Files.writeString(dir.resolve("block.yaml"),
                "_format_version: \"3.0\"\nservices:\n" + "- ".repeat(10_000) + "x\n");

        ReadResult result = reader.read(List.of(deep), options);

        assertThat(messages(result)).singleElement().asString()
                .startsWith("block.yaml:3:").endsWith(": the document is nested deeper than 100 levels");
    }

    @Test
    void nestingThroughAnAliasCountsToo() throws IOException {
        Path deep = Files.writeString(dir.resolve("alias.yaml"), "_format_version: \"3.0\"\n"
                + "a: &deep " + "[".repeat(60) + "]".repeat(60) + "\n"
                + "b: " + "[".repeat(60) + "*deep" + "]".repeat(60) + "\n");

        ReadResult result = reader.read(List.of(deep), options);

        // level 101 is inside the anchored sequence, reached through b
        assertThat(messages(result)).singleElement().asString()
                .startsWith("alias.yaml:2:").contains(": b" + "[0]".repeat(99) + ": ")
                .endsWith(": the document is nested deeper than 100 levels");
    }

    @Test
    void theNestingLimitCanBeRaised() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.yaml"),
                "_format_version: \"3.0\"\n_comment: " + "[".repeat(150) + "]".repeat(150) + "\n");

        assertThat(reader.read(List.of(deep), options.withMaxNestingDepth(200)).diagnostics()).isEmpty();
    }
}
