package io.kongsync.service;

/**
 * One Kong admin node as the status page shows it.
 *
 * @param mode              {@code db-less} or {@code database}; null when unreachable
 * @param sandbox           true when the node is kongsync's own sandbox, not a gateway
 * @param configurationHash DB-less: the hash of the configuration the node runs ({@code GET /status}); else null
 * @param error             why it could not be reached; null when reachable
 */
public record NodeStatus(String adminUrl, boolean reachable, String version, String mode, String hostname,
                         boolean sandbox, String configurationHash, String error) {
}
