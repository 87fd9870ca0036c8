package io.kongsync.aws;

import io.kongsync.kong.KongNode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AWS Cloud Map: Kong's admin nodes, and whether a service has healthy instances. Every call asks Cloud Map
 * ({@code DiscoverInstances}, healthy instances only); nothing is cached, so each sync sees the nodes as they are.
 */
public final class CloudMapDiscovery {

    /** The instance attributes ECS service discovery registers. */
    public static final String IPV4_ATTRIBUTE = "AWS_INSTANCE_IPV4";
    public static final String PORT_ATTRIBUTE = "AWS_INSTANCE_PORT";
    /** Kong's Admin API port when an instance has no port attribute. */
    public static final int DEFAULT_ADMIN_PORT = 8001;
    /** DiscoverInstances' largest page; it has no paging beyond it. */
    static final int MAX_RESULTS = 1000;

    /** A Cloud Map service's state, for the upstream checks. */
    public enum Presence { HEALTHY, NO_HEALTHY_INSTANCE, NO_SERVICE, NO_NAMESPACE }

    private final ServiceDiscoveryClient client;

    /** Uses {@code client}; the caller closes it. */
    public CloudMapDiscovery(ServiceDiscoveryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Kong's admin nodes over http; see {@link #kongNodes(String, String, String)}. */
    public List<KongNode> kongNodes(String namespace, String service) {
        return kongNodes(namespace, service, "http");
    }

    /**
     * The healthy instances of {@code service} in {@code namespace} as Kong admin nodes:
     * {@code SCHEME://AWS_INSTANCE_IPV4:AWS_INSTANCE_PORT} (port {@value #DEFAULT_ADMIN_PORT} when the instance has
     * none), in Cloud Map's order.
     *
     * @throws AwsException when the namespace or service does not exist, no instance is healthy, an instance has no
     *                      IPv4 address, or Cloud Map cannot be asked
     */
    public List<KongNode> kongNodes(String namespace, String service, String scheme) {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https, was " + scheme);
        }
        String where = "Cloud Map service " + service + " in namespace " + namespace;
        List<HttpInstanceSummary> instances;
        try {
            instances = healthyInstances(namespace, service);
        } catch (NamespaceNotFoundException e) {
            throw new AwsException("no Kong admin nodes: Cloud Map has no namespace " + namespace, e);
        } catch (ServiceNotFoundException e) {
            throw new AwsException("no Kong admin nodes: Cloud Map namespace " + namespace + " has no service "
                    + service, e);
        }
        if (instances.isEmpty()) {
            throw new AwsException("no Kong admin nodes: " + where + " has no healthy instance");
        }
        List<KongNode> nodes = new ArrayList<>(instances.size());
        for (HttpInstanceSummary instance : instances) {
            nodes.add(node(instance, scheme, where));
        }
        return nodes;
    }

    /** Whether {@code service} exists in {@code namespace} and has a healthy instance. */
    public Presence presence(String namespace, String service) {
        try {
            return healthyInstances(namespace, service).isEmpty() ? Presence.NO_HEALTHY_INSTANCE : Presence.HEALTHY;
        } catch (NamespaceNotFoundException e) {
            return Presence.NO_NAMESPACE;
        } catch (ServiceNotFoundException e) {
            return Presence.NO_SERVICE;
        }
    }

    private List<HttpInstanceSummary> healthyInstances(String namespace, String service) {
        DiscoverInstancesResponse answer;
        try {
            answer = client.discoverInstances(request -> request.namespaceName(namespace).serviceName(service)
                    .healthStatus(HealthStatusFilter.HEALTHY).maxResults(MAX_RESULTS));
        } catch (NamespaceNotFoundException | ServiceNotFoundException notFound) {
            throw notFound;
        } catch (RuntimeException e) {
            throw AwsErrors.failed("Cloud Map DiscoverInstances(" + namespace + ", " + service + ")", e);
        }
        return answer.instances();
    }

    private static KongNode node(HttpInstanceSummary instance, String scheme, String where) {
        Map<String, String> attributes = instance.attributes();
        String ip = attributes.get(IPV4_ATTRIBUTE);
        if (ip == null || ip.isBlank()) {
            throw new AwsException("instance " + instance.instanceId() + " of " + where + " has no " + IPV4_ATTRIBUTE
                    + " attribute");
        }
        String portText = attributes.get(PORT_ATTRIBUTE);
        int port;
        try {
            port = portText == null || portText.isBlank() ? DEFAULT_ADMIN_PORT : Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new AwsException("instance " + instance.instanceId() + " of " + where + " has an invalid "
                    + PORT_ATTRIBUTE + " \"" + portText + "\"");
        }
        try {
            return new KongNode(instance.instanceId(), new URI(scheme, null, ip.trim(), port, null, null, null));
        } catch (URISyntaxException e) {
            throw new AwsException("instance " + instance.instanceId() + " of " + where + " has an invalid "
                    + IPV4_ATTRIBUTE + " \"" + ip + "\"", e);
        }
    }
}
