package io.kongsync.service;

import io.kongsync.sync.NodeResult;

/**
 * What one Kong node got from a sync, when the gateway has several (Cloud Map discovery).
 *
 * @param result     {@code succeeded}, {@code failed}, {@code refused} or {@code unreachable}
 * @param configHash DB-less: the node's {@code configuration_hash} after the sync; null otherwise
 * @param error      why it did not succeed; null when it did
 */
public record NodeRecord(String adminUrl, String instanceId, String result, String configHash, int rounds,
                         String error) {

    static NodeRecord of(NodeResult node) {
        return new NodeRecord(node.node().adminUrl().toString(), node.node().instanceId(), node.status().label(),
                node.configHash(), node.rounds(), node.message());
    }
}
