package io.kongsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sources that must stop validate, diff and sync with a clear message, and never a stack trace. */
class BadSourcesTest {

    @TempDir
    Path dir;

    @Test
    void aFileJustOverTheDefaultLimitIsRefusedFromItsSize() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(10L * 1024 * 1024 + 1); // sparse: nothing is written, and nothing may be parsed
        }

        CliRun run = CliRun.of("validate", "-s", big.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo(big + ": the file is 10.1 MB, larger than the limit of 10 MB\n"
                + "1 problem found; nothing was applied.\n");
    }
}
