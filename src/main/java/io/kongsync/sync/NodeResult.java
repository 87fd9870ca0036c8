package io.kongsync.sync;

import io.kongsync.kong.KongNode;

import java.util.Locale;
import java.util.Objects;

/**
 * What one Kong node got from a sync of several nodes.
 *
 * @param node       the node
 * @param status     how it went
 * @param configHash DB-less: the node's {@code configuration_hash} from {@code GET /status} after the sync, null
 *                   when it could not be read; always null in database mode
 * @param rounds     how many times kongsync synced this node (each round with the client's own retries); 0 when it
 *                   was never synced
 * @param message    why it did not succeed, or null; never holds a secret
 */
public record NodeResult(KongNode node, Status status, String configHash, int rounds, String message) {

    public enum Status {
        /** The node runs the files' configuration. */
        SUCCEEDED,
        /** Something was not applied, or the node did not answer: it is left behind. */
        FAILED,
        /** Nothing was applied to it (a conflict, the mass-delete guard, Kong rejecting a config). */
        REFUSED,
        /** Database mode: the node did not answer, so the sync went to another node of the same database. */
        UNREACHABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NodeResult {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
    }

    /** The node does not run the files' configuration, and it should. */
    public boolean leftBehind() {
        return status == Status.FAILED || status == Status.REFUSED;
    }
}
