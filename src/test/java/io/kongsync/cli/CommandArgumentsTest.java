package io.kongsync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A command's unknown option or stray word is an error (exit 1, as every error; 2 means changes pending), never ignored. */
class CommandArgumentsTest {

    @ParameterizedTest(name = "kongsync {0}")
    @CsvSource(delimiter = '|', textBlock = """
            validate --bogus            | Unknown option: '--bogus'
            validate -s routes --strikt | Unknown option: '--strikt'
            validate routes             | Unmatched argument at index 1: 'routes'
            """)
    void isAnErrorNamingTheArgument(String command, String message) {
        CliRun run = CliRun.of(command.split(" "));

        assertThat(run.exitCode()).as(run::toString).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }
}
