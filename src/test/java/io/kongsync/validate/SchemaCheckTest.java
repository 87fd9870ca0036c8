package io.kongsync.validate;

import io.kongsync.file.DeckFile;
import io.kongsync.file.DeckFileReader;
import io.kongsync.file.ReadOptions;
import io.kongsync.file.ReadResult;
import io.kongsync.file.SourceMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCheckTest {

    private static final String INVALID = "src/test/resources/validate/invalid.yaml";

    private final SchemaCheck check = SchemaCheck.shipped();

    private static DeckFile read(Path path) {
        ReadResult result = new DeckFileReader().read(List.of(path),
                ReadOptions.defaults().withEnvironment(Map.of("DECK_PORT", "99999")::get));
        assertThat(result.diagnostics()).isEmpty();
        return result.files().get(0);
    }

    private static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }

    @Test
    void reportsEveryErrorInAFileAtItsPosition() {
        List<Diagnostic> diagnostics = check.check(read(Path.of(INVALID)));

        assertThat(formatted(diagnostics)).containsExactly(
                INVALID + ":5:5: services[0].port: value should be between 0 and 65535",
                INVALID + ":6:5: services[0].protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp",
                INVALID + ":7:5: services[0].retries: expected an integer",
                INVALID + ":8:5: services[0].colour: unknown field",
                INVALID + ":12:5: services[1].host: required field missing",
                INVALID + ":21:11: services[3].plugins[0].config.key_names: expected a list",
                INVALID + ":22:11: services[3].plugins[0].config.key_in_heade: unknown field");
    }

    @Test
    void acceptsAValidFile(@TempDir Path dir) throws IOException {
        Path valid = Files.writeString(dir.resolve("valid.yaml"), """
                _format_version: "3.0"
                _info:
                  select_tags: [team-a]
                services:
                  - id: 0b4c8c66-7a2e-4c43-9d7e-1a0f1f0d8a11
                    name: orders
                    host: orders.internal
                    port: 8080
                    tags: [team-a]
                    plugins:
                      - name: key-auth
                        config:
                          key_names: [apikey, x-api-key]
                        protocols: [http, https]
                  - url: https://example.com
                plugins:
                  - name: my-custom-plugin
                    service: orders
                    config:
                      anything: [1, 2]
                """);

        assertThat(check.check(read(valid))).isEmpty();
    }

    @Test
    void reportsUnknownTopLevelKeysBadIdsAndProtocolsOfAPlugin(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.yaml"), """
                _format_version: "3.0"
                service:
                  - name: typo
                plugins:
                  - id: not-a-uuid
                    name: key-auth
                    protocols: [tcp]
                """);

        assertThat(formatted(check.check(read(file)))).containsExactly(
                file + ":2:1: service: unknown field",
                file + ":5:5: plugins[0].id: expected a UUID",
                file + ":7:17: plugins[0].protocols[0]: expected one of: grpc, grpcs, http, https");
    }

    @Test
    void neverQuotesTheCheckedValue(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.yaml"), """
                _format_version: "3.0"
                services:
                  - host: h
                    port: ${{ env "DECK_PORT" }}
                """);
        DeckFile deck = read(file);

        List<String> messages = formatted(check.check(deck));

        assertThat(deck.substitutedPaths()).containsExactly("services[0].port");
        assertThat(messages).containsExactly(file + ":4:5: services[0].port: value should be between 0 and 65535");
        assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain("99999"));
    }

    @Test
    void findsTheOneMistakeAmongTenThousandServices() {
        List<Object> services = new ArrayList<>();
        SourceMap positions = new SourceMap("big.yaml");
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", "service-" + i);
            service.put("host", "host-" + i + ".internal");
            service.put("port", i == 9_999 ? 70_000L : 8080L);
            service.put("routes", List.of(Map.of("name", "route-" + i, "paths", List.of("/" + i))));
            services.add(service);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("_format_version", "3.0");
        content.put("services", services);
        DeckFile big = new DeckFile("big.yaml", content, positions, Set.of());
        List<Diagnostic> diagnostics = check.check(big);

        assertThat(formatted(diagnostics)).containsExactly(
                "big.yaml:1:1: services[9999].port: value should be between 0 and 65535");
    }
}
