package io.kongsync.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The test PostgreSQL run by the installed {@code initdb} and {@code pg_ctl}, in a temp directory. */
final class PgCtl implements LocalPostgres.ServerProcess {

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PgCtl(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static LocalPostgres launch(Path bin) {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("kongsync-pg");
            String superPassword = LocalPostgres.newPassword("pg-");
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(pwfile, postgres);
            }
            PgCtl process = new PgCtl(bin, dir, LocalPostgres.freePort(), root);
            process.run("initdb", "-D", process.data.toString(), "-U", "postgres", "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync");
            Files.delete(pwfile);
            process.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "local-postgres-stop"));
            return new LocalPostgres(process.port, superPassword, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the test PostgreSQL", e);
        }
    }

    @Override
    public void start() {
        // fsync off: a test server need not survive the machine; commits still reach the kernel before they return,
        // so a crash of the server (stopImmediately) loses nothing committed
        run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "start");
    }

    @Override
    public void stopImmediately() {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    @Override
    public void destroy() {
        try {
            stopImmediately();
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kongsync-pg-" + tool, ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(tool + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    String log = Files.exists(dir.resolve("server.log"))
                            ? Files.readString(dir.resolve("server.log")) : "";
                    throw new IllegalStateException(tool + " failed (" + process.exitValue() + "): "
                            + Files.readString(out) + log);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
