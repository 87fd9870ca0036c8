package io.kongsync.sync;

import io.kongsync.kong.KongInfo;
import io.kongsync.plan.Plan;
import io.kongsync.validate.Diagnostic;

import java.util.List;

/**
 * What a sync did.
 *
 * @param kong         the Kong it ran against
 * @param plan         the plan it applied
 * @param outcomes     one per operation, in plan order (in DB-less mode every change shares the one
 *                     {@code POST /config})
 * @param refusal      why nothing was applied (conflicts, the mass-delete guard, Kong rejecting a config), or null
 * @param diagnostics  problems located in the files (Kong's validation answers mapped back to file and line)
 * @param remaining    the plan made after applying, against Kong as it is then; empty when Kong matches the files.
 *                     Null when nothing was applied.
 * @param requests     Admin API requests sent, reads and retries included
 * @param millis       wall-clock time of the whole sync
 * @param nodes        a sync of several Kong nodes ({@link GatewaySyncer}): every node's result, in discovery order;
 *                     the other fields are those of the first node that answered. Empty for a sync of one node.
 * @param readBackFailure why Kong could not be read again after applying (so {@code remaining} is null and the sync
 *                        cannot be said to have succeeded); null when it was read
 */
public record SyncResult(KongInfo kong, Plan plan, List<Outcome> outcomes, String refusal,
                         List<Diagnostic> diagnostics, Plan remaining, long requests, long millis,
                         List<NodeResult> nodes, String readBackFailure) {

    public SyncResult {
        outcomes = List.copyOf(outcomes);
        diagnostics = List.copyOf(diagnostics);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public SyncResult(KongInfo kong, Plan plan, List<Outcome> outcomes, String refusal, List<Diagnostic> diagnostics,
                      Plan remaining, long requests, long millis, List<NodeResult> nodes) {
        this(kong, plan, outcomes, refusal, diagnostics, remaining, requests, millis, nodes, null);
    }

    /** A sync of one node. */
    public SyncResult(KongInfo kong, Plan plan, List<Outcome> outcomes, String refusal, List<Diagnostic> diagnostics,
                      Plan remaining, long requests, long millis) {
        this(kong, plan, outcomes, refusal, diagnostics, remaining, requests, millis, List.of());
    }

    public SyncResult withNodes(List<NodeResult> nodes) {
        return new SyncResult(kong, plan, outcomes, refusal, diagnostics, remaining, requests, millis, nodes,
                readBackFailure);
    }

    public SyncResult withCost(long totalRequests, long totalMillis) {
        return new SyncResult(kong, plan, outcomes, refusal, diagnostics, remaining, totalRequests, totalMillis, nodes,
                readBackFailure);
    }

    /** Applied, but Kong could not be read again afterwards: whether it matches the files is unknown. */
    public SyncResult withReadBackFailure(String why) {
        return new SyncResult(kong, plan, outcomes, refusal, diagnostics, null, requests, millis, nodes, why);
    }

    /**
     * True only when every operation was applied, Kong, read again, matches the files, and no node is
     * {@link NodeResult#leftBehind() left behind}.
     */
    public boolean succeeded() {
        return refusal == null && diagnostics.isEmpty()
                && outcomes.stream().allMatch(o -> o.status() == Outcome.Status.APPLIED)
                && remaining != null && remaining.isEmpty()
                && nodes.stream().noneMatch(NodeResult::leftBehind);
    }

    /** Nodes left behind. */
    public long nodesLeftBehind() {
        return nodes.stream().filter(NodeResult::leftBehind).count();
    }

    public long count(Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
