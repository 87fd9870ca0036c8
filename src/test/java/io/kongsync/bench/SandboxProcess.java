package io.kongsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code kongsync sandbox} in a JVM of its own, so a benchmark measures kongsync's memory apart from Kong's. */
public final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final URI url;

    private SandboxProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** From this JVM's class path, on any free port. */
    public static SandboxProcess start(int latencyMs) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return start(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.kongsync.cli.KongsyncMain"), latencyMs, port);
    }

    /**
     * @param kongsync the command that runs kongsync (say {@code java -Xmx1g -jar target/kongsync.jar}); the sandbox's
     *                 arguments follow it
     */
    public static SandboxProcess start(List<String> kongsync, int latencyMs, int port) throws IOException {
        List<String> command = new ArrayList<>(kongsync);
        command.addAll(List.of("sandbox", "--port", String.valueOf(port), "--latency-ms", String.valueOf(latencyMs),
                "--quiet"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("listening on")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return new SandboxProcess(process, URI.create("http://127.0.0.1:" + port));
            }
        }
        throw new IOException("the sandbox did not start (exit " + process.onExit().join().exitValue() + ")");
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the sandbox as a crash would (SIGKILL): open connections are reset, nothing is answered any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
