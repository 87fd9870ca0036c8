package io.kongsync.server;

import io.kongsync.service.Gateway;
import io.kongsync.service.NodeStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Actuator health component {@code kong}: up when every admin node answers {@code GET /}. */
@Component("kong")
class KongHealth implements ReactiveHealthIndicator {

    private final Gateway gateway;

    KongHealth(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Mono<Health> health() {
        return gateway.nodes().map(nodes -> {
            Health.Builder health = nodes.stream().allMatch(NodeStatus::reachable) && !nodes.isEmpty()
                    ? Health.up() : Health.down();
            for (NodeStatus node : nodes) {
                health.withDetail(node.adminUrl(), node.reachable()
                        ? node.version() + " (" + node.mode() + (node.sandbox() ? ", kongsync sandbox" : "") + ")"
                        : "unreachable: " + node.error());
            }
            return health.build();
        });
    }
}
