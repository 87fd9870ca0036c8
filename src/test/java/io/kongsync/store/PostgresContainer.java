package io.kongsync.store;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The test PostgreSQL as Testcontainers' container, where Docker runs and PostgreSQL is not installed. Bound to a
 * fixed loopback port, so that a kill and a restart (the tests' crash of the store) keep the JDBC URL.
 */
final class PostgresContainer implements LocalPostgres.ServerProcess {

    private static final String IMAGE = "postgres:16-alpine";
    private static final int POSTGRES_PORT = 5432;

    private final GenericContainer<?> container;
    private final int port;
    private final String superPassword;

    private PostgresContainer(GenericContainer<?> container, int port, String superPassword) {
        this.container = container;
        this.port = port;
        this.superPassword = superPassword;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error noDocker) {
            return false;
        }
    }

    static LocalPostgres launch() {
        int port = LocalPostgres.freePort();
        String superPassword = LocalPostgres.newPassword("pg-");
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("POSTGRES_PASSWORD", superPassword)
                .withCommand("postgres", "-c", "fsync=off", "-c", "full_page_writes=off")
                .withExposedPorts(POSTGRES_PORT)
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig host = cmd.getHostConfig() == null ? new HostConfig() : cmd.getHostConfig();
                    cmd.withHostConfig(host.withPortBindings(new PortBinding(
                            Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(POSTGRES_PORT))));
                })
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        PostgresContainer process = new PostgresContainer(container, port, superPassword);
        process.awaitConnections();
        return new LocalPostgres(port, superPassword, process);
    }

    @Override
    public void start() {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        awaitConnections();
    }

    @Override
    public void stopImmediately() {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void destroy() {
        container.stop();
    }

    private void awaitConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", superPassword)) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the PostgreSQL container does not accept connections on port "
                            + port + ": " + notYet.getMessage(), notYet);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
