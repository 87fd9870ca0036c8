package io.kongsync.gokong;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One run of one of go-kong's tests: {@code <binary> -test.run '^Name$' -test.v -test.count=1}, and its outcome. */
record GoTest(String name, Outcome outcome, Duration time, String output) {

    enum Outcome { PASSED, SKIPPED, FAILED }

    /** The test's own deadline (Go panics with every goroutine's stack when it passes) and this harness's. */
    static final Duration GO_TIMEOUT = Duration.ofSeconds(60);
    static final Duration KILL_AFTER = GO_TIMEOUT.plusSeconds(30);

    /**
     * Runs {@code name} alone, in {@code directory}, with the output of stdout and stderr in the order they were
     * written. (testify names a failed assertion's file relative to the working directory: the sources' directory
     * makes those paths right.)
     */
    static GoTest run(Path binary, Path directory, String name) {
        List<String> command = List.of(binary.toString(), "-test.run", "^" + name + "$", "-test.v",
                "-test.count=1", "-test.timeout=" + GO_TIMEOUT.toSeconds() + "s");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true);
        // go-kong's test client sends this variable's value as an RBAC token; the sandbox has no RBAC.
        builder.environment().remove("KONG_ADMIN_TOKEN");
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            boolean ended = process.waitFor(KILL_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            Duration time = Duration.ofNanos(System.nanoTime() - started);
            String text = output.join();
            if (!ended) {
                String killed = "\n(killed after " + KILL_AFTER.toSeconds() + " s)";
                return new GoTest(name, Outcome.FAILED, time, text + killed);
            }
            return new GoTest(name, classify(name, process.exitValue(), text), time, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /**
     * go test's verbose verdict for the top-level test {@code name} ({@code --- PASS: Name}, {@code --- SKIP: Name});
     * anything else, a non-zero exit or no verdict at all (no such test, a crash), is a failure.
     */
    static Outcome classify(String name, int exitCode, String output) {
        if (exitCode != 0) {
            return Outcome.FAILED;
        }
        if (Pattern.compile("^--- PASS: " + Pattern.quote(name) + " ", Pattern.MULTILINE).matcher(output).find()) {
            return Outcome.PASSED;
        }
        if (Pattern.compile("^--- SKIP: " + Pattern.quote(name) + " ", Pattern.MULTILINE).matcher(output).find()) {
            return Outcome.SKIPPED;
        }
        return Outcome.FAILED;
    }

    /**
     * The last {@code count} lines of the output, leaving out the goroutine stacks after a panic (a test that goes on
     * after a failed request dereferences the nil result): the assertions before it say what the sandbox answered.
     */
    String tail(int count) {
        List<String> lines = new ArrayList<>(output.strip().lines().toList());
        int panic = indexOf(lines, "panic: ", 0);
        int stacks = panic < 0 ? -1 : indexOf(lines, "goroutine ", panic);
        if (stacks >= 0) {
            lines.subList(stacks, lines.size()).clear();
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            lines.add("(goroutine stacks left out)");
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static int indexOf(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
