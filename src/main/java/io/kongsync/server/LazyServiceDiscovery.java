package io.kongsync.server;

import io.kongsync.aws.AwsClients;
import io.kongsync.aws.AwsSettings;
import io.kongsync.aws.CloudMapDiscovery;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** The Cloud Map client, built the first time it is needed and closed with the service. */
final class LazyServiceDiscovery implements AutoCloseable {

    private final AwsSettings settings;
    private ServiceDiscoveryClient client;
    private CloudMapDiscovery discovery;

    LazyServiceDiscovery(AwsSettings settings) {
        this.settings = settings;
    }

    synchronized CloudMapDiscovery discovery() {
        if (discovery == null) {
            client = AwsClients.serviceDiscovery(settings);
            discovery = new CloudMapDiscovery(client);
        }
        return discovery;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
