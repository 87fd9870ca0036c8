package io.kongsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** kongsync convert as users run it: where the file goes, the summary, the exit codes, and bad input. */
class ConvertCommandTest {

    private static final String OLD = """
            # orders
            _format_version: "1.1"
            services:
            - name: orders
              host: orders.internal
              routes:
              - name: by-id
                paths:
                - /orders/\\d+   # by id
            """;
    private static final String CONVERTED = OLD.replace("\"1.1\"", "\"3.0\"").replace("- /orders", "- ~/orders");

    @TempDir
    Path dir;

    @Test
    void aKong2xDeclarativeFileSaysTheVersionItHad() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD.replace("\"1.1\"", "\"2.1\""));
        Path out = dir.resolve("new.yaml");

        CliRun run = CliRun.of("convert", "-s", old.toString(), "--output-file", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out).hasContent(CONVERTED);
        assertThat(run.out()).contains(old + ": converted from 2.1 to 3.0, written to " + out + ":",
                old + ":2:18: _format_version: \"2.1\" -> \"3.0\"");
    }

    @Test
    void writesTheConvertedFileToTheOutputFileAndSaysWhatChangedAndWhy() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);
        Path out = dir.resolve("new.yaml");

        CliRun run = CliRun.of("convert", "-s", old.toString(), "--from", "1.1", "--to", "3.0",
                "--output-file", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out).hasContent(CONVERTED);
        assertThat(old).hasContent(OLD);
        assertThat(run.out()).contains(old + ": converted from 1.1 to 3.0, written to " + out + ":",
                old + ":2:18: _format_version: \"1.1\" -> \"3.0\"",
                old + ":9:7: services[0].routes[0].paths[0]: \"/orders/\\d+\" -> \"~/orders/\\d+\": a regex",
                "1 file converted, 0 already 3.0.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void dashOIsTheOutputFileAsInDumpAndDecksFileConvert() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);
        Path out = dir.resolve("new.yaml");

        CliRun run = CliRun.of("convert", "-s", old.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out).hasContent(CONVERTED);
    }

    @Test
    void withoutAnOutputTheConvertedFileGoesToStdoutAndTheSummaryToStderr() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", old.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CONVERTED);
        assertThat(run.err()).contains("1 file converted");
    }

    @Test
    void inPlaceRewritesEveryOldFileUnderTheDirectoriesAndLeavesThreeDotZeroFilesAlone() throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes/team"));
        Path old = Files.writeString(routes.resolve("old.yaml"), OLD);
        Path none = Files.writeString(dir.resolve("routes/none.yaml"), "services: []\n");
        String current = "_format_version: \"3.0\"\n# untouched\nservices: []\n";
        Path fresh = Files.writeString(dir.resolve("routes/fresh.yaml"), current);
        Path other = Files.writeString(dir.resolve("other.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", dir.resolve("routes").toString(), "-s", other.toString(),
                "--in-place");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(old).hasContent(CONVERTED);
        assertThat(other).hasContent(CONVERTED);
        assertThat(none).hasContent("_format_version: \"3.0\"\nservices: []\n");
        assertThat(fresh).hasContent(current);
        assertThat(run.out()).contains("converted from 1.1 to 3.0 in place:",
                "fresh.yaml:1:18: _format_version: already \"3.0\": left as it is",
                "3 files converted, 1 already 3.0.");
        try (var left = Files.list(routes)) {
            assertThat(left).containsExactly(old);
        }
    }

    @Test
    void inPlaceKeepsTheFilesPermissionsAndSymbolicLinks() throws IOException {
        Path real = Files.writeString(dir.resolve("real.yaml"), OLD);
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("routes")).resolve("link.yaml"), real);

        CliRun run = CliRun.of("convert", "-s", dir.resolve("routes").toString(), "--in-place");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent(CONVERTED);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aFileAlreadyInThreeDotZeroIsANoOpWithExitZero() throws IOException {
        String current = "_format_version: \"3.0\"\nservices: []\n";
        Path fresh = Files.writeString(dir.resolve("fresh.yaml"), current);

        CliRun run = CliRun.of("convert", "-s", fresh.toString(), "--in-place");

        assertThat(run.exitCode()).isZero();
        assertThat(fresh).hasContent(current);
        assertThat(run.out()).contains("already \"3.0\": left as it is", "0 files converted, 1 already 3.0.");
    }

    @ParameterizedTest(name = "--from {0} --to {1}")
    @CsvSource({"2.8, 3.0", "1.1, 3.4", "3.0, 1.1", "kong-gateway-3.x, kong-gateway-2.x"})
    void unknownFormatsAreRefused(String from, String to) throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", old.toString(), "--from", from, "--to", to, "--in-place");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("cannot convert from '" + from + "' to '" + to + "': kongsync converts "
                + "--from 1.1 (decK's kong-gateway-2.x) --to 3.0 (kong-gateway-3.x)");
        assertThat(old).hasContent(OLD);
    }

    @Test
    void decksFormatNamesAreAccepted() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", old.toString(), "--from", "kong-gateway-2.x", "--to",
                "kong-gateway-3.x", "--in-place");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(old).hasContent(CONVERTED);
    }

    @Test
    void badInputNamesFileLineAndPathAndNothingIsWritten() throws IOException {
        Path good = Files.writeString(dir.resolve("a.yaml"), OLD);
        Path bad = Files.writeString(dir.resolve("b.yaml"), "_format_version: \"1.1\"\nroutes:\n- paths: /x/\\d+\n");
        Path broken = Files.writeString(dir.resolve("c.yaml"), "services: [\n");

        CliRun run = CliRun.of("convert", "-s", dir.toString(), "--in-place");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(dir + "/b.yaml:3:10: routes[0].paths: must be a list of paths",
                dir + "/c.yaml:2:1:", "2 problems found; nothing was written.");
        assertThat(good).hasContent(OLD);
        assertThat(bad).hasContent("_format_version: \"1.1\"\nroutes:\n- paths: /x/\\d+\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void severalFilesNeedInPlace() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), OLD);
        Files.writeString(dir.resolve("b.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", dir.toString(), "-o", dir.resolve("out.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("2 files to convert: give --in-place (--output-file takes one file)");
        assertThat(dir.resolve("out.yaml")).doesNotExist();
    }

    @Test
    void inPlaceAndOutputFileAreMutuallyExclusive() throws IOException {
        Path old = Files.writeString(dir.resolve("old.yaml"), OLD);

        CliRun run = CliRun.of("convert", "-s", old.toString(), "--in-place", "-o", dir.resolve("x.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("--in-place and --output-file are mutually exclusive");
        assertThat(old).hasContent(OLD);
    }
}
