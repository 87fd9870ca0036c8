package io.kongsync.service;

import io.kongsync.model.State;
import io.kongsync.sync.SyncResult;
import io.kongsync.sync.Syncer;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;

/** The Kong that a service instance keeps in line with git: one Admin API, or (DB-less on AWS) several nodes. */
public interface Gateway extends AutoCloseable {

    Mono<Syncer.Planned> plan(State desired, Set<String> selectTags);

    Mono<SyncResult> sync(State desired, Set<String> selectTags);

    /**
     * Why a sync of this plan would be refused before anything is applied (conflicts, the mass-delete guard), masked;
     * null when it would go ahead. For dry runs, which apply nothing and so are never refused themselves.
     */
    default String refusal(Syncer.Planned planned) {
        return null;
    }

    /** Every admin node, with what it answers to {@code GET /} (unreachable nodes included, with their error). */
    Mono<List<NodeStatus>> nodes();

    /** Releases connections; nothing to do by default. */
    @Override
    default void close() {
    }
}
