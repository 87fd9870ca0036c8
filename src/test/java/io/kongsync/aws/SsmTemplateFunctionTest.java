package io.kongsync.aws;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ssm template function with the real SDK client against WireMock speaking SSM's JSON protocol. */
class SsmTemplateFunctionTest {

    private AwsWireMock aws;
    private SsmClient client;
    private SsmTemplateFunction ssm;

    @BeforeEach
    void start() {
        aws = new AwsWireMock();
        client = AwsClients.ssm(aws.settings(), AwsWireMock.credentials());
        ssm = new SsmTemplateFunction(client);
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void twentyThreeNamesTakeThreeCallsOfAtMostTenNamesEachAllDecrypted() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < 23; i++) {
            parameters.put(String.format("/kong/prod/consumer-%02d/key", i), "secret-value-" + i);
        }
        aws.parameters(parameters);

        Map<String, String> values = ssm.resolve(parameters.keySet());

        assertThat(values).isEqualTo(parameters);
        List<LoggedRequest> calls = aws.requests(AwsWireMock.GET_PARAMETERS);
        assertThat(calls).hasSize(3);
        List<String> asked = new ArrayList<>();
        for (LoggedRequest call : calls) {
            var body = AwsWireMock.body(call);
            assertThat(body.get("WithDecryption").asBoolean()).as(call.getBodyAsString()).isTrue();
            assertThat(body.get("Names").size()).isBetween(1, 10);
            body.get("Names").forEach(n -> asked.add(n.asString()));
            assertThat(call.getHeader("Authorization")).contains("Credential=" + AwsWireMock.ACCESS_KEY + "/")
                    .contains("/" + AwsWireMock.REGION + "/ssm/aws4_request");
        }
        assertThat(asked).containsExactlyInAnyOrderElementsOf(parameters.keySet());
        assertThat(calls).extracting(c -> AwsWireMock.body(c).get("Names").size())
                .containsExactlyInAnyOrder(10, 10, 3);
    }

    @Test
    void aMissingParameterIsLeftUnresolvedAndNamedInItsMessage() {
        aws.parameters(Map.of("/kong/prod/present", "v1"));

        Map<String, String> values = ssm.resolve(Set.of("/kong/prod/present", "/kong/prod/missing"));

        assertThat(values).containsOnlyKeys("/kong/prod/present");
        assertThat(ssm.unresolvedMessage("/kong/prod/missing")).isEqualTo("SSM parameter /kong/prod/missing not found");
    }

    @Test
    void throttlingIsRetriedWithBackoffAndThenSucceeds() {
        aws.parameters(Map.of("/kong/prod/key", "s3cr3t"));
        aws.onceThen(AwsWireMock.GET_PARAMETERS, AwsWireMock.error(400, "ThrottlingException", "Rate exceeded"));

        Map<String, String> values = ssm.resolve(Set.of("/kong/prod/key"));

        assertThat(values).containsEntry("/kong/prod/key", "s3cr3t");
        List<LoggedRequest> calls = aws.requests(AwsWireMock.GET_PARAMETERS);
        assertThat(calls).hasSize(2);
        // the SDK numbers its attempts; the retry came after a backoff decided by the standard strategy
        assertThat(calls.get(1).getHeader("amz-sdk-request")).contains("attempt=2");
    }

    @Test
    void accessDeniedIsAClearErrorNamingTheCauseWithoutAnyValue() {
        aws.parameters(Map.of("/kong/prod/key", "s3cr3t-value"));
        aws.always(AwsWireMock.GET_PARAMETERS, AwsWireMock.error(400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/kongsync is not authorized to perform: "
                        + "ssm:GetParameters on resource: arn:aws:ssm:eu-west-1:123456789012:parameter/kong/prod/key"));

        assertThatThrownBy(() -> ssm.resolve(Set.of("/kong/prod/key")))
                .isInstanceOf(AwsException.class)
                .hasMessageStartingWith("SSM GetParameters failed: AccessDeniedException: User: ")
                .hasMessageContaining("is not authorized to perform: ssm:GetParameters")
                .hasMessageContaining("(HTTP 400)")
                .message().doesNotContain("s3cr3t-value");
        assertThat(aws.requests(AwsWireMock.GET_PARAMETERS)).hasSize(1);
    }

    @Test
    void anUnreachableEndpointIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SsmClient unreachable = AwsClients.ssm(new AwsSettings(AwsWireMock.REGION,
                URI.create("http://127.0.0.1:" + closedPort)), AwsWireMock.credentials())) {
            assertThatThrownBy(() -> new SsmTemplateFunction(unreachable).resolve(Set.of("/kong/prod/key")))
                    .isInstanceOf(AwsException.class)
                    .hasMessageStartingWith("SSM GetParameters failed: ")
                    .hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void missingCredentialsAreAClearError() {
        AwsCredentialsProvider none = () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create(
                    "Unable to load credentials from any of the providers in the chain");
        };
        try (SsmClient noCredentials = AwsClients.ssm(aws.settings(), none)) {
            assertThatThrownBy(() -> new SsmTemplateFunction(noCredentials).resolve(Set.of("/kong/prod/key")))
                    .isInstanceOf(AwsException.class)
                    .hasMessageStartingWith("SSM GetParameters failed: no AWS credentials found");
        }
        assertThat(aws.requests(AwsWireMock.GET_PARAMETERS)).isEmpty();
    }

    @Test
    void aLazyFunctionCreatesItsClientOnFirstUseOnly() {
        aws.parameters(Map.of("/a", "1"));
        AtomicInteger created = new AtomicInteger();
        try (SsmTemplateFunction lazy = SsmTemplateFunction.lazy(() -> {
            created.incrementAndGet();
            return AwsClients.ssm(aws.settings(), AwsWireMock.credentials());
        })) {
            assertThat(created).hasValue(0);
            assertThat(lazy.resolve(Set.of("/a"))).containsEntry("/a", "1");
            assertThat(lazy.resolve(Set.of("/a"))).containsEntry("/a", "1");
            assertThat(created).hasValue(1);
        }
    }

    @Test
    void namesSsmWouldRejectAreRefusedBeforeAnyCall() {
        assertThat(ssm.rejectArgument("/kong/prod/mobile-app/key")).isNull();
        assertThat(ssm.rejectArgument("kong.prod_key-1")).isNull();
        assertThat(ssm.rejectArgument("/kong/prod/key:3")).isNull();
        assertThat(ssm.rejectArgument("arn:aws:ssm:eu-west-1:123456789012:parameter/kong/prod/key")).isNull();
        assertThat(ssm.rejectArgument("/kong/prod key")).contains("is not an SSM parameter name");
        assertThat(ssm.rejectArgument("")).contains("is not an SSM parameter name");
        assertThat(ssm.rejectArgument("/kong//key")).contains("is not an SSM parameter name");
    }

}
