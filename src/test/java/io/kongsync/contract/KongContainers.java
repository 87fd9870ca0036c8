package io.kongsync.contract;

import java.net.URI;
import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** {@value ContractTargets#KONG_IMAGE} under Testcontainers: with Postgres (migrations bootstrapped first) or DB-less. */
final class KongContainers {

    private static final int ADMIN_PORT = 8001;
    private static final String DB_ALIAS = "kong-database";

    private KongContainers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error noDocker) {
            return false;
        }
    }

    static KongTarget database() {
        Network network = Network.newNetwork();
        GenericContainer<?> postgres = new GenericContainer<>(DockerImageName.parse(ContractTargets.POSTGRES_IMAGE))
                .withNetwork(network)
                .withNetworkAliases(DB_ALIAS)
                .withEnv("POSTGRES_USER", "kong")
                .withEnv("POSTGRES_PASSWORD", "kong")
                .withEnv("POSTGRES_DB", "kong")
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        GenericContainer<?> kong = kong()
                .withNetwork(network)
                .withEnv("KONG_DATABASE", "postgres")
                .withEnv("KONG_PG_HOST", DB_ALIAS)
                .withEnv("KONG_PG_USER", "kong")
                .withEnv("KONG_PG_PASSWORD", "kong")
                .withEnv("KONG_PG_DATABASE", "kong")
                .withCommand("sh", "-c", "kong migrations bootstrap && kong start");
        try {
            postgres.start();
            kong.start();
        } catch (RuntimeException e) {
            stopAll(kong, postgres, network);
            throw e;
        }
        return KongTarget.of(adminUrl(kong), KongTarget.Mode.DATABASE, () -> stopAll(kong, postgres, network));
    }

    static KongTarget dbless() {
        GenericContainer<?> kong = kong().withEnv("KONG_DATABASE", "off");
        kong.start();
        return KongTarget.of(adminUrl(kong), KongTarget.Mode.DBLESS, kong::stop);
    }

    private static GenericContainer<?> kong() {
        return new GenericContainer<>(DockerImageName.parse(ContractTargets.KONG_IMAGE))
                .withEnv("KONG_ADMIN_LISTEN", "0.0.0.0:" + ADMIN_PORT)
                .withEnv("KONG_NGINX_DAEMON", "off")
                .withEnv("KONG_ADMIN_ACCESS_LOG", "/dev/stdout")
                .withEnv("KONG_ADMIN_ERROR_LOG", "/dev/stderr")
                .withExposedPorts(ADMIN_PORT)
                .waitingFor(Wait.forHttp("/status").forPort(ADMIN_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    private static URI adminUrl(GenericContainer<?> kong) {
        return URI.create("http://" + kong.getHost() + ":" + kong.getMappedPort(ADMIN_PORT));
    }

    private static void stopAll(GenericContainer<?> kong, GenericContainer<?> postgres, Network network) {
        kong.stop();
        postgres.stop();
        network.close();
    }
}
