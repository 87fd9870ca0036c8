package io.kongsync.cli;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** How to reach Kong's Admin API; shared by every command that talks to Kong. */
final class KongOptions {

    @Option(names = "--kong-addr", paramLabel = "URL", defaultValue = "${env:KONGSYNC_KONG_ADDR}",
            description = "Kong's Admin API, e.g. http://kong-admin.ecs.local:8001 (env KONGSYNC_KONG_ADDR).")
    URI kongAddr;

    @Option(names = "--kong-admin-token", paramLabel = "TOKEN", defaultValue = "${env:KONGSYNC_KONG_ADMIN_TOKEN}",
            description = "Sent as Kong-Admin-Token (Kong Enterprise RBAC). Prefer the environment variable "
                    + "KONGSYNC_KONG_ADMIN_TOKEN: a command line is visible to other users of the machine.")
    String adminToken;

    @Option(names = "--kong-ca-cert", paramLabel = "FILE",
            description = "PEM CA certificate to trust for an https Admin API.")
    Path caCertificate;

    @Option(names = "--kong-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Read timeout per Admin API request, in seconds. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    boolean isSet() {
        return kongAddr != null;
    }

    /** Stops the command with a usage error when no Admin API address is given. */
    void require(CommandSpec spec) {
        if (!isSet()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--kong-addr=URL' (or KONGSYNC_KONG_ADDR)");
        }
    }

    /** Stops the command with a usage error unless Kong is given by exactly one of --kong-addr and discovery. */
    void require(CommandSpec spec, AwsOptions aws) {
        aws.check(spec, isSet());
        if (!isSet() && !aws.discoversKong()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--kong-addr=URL' (or KONGSYNC_KONG_ADDR), or "
                            + "--kong-discovery-namespace with --kong-discovery-service");
        }
    }

    KongClient connect(int parallelism) {
        return KongClient.create(settings(kongAddr, parallelism));
    }

    /** The settings for an Admin API at {@code adminUrl} (a discovered node's, or --kong-addr). */
    KongSettings settings(URI adminUrl, int parallelism) {
        return KongSettings.of(adminUrl)
                .withAdminToken(adminToken)
                .withCaCertificate(caCertificate)
                .withReadTimeout(Duration.ofSeconds(timeoutSeconds))
                .withMaxConnections(Math.max(parallelism * 2, 16));
    }
}
