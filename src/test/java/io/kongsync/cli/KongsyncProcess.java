package io.kongsync.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kongsync in a JVM of its own, for tests that need a real process environment: {@code ${{ env "DECK_..." }}} reads
 * the environment, which a test cannot change in its own JVM.
 */
public final class KongsyncProcess implements AutoCloseable {

    private final Process process;
    private final Drain out;
    private final Drain err;

    private KongsyncProcess(Process process) {
        this.process = process;
        this.out = Drain.of(process.getInputStream(), "kongsync-out");
        this.err = Drain.of(process.getErrorStream(), "kongsync-err");
    }

    /** Starts {@code kongsync ARGS} with these environment variables added to the test's own. */
    public static KongsyncProcess start(Map<String, String> environment, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KongsyncMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return new KongsyncProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kongsync ARGS} to its end (at most two minutes). */
    public static CliRun run(Map<String, String> environment, String... args) {
        try (KongsyncProcess process = start(environment, List.of(), args)) {
            return process.awaitExit();
        }
    }

    public CliRun awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("kongsync did not end within two minutes; output so far: " + output());
            }
            out.awaitEnd();
            err.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new CliRun(process.exitValue(), out.text(), err.text());
    }

    /** Standard output and standard error so far. */
    public String output() {
        return out.text() + err.text();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end on a thread of its own, so the child never blocks on a full pipe. */
    private static final class Drain {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Thread thread;

        static Drain of(InputStream in, String name) {
            Drain drain = new Drain();
            drain.thread = new Thread(() -> drain.copy(in), name);
            drain.thread.setDaemon(true);
            drain.thread.start();
            return drain;
        }

        void awaitEnd() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        private void copy(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
