package io.kongsync.service;

import io.kongsync.aws.CloudMapDiscovery;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongNode;
import io.kongsync.kong.KongSettings;
import io.kongsync.model.State;
import io.kongsync.sync.GatewaySyncer;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Kong's admin nodes found in Cloud Map before every plan and sync: database mode uses one and fails over, DB-less
 * sends the configuration to every node ({@link GatewaySyncer}).
 */
public final class CloudMapGateway implements Gateway {

    private final CloudMapDiscovery discovery;
    private final String namespace;
    private final String service;
    private final String scheme;
    private final Function<KongNode, KongClient> connect;
    private final SyncOptions options;

    /** @param connect a client for one node (the caller's settings and metrics); closed after each use */
    public CloudMapGateway(CloudMapDiscovery discovery, String namespace, String service, String scheme,
                           Function<KongNode, KongClient> connect, SyncOptions options) {
        this.discovery = discovery;
        this.namespace = namespace;
        this.service = service;
        this.scheme = scheme;
        this.connect = connect;
        this.options = options;
    }

    private Mono<List<KongNode>> discover() {
        return Mono.fromCallable(() -> discovery.kongNodes(namespace, service, scheme))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private <T> Mono<T> withSyncer(Function<GatewaySyncer, Mono<T>> use) {
        return discover().flatMap(nodes -> Mono.usingWhen(Mono.fromCallable(() ->
                        new GatewaySyncer(nodes, connect, options)), use,
                syncer -> Mono.fromRunnable(syncer::close)));
    }

    @Override
    public Mono<Syncer.Planned> plan(State desired, Set<String> selectTags) {
        return withSyncer(syncer -> syncer.plan(desired, selectTags));
    }

    @Override
    public Mono<SyncResult> sync(State desired, Set<String> selectTags) {
        return withSyncer(syncer -> syncer.sync(desired, selectTags));
    }

    @Override
    public String refusal(Syncer.Planned planned) {
        return planned.masking().mask(Syncer.refusal(planned, options));
    }

    @Override
    public Mono<List<NodeStatus>> nodes() {
        return discover().flatMapMany(Flux::fromIterable)
                .concatMap(node -> Mono.usingWhen(Mono.fromCallable(() -> connect.apply(node)),
                        SingleNodeGateway::status,
                        client -> Mono.fromRunnable(client::close)))
                .collectList()
                .onErrorResume(e -> Mono.just(List.of(new NodeStatus("cloudmap://" + service + "." + namespace,
                        false, null, null, null, false, null,
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()))));
    }

    /** Settings for one node: the base settings (token, CA, timeouts) at the node's admin URL. */
    public static Function<KongNode, KongClient> connector(KongSettings base,
                                                           io.kongsync.kong.RequestObserver observer) {
        return node -> KongClient.create(base.withAdminUrl(node.adminUrl()), observer);
    }
}
