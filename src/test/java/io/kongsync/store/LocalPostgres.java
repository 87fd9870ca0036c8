package io.kongsync.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests, one per test JVM: {@code initdb} into a temp directory, {@code pg_ctl}
 * on a free loopback port with its socket in that directory, stopped and deleted when the JVM exits. Run as the
 * {@code postgres} user when the tests run as root (initdb refuses root). Where PostgreSQL is not installed but Docker
 * runs, Testcontainers' PostgreSQL on a fixed loopback port instead ({@link PostgresContainer}). Where neither is there
 * the tests that need it are skipped, or fail under {@code CI} ({@code .ci/run} installs Debian's {@code postgresql}).
 */
public final class LocalPostgres {

    /** How the server process is run: pg_ctl, or a container. */
    interface ServerProcess {
        /** (Re)starts the server; returns once it accepts connections. */
        void start();

        /** Stops it as a crash would: every connection cut. */
        void stopImmediately();

        /** Stops it for good and removes what it left behind. */
        void destroy();
    }

    private static LocalPostgres instance;
    private static String missing;

    private final int port;
    private final String superPassword;
    private final ServerProcess process;
    private int databases;

    LocalPostgres(int port, String superPassword, ServerProcess process) {
        this.port = port;
        this.superPassword = superPassword;
        this.process = process;
    }

    /** The running cluster; skips the calling test (fails it under CI) where PostgreSQL is not installed. */
    public static synchronized LocalPostgres get() {
        if (instance == null && missing == null) {
            Optional<Path> bin = findBin();
            if (bin.isPresent()) {
                instance = PgCtl.launch(bin.get());
            } else if (PostgresContainer.dockerAvailable()) {
                instance = PostgresContainer.launch();
            } else {
                missing = "PostgreSQL is not installed (no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on the "
                        + "PATH) and Docker does not run for Testcontainers' PostgreSQL; install Debian's postgresql, "
                        + "as .ci/run does";
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

    /** (Re)starts the server on its port; waits until it accepts connections. */
    public synchronized void start() {
        process.start();
    }

    /** Stops the server as a crash would: every connection cut, no checkpoint. */
    public synchronized void stopImmediately() {
        process.stopImmediately();
    }

    static String newPassword(String prefix) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        String password = newPassword("pw-");
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
