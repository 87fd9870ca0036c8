package io.kongsync.validate;

import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathWarningsTest {

    @TempDir
    Path dir;

    @Test
    void aPlainPathWithRegexCharactersIsAcceptedWithAWarningNamingFileAndLine() throws IOException {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                - name: users
                  url: http://users.internal
                  routes:
                  - name: by-id
                    paths:
                    - /users/\\d+
                    - ~/orders/\\d+$
                    - /plain/path-1.0_~%2F
                """);
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults());

        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.warnings()).extracting(Diagnostic::format).containsExactly(
                file + ":8:7: services[0].routes[0].paths[0]: '/users/\\d+' looks like a regex but has no '~':"
                        + " Kong 3 matches it as a plain prefix; write '~/users/\\d+' if a regex is meant");
    }
}
