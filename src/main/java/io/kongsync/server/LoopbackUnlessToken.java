package io.kongsync.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.net.InetAddress;

/**
 * Without {@code kongsync.api.token} the API would be open to anyone who can reach it, so it listens on the loopback
 * interface only; so does the management port ({@link ManagementLoopbackUnlessToken}).
 */
@Component
class LoopbackUnlessToken implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackUnlessToken.class);

    private final KongsyncProperties properties;

    LoopbackUnlessToken(KongsyncProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        String token = properties.api().token();
        if (token != null && !token.isBlank()) {
            return;
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        factory.setAddress(loopback);
        LOG.warn("kongsync.api.token is not set: the API listens on {} only, and needs no token there. "
                + "Set KONGSYNC_API_TOKEN to serve it on every interface.", loopback.getHostAddress());
    }
}
