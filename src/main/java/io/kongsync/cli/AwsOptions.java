package io.kongsync.cli;

import io.kongsync.aws.AwsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URI;

/**
 * AWS: where SSM and Cloud Map are, and where in Cloud Map Kong's admin nodes and the upstreams are. Shared by
 * validate, diff and sync. Credentials come from the SDK's default chain.
 */
final class AwsOptions {

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "AWS region for SSM and Cloud Map. Default: the SDK's chain (AWS_REGION, profile, ...).")
    String region;

    @Option(names = "--aws-endpoint", paramLabel = "URL", defaultValue = "${env:KONGSYNC_AWS_ENDPOINT}",
            description = "One endpoint for SSM and Cloud Map, e.g. LocalStack or a VPC endpoint "
                    + "(env KONGSYNC_AWS_ENDPOINT).")
    URI endpoint;

    @Option(names = "--kong-discovery-namespace", paramLabel = "NAMESPACE",
            defaultValue = "${env:KONGSYNC_KONG_DISCOVERY_NAMESPACE}",
            description = "Cloud Map namespace, e.g. ecs.local: service hosts and targets in it are checked for a "
                    + "healthy Cloud Map service (warnings), and with --kong-discovery-service Kong's admin nodes "
                    + "are found there.")
    String namespace;

    @Option(names = "--kong-discovery-service", paramLabel = "SERVICE",
            defaultValue = "${env:KONGSYNC_KONG_DISCOVERY_SERVICE}",
            description = "Cloud Map service of Kong's Admin API, e.g. kong-admin: its healthy instances are the Kong "
                    + "nodes (instead of --kong-addr). DB-less: every node gets the configuration.")
    String service;

    @Option(names = "--kong-discovery-scheme", paramLabel = "SCHEME", defaultValue = "http",
            description = "http or https, for the admin URLs of discovered nodes. Default: ${DEFAULT-VALUE}")
    String scheme;

    AwsSettings settings() {
        return new AwsSettings(region, endpoint);
    }

    boolean discoversKong() {
        return service != null && !service.isBlank();
    }

    boolean checksUpstreams() {
        return namespace != null && !namespace.isBlank();
    }

    /** Stops the command with a usage error when the discovery options do not fit together or with --kong-addr. */
    void check(CommandSpec spec, boolean kongAddrGiven) {
        if (discoversKong() && !checksUpstreams()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--kong-discovery-service needs --kong-discovery-namespace");
        }
        if (discoversKong() && kongAddrGiven) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --kong-addr or --kong-discovery-service, not both");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--kong-discovery-scheme must be http or https, was " + scheme);
        }
    }
}
