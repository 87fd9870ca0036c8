package io.kongsync.service;

import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongInfo;
import io.kongsync.model.State;
import io.kongsync.sync.SyncOptions;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A Kong reached at one admin URL (database mode, or a single DB-less node). */
public final class SingleNodeGateway implements Gateway, AutoCloseable {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private final KongClient kong;
    private final Syncer syncer;
    private final SyncOptions options;

    public SingleNodeGateway(KongClient kong, SyncOptions options) {
        this.kong = kong;
        this.syncer = new Syncer(kong, options);
        this.options = options;
    }

    @Override
    public Mono<Syncer.Planned> plan(State desired, Set<String> selectTags) {
        return syncer.plan(desired, selectTags);
    }

    @Override
    public Mono<SyncResult> sync(State desired, Set<String> selectTags) {
        return syncer.sync(desired, selectTags);
    }

    @Override
    public String refusal(Syncer.Planned planned) {
        return planned.masking().mask(Syncer.refusal(planned, options));
    }

    @Override
    public Mono<List<NodeStatus>> nodes() {
        return status(kong).map(List::of);
    }

    /** What one admin node answers to {@code GET /} (and, DB-less, {@code GET /status}); never fails. */
    static Mono<NodeStatus> status(KongClient kong) {
        String url = kong.adminUrl().toString();
        return kong.info().flatMap(info -> configurationHash(kong, info).map(hash -> reachable(url, info, hash))
                        .defaultIfEmpty(reachable(url, info, null)))
                .timeout(STATUS_TIMEOUT)
                .onErrorResume(e -> Mono.just(new NodeStatus(url, false, null, null, null, false, null,
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())));
    }

    private static Mono<String> configurationHash(KongClient kong, KongInfo info) {
        if (!info.dbless()) {
            return Mono.empty();
        }
        return kong.status().mapNotNull(status -> status.get("configuration_hash") instanceof String s ? s : null)
                .onErrorResume(e -> Mono.empty());
    }

    /** Closes the client. */
    @Override
    public void close() {
        kong.close();
    }

    private static NodeStatus reachable(String url, KongInfo info, String hash) {
        return new NodeStatus(url, true, info.version(), info.dbless() ? "db-less" : "database", info.hostname(),
                info.sandbox(), hash, null);
    }
}
