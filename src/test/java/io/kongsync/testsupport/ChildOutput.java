package io.kongsync.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A child process's output, line by line, read on a daemon thread so the child never blocks on a full pipe. */
public final class ChildOutput {

    private ChildOutput() {
    }

    public static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
