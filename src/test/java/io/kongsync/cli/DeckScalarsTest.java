package io.kongsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** decK's reading of nulls and YAML 1.1 booleans, wherever decK reads them, with positions kept. */
class DeckScalarsTest {

    @TempDir
    Path dir;

    @Test
    void yamlOneDotOneBooleansInDefaultsAndSharedPluginConfigsAreBooleans() throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                _info:
                  defaults:
                    route:
                      strip_path: no
                _plugin_configs:
                  shared:
                    hide_credentials: yes
                services:
                - name: s1
                  host: example.com
                  routes:
                  - name: r1
                    paths: [/a]
                    plugins:
                    - name: key-auth
                      _config: shared
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aNullFieldLeavesTheNextFieldsPositionsWhereTheyAre() throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                - name: s1
                  host: example.com
                  routes:
                  - name: r1
                    paths: [/a]
                    hosts: null
                    methods: null
                    strip_path: 5
                """);

        CliRun run = CliRun.of("validate", "-s", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(file + ":10:5: services[0].routes[0].strip_path: expected a boolean");
    }
}
