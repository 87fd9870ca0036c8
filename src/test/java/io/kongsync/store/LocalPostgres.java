package io.kongsync.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests, one per test JVM: {@code initdb} into a temp directory, {@code pg_ctl}
 * on a free loopback port with its socket in that directory, stopped and deleted when the JVM exits. Run as the
 * {@code postgres} user when the tests run as root (initdb refuses root). Where PostgreSQL is not installed the tests
 * that need it are skipped, or fail under {@code CI} ({@code .ci/run} installs Debian's {@code postgresql}).
 */
public final class LocalPostgres {

    private static LocalPostgres instance;
    private static String missing;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String superPassword;
    private final boolean asPostgresUser;
    private int databases;

    private LocalPostgres(Path bin, Path dir, int port, String superPassword, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.superPassword = superPassword;
        this.asPostgresUser = asPostgresUser;
    }

    /** The running cluster; skips the calling test (fails it under CI) where PostgreSQL is not installed. */
    public static synchronized LocalPostgres get() {
        if (instance == null && missing == null) {
            Optional<Path> bin = findBin();
            if (bin.isEmpty()) {
                missing = "PostgreSQL is not installed (no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on the "
                        + "PATH); install Debian's postgresql, as .ci/run does";
            } else {
                instance = start(bin.get());
            }
        }
        if (instance == null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing + " - CI is set, so the store's tests fail instead of "
                        + "skipping");
            }
            Assumptions.assumeTrue(false, missing);
        }
        return instance;
    }

    private static Optional<Path> findBin() {
        String configured = System.getenv("KONGSYNC_PG_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> version(p.getParent().getFileName().toString()))
                                .reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("initdb"))
                && Files.isExecutable(p.resolve("pg_ctl"))).findFirst();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static LocalPostgres start(Path bin) {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("kongsync-pg");
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String superPassword = "pg-" + HexFormat.of().formatHex(random);
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(pwfile, postgres);
            }
            LocalPostgres server = new LocalPostgres(bin, dir, freePort(), superPassword, root);
            server.run("initdb", "-D", server.data.toString(), "-U", "postgres", "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync");
            Files.delete(pwfile);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "local-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the test PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** (Re)starts the server on its port; waits until it accepts connections. */
    public synchronized void start() {
        // fsync off: a test server need not survive the machine; commits still reach the kernel before they return,
        // so a crash of the server (stopImmediately) loses nothing committed
        run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "start");
    }

    /** Stops the server as a crash would: every connection cut, no checkpoint. */
    public synchronized void stopImmediately() {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    private void destroy() {
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
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

    public int port() {
        return port;
    }

    /** A JDBC URL of a database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database and its owner, a login with a password of its own. */
    public synchronized Database newDatabase(String prefix) {
        String name = (prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + ++databases);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + HexFormat.of().formatHex(random);
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", superPassword);
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(url(name), name, password);
    }

    /** A database on the test server, owned by {@code username}. */
    public record Database(String url, String username, String password) {

        public StoreSettings settings() {
            return new StoreSettings(url, username, password, java.time.Duration.ofSeconds(2));
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }
    }
}
