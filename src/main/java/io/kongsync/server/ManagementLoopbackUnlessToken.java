package io.kongsync.server;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetAddress;
import java.util.Map;

/**
 * The management port (health, Prometheus) follows the API's rule: without {@code kongsync.api.token} it listens on
 * loopback only, unless {@code management.server.address} says otherwise. Decided once the environment (including
 * Parameter Store) is read, before the servers start; the lowest-precedence source, so any setting wins.
 */
final class ManagementLoopbackUnlessToken implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String ADDRESS = "management.server.address";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String token = environment.getProperty("kongsync.api.token");
        if ((token == null || token.isBlank()) && !environment.containsProperty(ADDRESS)) {
            environment.getPropertySources().addLast(new MapPropertySource("kongsync-management-loopback",
                    Map.of(ADDRESS, InetAddress.getLoopbackAddress().getHostAddress())));
        }
    }
}
