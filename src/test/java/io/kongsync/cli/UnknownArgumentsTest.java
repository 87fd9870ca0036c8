package io.kongsync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/** What may reach the service, decided on the parse alone (nothing runs): settings and Spring Boot's switches. */
class UnknownArgumentsTest {

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"", "--server.port=9090", "--debug", "--trace --kongsync.git.branch=release",
            "--kongsync.api.token=", "serve", "serve --server.port=9090 --debug", "validate -s routes", "help diff"})
    void settingsSwitchesAndCommandsPass(String command) {
        assertThat(UnknownArguments.in(parse(command))).isEmpty();
    }

    @ParameterizedTest(name = "kongsync {0}")
    @ValueSource(strings = {"--=9090", "-Dserver.port=9090", "--server.port 9090", "--debug serve", "serve --debg",
            "serve --server.port=9090 extra"})
    void anythingElseIsRefused(String command) {
        assertThat(UnknownArguments.in(parse(command))).isPresent();
    }

    private static ParseResult parse(String command) {
        return KongsyncMain.commandLine().parseArgs(command.isEmpty() ? new String[0] : command.split(" "));
    }
}
