package io.kongsync.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large, realistic decK-format configuration: services with two routes and one or two plugins each
 * (rate-limiting, then key-auth), and consumers with one key each, spread over files of 100 services or 500 consumers.
 */
public final class LargeConfig {

    private LargeConfig() {
    }

    /** Writes the files under {@code dir}, two plugins per service, and returns the number of entities they hold. */
    public static int write(Path dir, int services, int consumers) throws IOException {
        return write(dir, services, consumers, 2);
    }

    /**
     * Writes the files under {@code dir} and returns the number of entities they hold.
     *
     * @param pluginsPerService 1 (rate-limiting) or 2 (rate-limiting and key-auth)
     */
    public static int write(Path dir, int services, int consumers, int pluginsPerService) throws IOException {
        if (pluginsPerService < 1 || pluginsPerService > 2) {
            throw new IllegalArgumentException("pluginsPerService is 1 or 2, not " + pluginsPerService);
        }
        Files.createDirectories(dir);
        for (int first = 0; first < services; first += 100) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(String.format("services-%05d.yaml", first)),
                    StandardCharsets.UTF_8)) {
                w.write("_format_version: \"3.0\"\nservices:\n");
                for (int i = first; i < Math.min(first + 100, services); i++) {
                    service(w, i, pluginsPerService);
                }
            }
        }
        for (int first = 0; first < consumers; first += 500) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(String.format("consumers-%05d.yaml", first)),
                    StandardCharsets.UTF_8)) {
                w.write("_format_version: \"3.0\"\nconsumers:\n");
                for (int i = first; i < Math.min(first + 500, consumers); i++) {
                    String n = String.format("%05d", i);
                    w.write("  - username: consumer-" + n + "\n"
                            + "    custom_id: cid-" + n + "\n"
                            + "    keyauth_credentials:\n"
                            + "      - key: key-" + n + "-" + Integer.toHexString(n.hashCode() * 31 + 7) + "\n");
                }
            }
        }
        return services * (3 + pluginsPerService) + consumers * 2;
    }

    private static void service(Writer w, int i, int plugins) throws IOException {
        String n = String.format("svc-%05d", i);
        w.write("  - name: " + n + "\n"
                + "    url: http://" + n + ".ecs.local:8080/api\n"
                + "    connect_timeout: 5000\n"
                + "    tags: [team-" + (i % 20) + "]\n"
                + "    routes:\n"
                + "      - name: " + n + "-read\n"
                + "        hosts: [" + n + ".mydomain.com]\n"
                + "        paths: [/v1/items, /v1/search]\n"
                + "        methods: [GET, HEAD]\n"
                + "      - name: " + n + "-write\n"
                + "        hosts: [" + n + ".mydomain.com]\n"
                + "        paths: [/v1/items]\n"
                + "        methods: [POST, PUT, DELETE]\n"
                + "        strip_path: false\n"
                + "    plugins:\n"
                + "      - name: rate-limiting\n"
                + "        config:\n"
                + "          minute: " + (100 + i % 50) + "\n"
                + "          hour: 10000\n"
                + "          policy: local\n");
        if (plugins < 2) {
            return;
        }
        w.write("      - name: key-auth\n"
                + "        config:\n"
                + "          key_names: [x-api-key]\n"
                + "          hide_credentials: true\n");
    }
}
