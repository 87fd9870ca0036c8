package io.kongsync.sync;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongConnectionException;
import io.kongsync.kong.KongInfo;
import io.kongsync.kong.KongNode;
import io.kongsync.kong.KongSettings;
import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.State;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A sync of a Kong gateway made of several nodes (e.g. found through Cloud Map), one {@link Syncer} per node.
 *
 * <ul>
 *   <li>Database mode: the nodes share one database, so one node is enough: the first that answers, in the order
 *       given; on a connection failure the sync moves to the next node and starts again there (writes are
 *       idempotent, so what the failed node applied is simply found done).</li>
 *   <li>DB-less: every node holds its own configuration, so every node is synced, in parallel. A node that does not
 *       succeed (beyond its client's own retries) gets one more round; the sync fails when any node is left behind.
 *       Every node's result and configuration hash is in {@link SyncResult#nodes()}.</li>
 * </ul>
 *
 * Build one per sync from a fresh discovery, so each sync sees the nodes as they are; {@link #close} closes the
 * clients it made.
 */
public final class GatewaySyncer implements AutoCloseable {

    /** Rounds per DB-less node: the first, and one more for a node that did not succeed. */
    public static final int DBLESS_ROUNDS = 2;

    private final List<KongNode> nodes;
    private final Function<KongNode, KongClient> connect;
    private final SyncOptions options;
    private final Map<KongNode, KongClient> clients = new ConcurrentHashMap<>();
    private final Map<KongNode, Syncer> syncers = new ConcurrentHashMap<>();

    /**
     * @param nodes   the gateway's nodes, in preference order (duplicates are dropped)
     * @param connect a client for a node; called at most once per node, closed by {@link #close}
     */
    public GatewaySyncer(List<KongNode> nodes, Function<KongNode, KongClient> connect, SyncOptions options) {
        this.nodes = List.copyOf(new LinkedHashSet<>(nodes));
        if (this.nodes.isEmpty()) {
            throw new IllegalArgumentException("a gateway needs at least one Kong node");
        }
        this.connect = Objects.requireNonNull(connect, "connect");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Clients made from {@code settings}, each with its node's admin URL. */
    public static GatewaySyncer connect(List<KongNode> nodes, KongSettings settings, SyncOptions options) {
        return new GatewaySyncer(nodes, node -> KongClient.create(settings.withAdminUrl(node.adminUrl())), options);
    }

    public List<KongNode> nodes() {
        return nodes;
    }

    /** The plan against the first node that answers, failing over on connection failures. */
    public Mono<Syncer.Planned> plan(State files, Set<String> selectTags) {
        return Mono.defer(() -> failover(0, new ArrayList<>(), node -> syncer(node).plan(files, selectTags))
                .map(Map.Entry::getValue));
    }

    /** What the first node that answers says about itself (version, DB-less or not). */
    public Mono<KongInfo> info() {
        return Mono.defer(() -> failover(0, new ArrayList<>(), node -> client(node).info()).map(Map.Entry::getValue));
    }

    public Mono<SyncResult> sync(State files, Set<String> selectTags) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            long requestsBefore = requests();
            List<NodeResult> unreachable = new ArrayList<>();
            Mono<SyncResult> synced = failover(0, unreachable, node -> client(node).info())
                    .flatMap(first -> first.getValue().dbless()
                            ? syncEveryNode(files, selectTags)
                            : syncThroughOneNode(nodes.indexOf(first.getKey()), unreachable, files, selectTags));
            return synced.map(r -> r.withCost(requests() - requestsBefore,
                    (System.nanoTime() - started) / 1_000_000));
        });
    }

    // ---- database mode ----------------------------------------------------------------------------------------------

    private Mono<SyncResult> syncThroughOneNode(int from, List<NodeResult> unreachable, State files,
                                                Set<String> selectTags) {
        return failover(from, unreachable, node -> syncer(node).sync(files, selectTags))
                .map(done -> {
                    List<NodeResult> results = new ArrayList<>(unreachable);
                    results.add(nodeResult(done.getKey(), done.getValue(), null, 1));
                    return done.getValue().withNodes(results);
                });
    }

    /**
     * {@code call} on the nodes from {@code index} on, moving to the next node while the call fails to connect; each
     * node that did not answer is added to {@code unreachable}.
     */
    private <T> Mono<Map.Entry<KongNode, T>> failover(int index, List<NodeResult> unreachable,
                                                       Function<KongNode, Mono<T>> call) {
        if (index >= nodes.size()) {
            return Mono.error(new NoKongNodeAnsweredException(unreachable.stream()
                    .map(r -> r.node() + ": " + r.message()).toList()));
        }
        KongNode node = nodes.get(index);
        return call.apply(node)
                .map(value -> Map.entry(node, value))
                .onErrorResume(GatewaySyncer::isConnectionFailure, e -> {
                    if (unreachable.stream().noneMatch(r -> r.node().equals(node))) {
                        unreachable.add(new NodeResult(node, NodeResult.Status.UNREACHABLE, null, 1,
                                Syncer.describe(e)));
                    }
                    return failover(index + 1, unreachable, call);
                });
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KongConnectionException) {
                return true;
            }
        }
        return false;
    }

    // ---- DB-less ----------------------------------------------------------------------------------------------------

    /** One node's latest round: a result, or the failure that prevented one. */
    private record Attempt(int index, KongNode node, SyncResult result, Throwable error, int rounds) {

        boolean worthAnotherRound() {
            return error != null
                    || !result.succeeded() && result.refusal() == null && result.diagnostics().isEmpty();
        }
    }

    /** A node's last attempt and what it amounts to. */
    private record Done(Attempt attempt, NodeResult node) {
    }

    private Mono<SyncResult> syncEveryNode(State files, Set<String> selectTags) {
        MaskingPolicy masking = MaskingPolicy.of(files);
        List<Mono<Done>> rounds = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            rounds.add(attempt(index, files, selectTags, 1)
                    .expand(a -> a.worthAnotherRound() && a.rounds() < DBLESS_ROUNDS
                            ? attempt(index, files, selectTags, a.rounds() + 1) : Mono.empty())
                    .last()
                    .flatMap(a -> withHash(a, masking)));
        }
        return Flux.merge(rounds).collectSortedList(Comparator.comparingInt((Done d) -> d.attempt().index()))
                .flatMap(done -> {
                    List<NodeResult> results = done.stream().map(Done::node).toList();
                    return done.stream().map(Done::attempt).filter(a -> a.result() != null).findFirst()
                            .map(first -> Mono.just(first.result().withNodes(results)))
                            .orElseGet(() -> Mono.error(new NoKongNodeAnsweredException(results.stream()
                                    .map(r -> r.node() + ": " + r.message()).toList())));
                });
    }

    private Mono<Attempt> attempt(int index, State files, Set<String> selectTags, int round) {
        KongNode node = nodes.get(index);
        return syncer(node).sync(files, selectTags)
                .map(result -> new Attempt(index, node, result, null, round))
                .onErrorResume(e -> Mono.just(new Attempt(index, node, null, e, round)));
    }

    /** The node's configuration hash after the sync; not asked of a node that did not answer the sync. */
    private Mono<Done> withHash(Attempt a, MaskingPolicy masking) {
        if (a.error() != null) {
            return Mono.just(new Done(a, new NodeResult(a.node(), NodeResult.Status.FAILED, null, a.rounds(),
                    masking.mask(Syncer.describe(a.error())))));
        }
        Mono<String> hash = client(a.node()).status()
                .map(status -> status.get("configuration_hash") instanceof String h ? h : "")
                .onErrorResume(e -> Mono.just(""));
        return hash.map(h -> new Done(a, nodeResult(a.node(), a.result(), h.isEmpty() ? null : h, a.rounds())));
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    private static NodeResult nodeResult(KongNode node, SyncResult r, String hash, int rounds) {
        if (r.succeeded()) {
            return new NodeResult(node, NodeResult.Status.SUCCEEDED, hash, rounds, null);
        }
        if (r.refusal() != null) {
            return new NodeResult(node, NodeResult.Status.REFUSED, hash, rounds, r.refusal());
        }
        if (!r.diagnostics().isEmpty() && r.outcomes().isEmpty()) {
            return new NodeResult(node, NodeResult.Status.REFUSED, hash, rounds, r.diagnostics().size()
                    + " problem" + (r.diagnostics().size() == 1 ? "" : "s") + " found checking the files against Kong");
        }
        // DB-less: every change shares the one POST /config and its failure
        String failure = r.outcomes().stream().filter(o -> o.message() != null && o.status() == Outcome.Status.FAILED)
                .map(o -> r.kong().dbless() ? o.message() : o.operation().describe() + ": " + o.message()).findFirst()
                .orElse(r.remaining() == null ? "not applied"
                        : r.remaining().changes().size() + " changes still pending");
        return new NodeResult(node, NodeResult.Status.FAILED, hash, rounds, failure);
    }

    private KongClient client(KongNode node) {
        return clients.computeIfAbsent(node, connect);
    }

    private Syncer syncer(KongNode node) {
        return syncers.computeIfAbsent(node, n -> new Syncer(client(n), options));
    }

    private long requests() {
        return clients.values().stream().mapToLong(KongClient::requestCount).sum();
    }

    @Override
    public void close() {
        clients.values().forEach(KongClient::close);
        clients.clear();
        syncers.clear();
    }
}
