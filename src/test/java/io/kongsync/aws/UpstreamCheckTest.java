package io.kongsync.aws;

import io.kongsync.file.ReadOptions;
import io.kongsync.state.StateLoader;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream checks against Cloud Map (the real SDK client, WireMock speaking DiscoverInstances). */
class UpstreamCheckTest {

    @TempDir
    Path dir;

    private AwsWireMock aws;
    private ServiceDiscoveryClient client;
    private UpstreamCheck check;

    @BeforeEach
    void start() {
        aws = new AwsWireMock();
        client = AwsClients.serviceDiscovery(aws.settings(), AwsWireMock.credentials());
        check = UpstreamCheck.of(new CloudMapDiscovery(client));
        aws.instances("ecs.local", "nyan", List.of(AwsWireMock.instance("i-1", "10.0.1.5", 80)));
        aws.instances("ecs.local", "orders", List.of());
        aws.discover("ecs.local", "ghost", AwsWireMock.error(400, "ServiceNotFound", "Service not found: ghost"));
        aws.instances("ecs.local", "billing", List.of(AwsWireMock.instance("i-2", "10.0.2.5", 8080)));
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    private StateLoader.Loaded load(String yaml) throws IOException {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, yaml);
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(),
                ReadOptions.defaults().withEnvironment(Map.of("DECK_HOST", "ghost.ecs.local")::get));
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded;
    }

    @Test
    void hostsAndTargetsInTheNamespaceWithoutAHealthyServiceAreWarnedAboutAtTheirEntity() throws IOException {
        StateLoader.Loaded loaded = load("""
                _format_version: "3.0"
                services:
                  - name: nyan
                    url: http://nyan.ecs.local:80
                  - name: orders
                    host: orders.ecs.local
                  - name: ghost
                    host: ghost.ecs.local
                  - name: outside
                    host: example.com
                  - name: via-upstream
                    host: billing.upstream
                upstreams:
                  - name: billing.upstream
                    targets:
                      - target: billing.ecs.local:8080
                      - target: ghost.ecs.local:8080
                      - target: 10.0.0.1:8080
                """);

        List<Diagnostic> warnings = check.warnings(loaded.state(), "ecs.local");

        assertThat(warnings).extracting(Diagnostic::format).containsExactly(
                dir.resolve("kong.yaml")
                        + ":5:5: services[1]: host orders.ecs.local: Cloud Map service orders in namespace ecs.local "
                        + "has no healthy instance",
                dir.resolve("kong.yaml") + ":7:5: services[2]: host ghost.ecs.local: Cloud Map namespace ecs.local "
                        + "has no service ghost",
                dir.resolve("kong.yaml") + ":17:9: upstreams[0].targets[1]: target ghost.ecs.local:8080: Cloud Map "
                        + "namespace ecs.local has no service ghost");
        // one lookup per Cloud Map service, however many hosts name it
        assertThat(aws.requests(AwsWireMock.DISCOVER_INSTANCES)).extracting(r -> AwsWireMock.body(r)
                .get("ServiceName").asString()).containsExactlyInAnyOrder("nyan", "orders", "ghost", "billing");
    }

    @Test
    void aSubstitutedHostIsCheckedWithoutBeingShown() throws IOException {
        StateLoader.Loaded loaded = load("""
                _format_version: "3.0"
                services:
                  - name: secret-host
                    host: ${{ env "DECK_HOST" }}
                """);

        assertThat(check.warnings(loaded.state(), "ecs.local")).extracting(Diagnostic::message).containsExactly(
                "host (sensitive): Cloud Map namespace ecs.local has no service (sensitive)");
    }

    @Test
    void everythingHealthyOrOutsideTheNamespaceGivesNoWarning() throws IOException {
        StateLoader.Loaded loaded = load("""
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: NYAN.ecs.local
                  - name: other
                    host: orders.ecs.internal
                """);

        assertThat(check.warnings(loaded.state(), "ecs.local")).isEmpty();
    }

    @Test
    void aCloudMapFailureIsAnErrorNotAWarning() throws IOException {
        aws.always(AwsWireMock.DISCOVER_INSTANCES, AwsWireMock.error(400, "AccessDeniedException", "denied"));
        StateLoader.Loaded loaded = load("""
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                """);

        assertThatThrownBy(() -> check.warnings(loaded.state(), "ecs.local")).isInstanceOf(AwsException.class)
                .hasMessage("Cloud Map DiscoverInstances(ecs.local, nyan) failed: AccessDeniedException: denied "
                        + "(HTTP 400)");
    }
}
