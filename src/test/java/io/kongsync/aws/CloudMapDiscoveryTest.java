package io.kongsync.aws;

import io.kongsync.kong.KongNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cloud Map discovery with the real SDK client against WireMock speaking Cloud Map's JSON protocol. */
class CloudMapDiscoveryTest {

    private AwsWireMock aws;
    private ServiceDiscoveryClient client;
    private CloudMapDiscovery discovery;

    @BeforeEach
    void start() {
        aws = new AwsWireMock();
        client = AwsClients.serviceDiscovery(aws.settings(), AwsWireMock.credentials());
        discovery = new CloudMapDiscovery(client);
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void healthyInstancesBecomeAdminUrlsFromTheirIpAndPortAttributes() {
        aws.instances("ecs.local", "kong-admin", List.of(
                AwsWireMock.instance("i-0a1", "10.0.1.5", 8444),
                AwsWireMock.instance("i-0b2", "10.0.2.7", null)));

        List<KongNode> nodes = discovery.kongNodes("ecs.local", "kong-admin");

        assertThat(nodes).containsExactly(
                new KongNode("i-0a1", URI.create("http://10.0.1.5:8444")),
                new KongNode("i-0b2", URI.create("http://10.0.2.7:8001")));
        var request = AwsWireMock.body(aws.requests(AwsWireMock.DISCOVER_INSTANCES).get(0));
        assertThat(request.get("HealthStatus").asString()).isEqualTo("HEALTHY");
        assertThat(request.get("NamespaceName").asString()).isEqualTo("ecs.local");
        assertThat(request.get("ServiceName").asString()).isEqualTo("kong-admin");
    }

    @Test
    void httpsWhenAskedFor() {
        aws.instances("ecs.local", "kong-admin", List.of(AwsWireMock.instance("i-0a1", "10.0.1.5", 8444)));

        assertThat(discovery.kongNodes("ecs.local", "kong-admin", "https"))
                .extracting(KongNode::adminUrl).containsExactly(URI.create("https://10.0.1.5:8444"));
    }

    @Test
    void everyCallAsksCloudMapAgainSoEachSyncSeesTheCurrentNodes() {
        aws.instances("ecs.local", "kong-admin", List.of(AwsWireMock.instance("i-0a1", "10.0.1.5", 8001)));
        assertThat(discovery.kongNodes("ecs.local", "kong-admin")).extracting(KongNode::instanceId)
                .containsExactly("i-0a1");

        aws.instances("ecs.local", "kong-admin", List.of(AwsWireMock.instance("i-0c3", "10.0.3.9", 8001)));
        assertThat(discovery.kongNodes("ecs.local", "kong-admin")).extracting(KongNode::instanceId)
                .containsExactly("i-0c3");
        assertThat(aws.requests(AwsWireMock.DISCOVER_INSTANCES)).hasSize(2);
    }

    @Test
    void aServiceWithoutHealthyInstancesIsAClearError() {
        aws.instances("ecs.local", "kong-admin", List.of());

        assertThatThrownBy(() -> discovery.kongNodes("ecs.local", "kong-admin"))
                .isInstanceOf(AwsException.class)
                .hasMessage("no Kong admin nodes: Cloud Map service kong-admin in namespace ecs.local has no "
                        + "healthy instance");
        assertThat(discovery.presence("ecs.local", "kong-admin"))
                .isEqualTo(CloudMapDiscovery.Presence.NO_HEALTHY_INSTANCE);
    }

    @Test
    void anUnknownServiceOrNamespaceIsAClearError() {
        aws.discover("ecs.local", "kong-admn", AwsWireMock.error(400, "ServiceNotFound",
                "Service not found: kong-admn"));
        aws.discover("ecs.locl", "kong-admin", AwsWireMock.error(400, "NamespaceNotFound",
                "Namespace not found: ecs.locl"));

        assertThatThrownBy(() -> discovery.kongNodes("ecs.local", "kong-admn"))
                .isInstanceOf(AwsException.class)
                .hasMessage("no Kong admin nodes: Cloud Map namespace ecs.local has no service kong-admn");
        assertThatThrownBy(() -> discovery.kongNodes("ecs.locl", "kong-admin"))
                .isInstanceOf(AwsException.class)
                .hasMessage("no Kong admin nodes: Cloud Map has no namespace ecs.locl");
        assertThat(discovery.presence("ecs.local", "kong-admn")).isEqualTo(CloudMapDiscovery.Presence.NO_SERVICE);
        assertThat(discovery.presence("ecs.locl", "kong-admin")).isEqualTo(CloudMapDiscovery.Presence.NO_NAMESPACE);
    }

    @Test
    void throttlingIsRetriedWithBackoff() {
        aws.instances("ecs.local", "kong-admin", List.of(AwsWireMock.instance("i-0a1", "10.0.1.5", 8001)));
        aws.onceThen(AwsWireMock.DISCOVER_INSTANCES, AwsWireMock.error(400, "RequestLimitExceeded",
                "Rate exceeded"));

        assertThat(discovery.kongNodes("ecs.local", "kong-admin")).hasSize(1);
        assertThat(aws.requests(AwsWireMock.DISCOVER_INSTANCES)).hasSize(2);
    }

    @Test
    void accessDeniedIsAClearError() {
        aws.always(AwsWireMock.DISCOVER_INSTANCES, AwsWireMock.error(400, "AccessDeniedException",
                "User is not authorized to perform: servicediscovery:DiscoverInstances"));

        assertThatThrownBy(() -> discovery.kongNodes("ecs.local", "kong-admin"))
                .isInstanceOf(AwsException.class)
                .hasMessage("Cloud Map DiscoverInstances(ecs.local, kong-admin) failed: AccessDeniedException: "
                        + "User is not authorized to perform: servicediscovery:DiscoverInstances (HTTP 400)");
    }

    @Test
    void anInstanceWithoutAnAddressIsAClearError() {
        var instance = new java.util.LinkedHashMap<>(AwsWireMock.instance("i-0a1", "10.0.1.5", 8001));
        instance.put("Attributes", java.util.Map.of("AWS_INSTANCE_PORT", "8001"));
        aws.instances("ecs.local", "kong-admin", List.of(instance));

        assertThatThrownBy(() -> discovery.kongNodes("ecs.local", "kong-admin"))
                .isInstanceOf(AwsException.class)
                .hasMessage("instance i-0a1 of Cloud Map service kong-admin in namespace ecs.local has no "
                        + "AWS_INSTANCE_IPV4 attribute");
    }
}
