package io.kongsync.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock speaking the AWS JSON 1.1 protocol for SSM {@code GetParameters} and Cloud Map {@code DiscoverInstances},
 * for the real SDK clients with static test credentials. GetParameters answers from {@link #parameters}: exactly
 * the names each request asks for, the unknown ones as {@code InvalidParameters}, as SSM does.
 */
public final class AwsWireMock implements AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final String ACCESS_KEY = "AKIAKONGSYNCTEST0001";
    public static final String SECRET_KEY = "kongsync-test-secret-key";
    public static final String GET_PARAMETERS = "AmazonSSM.GetParameters";
    public static final String DISCOVER_INSTANCES = "Route53AutoNaming_v20170314.DiscoverInstances";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final WireMockServer server;

    public AwsWireMock() {
        server = new WireMockServer(options().dynamicPort().extensions(new SsmAnswers(parameters)));
        server.start();
        server.stubFor(target(GET_PARAMETERS).atPriority(10).willReturn(aResponse().withTransformers(SsmAnswers.NAME)));
    }

    public WireMockServer server() {
        return server;
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    public AwsSettings settings() {
        return new AwsSettings(REGION, endpoint());
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    // ---- SSM --------------------------------------------------------------------------------------------------------

    /** The parameters GetParameters serves (name to value), added to those served already. */
    public void parameters(Map<String, String> values) {
        parameters.putAll(values);
    }

    /** An AWS JSON protocol error, e.g. {@code ThrottlingException} with 400. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-RequestId", "0b5b9a5e-test")
                .withBody(JSON.writeValueAsString(Map.of("__type", type, "message", message)));
    }

    public static ResponseDefinitionBuilder ok(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE)
                .withBody(JSON.writeValueAsString(body));
    }

    /** The first request for the operation gets {@code first}; later ones get the usual answer. */
    public void onceThen(String operation, ResponseDefinitionBuilder first) {
        server.stubFor(target(operation).atPriority(0).inScenario("once-" + operation)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered").willReturn(first));
    }

    /** Every request for the operation gets {@code answer}, before any other stub. */
    public void always(String operation, ResponseDefinitionBuilder answer) {
        server.stubFor(target(operation).atPriority(0).willReturn(answer));
    }

    public List<LoggedRequest> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation)));
    }

    public static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    // ---- Cloud Map --------------------------------------------------------------------------------------------------

    /** One healthy instance as DiscoverInstances lists it, with the attributes ECS registers. */
    public static Map<String, Object> instance(String id, String ip, Integer port) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(CloudMapDiscovery.IPV4_ATTRIBUTE, ip);
        if (port != null) {
            attributes.put(CloudMapDiscovery.PORT_ATTRIBUTE, String.valueOf(port));
        }
        attributes.put("ECS_CLUSTER_NAME", "nyan");
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("InstanceId", id);
        instance.put("NamespaceName", "ecs.local");
        instance.put("HealthStatus", "HEALTHY");
        instance.put("Attributes", attributes);
        return instance;
    }

    /** DiscoverInstances for healthy instances of {@code service} in {@code namespace} answers these. */
    public void instances(String namespace, String service, List<Map<String, Object>> instances) {
        discover(namespace, service, ok(Map.of("Instances", instances, "InstancesRevision", 1)));
    }

    /** DiscoverInstances for healthy instances of {@code service} in {@code namespace} answers {@code answer}. */
    public void discover(String namespace, String service, ResponseDefinitionBuilder answer) {
        server.stubFor(target(DISCOVER_INSTANCES).atPriority(5)
                .withRequestBody(matchingJsonPath("$.NamespaceName", equalTo(namespace)))
                .withRequestBody(matchingJsonPath("$.ServiceName", equalTo(service)))
                .withRequestBody(matchingJsonPath("$.HealthStatus", equalTo("HEALTHY")))
                .willReturn(answer));
    }

    private static MappingBuilder target(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation))
                .withHeader("Content-Type", equalTo(CONTENT_TYPE));
    }

    @Override
    public void close() {
        server.stop();
    }

    /** GetParameters as SSM answers it. */
    private static final class SsmAnswers implements ResponseDefinitionTransformerV2 {

        static final String NAME = "ssm-get-parameters";
        private final Map<String, String> parameters;

        SsmAnswers(Map<String, String> parameters) {
            this.parameters = parameters;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            JsonNode names = JSON.readTree(event.getRequest().getBodyAsString()).get("Names");
            List<Map<String, Object>> found = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (JsonNode n : names) {
                String name = n.asString();
                String value = parameters.get(name);
                if (value == null) {
                    invalid.add(name);
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("Name", name);
                p.put("Type", "SecureString");
                p.put("Value", value);
                p.put("Version", 1);
                p.put("ARN", "arn:aws:ssm:" + REGION + ":123456789012:parameter" + (name.startsWith("/") ? "" : "/")
                        + name);
                p.put("DataType", "text");
                found.add(p);
            }
            return ok(Map.of("Parameters", found, "InvalidParameters", invalid)).build();
        }
    }
}
