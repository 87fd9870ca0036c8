package io.kongsync.aws;

import java.net.URI;

/**
 * Where kongsync's AWS calls go. Credentials always come from the SDK's default chain (environment, system
 * properties, profile, container and instance roles).
 *
 * @param region   e.g. {@code eu-west-1}; null = the SDK's default region chain ({@code AWS_REGION}, profile, ...)
 * @param endpoint one endpoint for every AWS service, for LocalStack or a VPC endpoint; null = AWS's own endpoints
 */
public record AwsSettings(String region, URI endpoint) {

    public AwsSettings {
        region = region == null || region.isBlank() ? null : region.trim();
        if (endpoint != null) {
            String scheme = endpoint.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("AWS endpoint must be an http or https URL, was " + endpoint);
            }
        }
    }

    /** Everything from the SDK's defaults. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null);
    }

    public AwsSettings withRegion(String region) {
        return new AwsSettings(region, endpoint);
    }

    public AwsSettings withEndpoint(URI endpoint) {
        return new AwsSettings(region, endpoint);
    }
}
