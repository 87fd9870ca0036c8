package io.kongsync.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The AWS SDK v2 clients kongsync uses, configured one way: region and endpoint from {@link AwsSettings}, the
 * default credentials chain unless a provider is given, the SDK's standard retry strategy (exponential backoff with
 * jitter, a longer backoff for throttling such as SSM's {@code ThrottlingException} or Cloud Map's
 * {@code RequestLimitExceeded}), and timeouts so a call cannot hang a sync. The caller closes the client.
 */
public final class AwsClients {

    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 5;
    /** Longest single attempt (connect, send, answer). */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** Longest call, retries and backoff included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private AwsClients() {
    }

    public static SsmClient ssm(AwsSettings settings) {
        return ssm(settings, null);
    }

    /** @param credentials null = the SDK's default credentials chain */
    public static SsmClient ssm(AwsSettings settings, AwsCredentialsProvider credentials) {
        return build("SSM", () -> configure(SsmClient.builder(), settings, credentials).build());
    }

    public static ServiceDiscoveryClient serviceDiscovery(AwsSettings settings) {
        return serviceDiscovery(settings, null);
    }

    /** @param credentials null = the SDK's default credentials chain */
    public static ServiceDiscoveryClient serviceDiscovery(AwsSettings settings, AwsCredentialsProvider credentials) {
        return build("Cloud Map", () -> configure(ServiceDiscoveryClient.builder(), settings, credentials).build());
    }

    /** The SDK's standard strategy (AWS's throttling and transient error codes), with {@link #MAX_ATTEMPTS}. */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsSettings settings,
                                                                 AwsCredentialsProvider credentials) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
            // DiscoverInstances is sent to data-servicediscovery.REGION.amazonaws.com: the SDK prefixes the host
            // with "data-", which an overridden endpoint (LocalStack, a VPC endpoint URL) does not have.
            override.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
        }
        builder.overrideConfiguration(override.build());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }

    /** Building fails when no region can be found: say so, naming the service. */
    private static <T> T build(String service, Supplier<T> build) {
        try {
            return build.get();
        } catch (SdkClientException e) {
            throw new AwsException("cannot create the AWS " + service + " client: " + AwsErrors.describe(e), e);
        }
    }
}
