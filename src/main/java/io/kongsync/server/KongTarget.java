package io.kongsync.server;

import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/** The Kong Admin API the service talks to: the configured one, or the sandbox it started in-process. */
public final class KongTarget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KongTarget.class);

    private final URI adminUrl;
    private final Sandbox sandbox;

    private KongTarget(URI adminUrl, Sandbox sandbox) {
        this.adminUrl = adminUrl;
        this.sandbox = sandbox;
    }

    static KongTarget of(KongsyncProperties.Kong kong) {
        if (kong.adminUrl() != null || kong.discovered()) {
            return new KongTarget(kong.adminUrl(), null);
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(SandboxOptions.defaults().withPort(kong.sandboxPort()));
        } catch (RuntimeException portTaken) {
            sandbox = Sandbox.start(SandboxOptions.defaults());
        }
        LOG.warn("kongsync.kong.admin-url is not set: running the kongsync sandbox at {}, an in-memory stand-in for "
                + "the Kong 3.9 Admin API (not a gateway; it proxies no traffic), and syncing into it", sandbox.url());
        return new KongTarget(sandbox.url(), sandbox);
    }

    /** The configured or sandbox admin URL; null when Kong's nodes are discovered through Cloud Map. */
    public URI adminUrl() {
        return adminUrl;
    }

    public boolean sandbox() {
        return sandbox != null;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
