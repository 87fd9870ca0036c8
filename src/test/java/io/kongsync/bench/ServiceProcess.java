package io.kongsync.bench;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kongsync serve} in a JVM of its own, reading a local directory of files and syncing into one Kong. */
final class ServiceProcess implements AutoCloseable {

    private static final String TOKEN = "bench-token-7d21";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts the service, which syncs once on start; its output goes to {@code log}. It may sync an empty directory
     * and delete everything, so that Kong can be emptied through it. An OutOfMemoryError ends it, rather than leave a
     * sync running for ever.
     *
     * @param java {@code java} with its options, the service's jar follows
     */
    static ServiceProcess start(List<String> java, Path jar, Path routes, Path dataDir, URI kong, int parallelism,
                                Path log) throws IOException {
        int api = Proc.freePort();
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        command.addAll(List.of("serve", "--server.port=" + api,
                "--management.server.port=" + Proc.freePort(), "--kongsync.kong.admin-url=" + kong,
                "--kongsync.kong.parallelism=" + parallelism, "--kongsync.git.path=" + routes,
                "--kongsync.data-dir=" + dataDir, "--kongsync.api.token=" + TOKEN,
                "--kongsync.drift.interval=0s", "--kongsync.sync-on-start=true", "--kongsync.sync.allow-empty=true",
                "--kongsync.sync.allow-mass-delete=true"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, URI.create("http://127.0.0.1:" + api), log);
    }

    long pid() {
        return process.pid();
    }

    /** Asks for a sync and returns its id. */
    String requestSync() throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(authorized("/api/v1/syncs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 202) {
            throw new IOException("POST /api/v1/syncs answered " + reply.statusCode() + ": " + reply.body());
        }
        return (String) JSON.readValue(reply.body(), Map.class).get("id");
    }

    /**
     * Waits for a finished sync, polling the light history list (not the record, which carries every operation):
     * the one with {@code id}, or with a null id the newest one.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitFinished(String id, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the service ended (exit " + process.exitValue() + ")" + outOfMemory()
                        + "; its log: " + log);
            }
            try {
                HttpResponse<String> reply = HTTP.send(authorized("/api/v1/syncs?size=5").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200) {
                    List<Map<String, Object>> items = (List<Map<String, Object>>) JSON.readValue(reply.body(),
                            Map.class).get("items");
                    for (Map<String, Object> item : items) {
                        boolean finished = "succeeded".equals(item.get("state")) || "failed".equals(item.get("state"));
                        if (finished && (id == null || id.equals(item.get("id")))) {
                            return item;
                        }
                        if (id == null) {
                            break;
                        }
                    }
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("no finished sync " + (id == null ? "" : id + " ") + "within " + limit);
    }

    /** The sync's JSON report (every operation): only after the figures that it would disturb are taken. */
    @SuppressWarnings("unchecked")
    Map<String, Object> report(String id) throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(authorized("/api/v1/syncs/" + id + "?format=json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IOException("GET the report of " + id + " answered " + reply.statusCode());
        }
        return JSON.readValue(reply.body(), Map.class);
    }

    /** That the log says the heap ran out, with the first frame of kongsync's own under the error when it has one. */
    private String outOfMemory() throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("OutOfMemoryError")) {
                String frame = lines.subList(i, lines.size()).stream().map(String::trim)
                        .filter(l -> l.startsWith("at io.kongsync.")).findFirst().orElse("");
                return ": OutOfMemoryError" + frame.replaceFirst("^at ", " in ").replaceFirst("\\(.*", "");
            }
        }
        return "";
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
