package io.kongsync.api;

import io.kongsync.aws.AwsWireMock;
import io.kongsync.sandbox.AdminClient;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on AWS, with the real SDK clients against WireMock speaking the AWS JSON protocol: secrets from SSM in
 * route files, Kong's nodes and upstream checks through Cloud Map, and the service's own settings from Parameter
 * Store (Spring Cloud AWS's config import).
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceOnAwsTest {

    static final String SECRET = "ssm-consumer-key-3e9f27c1";

    @TempDir
    Path root;
    AwsWireMock aws;
    final List<Sandbox> sandboxes = new ArrayList<>();

    @BeforeEach
    void credentials() {
        aws = new AwsWireMock();
        // the service takes the default credentials chain; its system-property step is the one a test can set
        System.setProperty("aws.accessKeyId", AwsWireMock.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsWireMock.SECRET_KEY);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        sandboxes.forEach(Sandbox::close);
        aws.close();
    }

    Path routes(String text) throws IOException {
        Path dir = Files.createDirectories(root.resolve("routes"));
        Files.writeString(dir.resolve("nyan.yaml"), text);
        return dir;
    }

    Map<String, String> settings(Path routes) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kongsync.git.path", routes.toString());
        settings.put("kongsync.data-dir", root.resolve("data").toString());
        settings.put("kongsync.api.token", TOKEN);
        settings.put("kongsync.aws.region", AwsWireMock.REGION);
        settings.put("kongsync.aws.endpoint", aws.endpoint().toString());
        return settings;
    }

    Sandbox sandbox(boolean dbless) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDbless(dbless));
        sandboxes.add(sandbox);
        return sandbox;
    }

    @Test
    void anSsmValueReachesKongAndNoReportLogOrHistoryRecordHoldsIt(CapturedOutput output) throws IOException {
        aws.parameters(Map.of("/kong/test/mobile-app/key", SECRET));
        Sandbox kong = sandbox(false);
        Map<String, String> settings = settings(routes("""
                _format_version: "3.0"
                consumers:
                  - username: mobile-app
                    keyauth_credentials:
                      - key: ${{ ssm "/kong/test/mobile-app/key" }}
                """));
        settings.put("kongsync.kong.admin-url", kong.url().toString());
        List<String> seen = new ArrayList<>();
        try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
            assertThat(new AdminClient(kong.url()).get("/key-auths").data()).singleElement()
                    .satisfies(key -> assertThat(key).containsEntry("key", SECRET));
            for (String format : List.of("text", "json", "markdown")) {
                seen.add(service.get("/api/v1/plan?format=" + format, TOKEN).body());
            }
            String dry = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}").header("Location");
            seen.add(awaitFinished(service, dry).toString());
            @SuppressWarnings("unchecked")
            String start = (String) ((List<Map<String, Object>>) json(service.get("/api/v1/syncs", TOKEN).body())
                    .get("items")).get(1).get("id");
            for (String format : List.of("", "?format=text", "?format=json", "?format=markdown")) {
                seen.add(service.get("/api/v1/syncs/" + start + format, TOKEN).body());
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jsonl"))
                    .toList()) {
                seen.add(Files.readString(file));
            }
        }
        seen.add(output.getAll());

        assertThat(String.join("\n", seen)).contains("(sensitive)").contains("create keyauth_credential")
                .doesNotContain(SECRET);
        assertThat(AwsWireMock.body(aws.requests(AwsWireMock.GET_PARAMETERS).get(0)).get("WithDecryption")
                .asBoolean()).isTrue();
    }

    @Test
    void kongNodesFromCloudMapEachGetTheConfigurationAndUpstreamsAreChecked() throws IOException {
        Sandbox first = sandbox(true);
        Sandbox second = sandbox(true);
        aws.instances("ecs.local", "kong-admin", List.of(
                AwsWireMock.instance("task-1", "127.0.0.1", first.url().getPort()),
                AwsWireMock.instance("task-2", "127.0.0.1", second.url().getPort())));
        aws.discover("ecs.local", "nyan", AwsWireMock.error(400, "ServiceNotFound", "Service not found"));
        Map<String, String> settings = settings(routes("""
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    routes:
                      - name: nyan
                        hosts: [nyan.mydomain.com]
                """));
        settings.put("kongsync.kong.discovery.namespace", "ecs.local");
        settings.put("kongsync.kong.discovery.service", "kong-admin");

        try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sync = ((List<Map<String, Object>>) json(service.get("/api/v1/syncs", TOKEN).body())
                    .get("items")).get(0);
            Map<String, Object> full = json(service.get((String) ((Map<?, ?>) sync.get("links")).get("self"), TOKEN)
                    .body());

            assertThat(full).containsEntry("state", "succeeded");
            assertThat(full.get("nodes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(2).allSatisfy(node -> assertThat(node.toString()).contains("result=succeeded")
                            .doesNotContain("configHash=null"));
            assertThat(full.get("warnings").toString()).contains("nyan.ecs.local");
            assertThat(service.get(((Map<?, ?>) sync.get("links")).get("self") + "?format=text", TOKEN).body())
                    .contains("nyan.ecs.local");
            for (Sandbox node : List.of(first, second)) {
                assertThat(new AdminClient(node.url()).get("/services").data()).extracting(s -> s.get("name"))
                        .containsExactly("nyan");
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) ((Map<String, Object>) json(
                    service.get("/api/v1/status", TOKEN).body()).get("gateway")).get("nodes");
            assertThat(nodes).hasSize(2).allSatisfy(node -> assertThat(node).containsEntry("reachable", true)
                    .containsEntry("mode", "db-less").extractingByKey("configurationHash").isNotNull());
        }
    }

    @Test
    void theServicesOwnSettingsComeFromParameterStore() throws IOException {
        aws.always("AmazonSSM.GetParametersByPath", AwsWireMock.ok(Map.of("Parameters", List.of(Map.of(
                "Name", "/kongsync/test/kongsync.api.token", "Value", "token-from-ssm", "Type", "SecureString",
                "Version", 1)))));
        Map<String, String> settings = settings(routes("_format_version: \"3.0\"\n"));
        settings.remove("kongsync.api.token");
        settings.put("spring.config.import", "aws-parameterstore:/kongsync/test/");
        settings.put("spring.cloud.aws.parameterstore.endpoint", aws.endpoint().toString());
        settings.put("spring.cloud.aws.parameterstore.region", AwsWireMock.REGION);

        try (RunningService service = RunningService.start(settings)) {
            assertThat(service.get("/api/v1/status", null).status()).isEqualTo(401);
            assertThat(service.get("/api/v1/status", "token-from-ssm").status()).isEqualTo(200);
        }
        assertThat(AwsWireMock.body(aws.requests("AmazonSSM.GetParametersByPath").get(0)).get("WithDecryption")
                .asBoolean()).isTrue();
    }
}
