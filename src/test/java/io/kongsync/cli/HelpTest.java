package io.kongsync.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} of kongsync and of every command, through the real main in a child JVM: usage, exit 0, nothing run. */
class HelpTest {

    static Stream<String> commands() {
        return Stream.concat(Stream.of(""), KongsyncMain.commandLine().getSubcommands().keySet().stream());
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "kongsync {0} --help")
    @MethodSource("commands")
    void printsUsageAndExitsZero(String command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
        arguments.add("--help");
        Path log = tmp.resolve("output");
        Process process = MainProcess.builder(arguments).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean exited = process.waitFor(20, TimeUnit.SECONDS);
        process.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("Usage: kongsync " + (command.isEmpty() ? "[-hV]" : command + " "));
    }
}
