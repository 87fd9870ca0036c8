package io.kongsync.sync;

import io.kongsync.file.DeckFile;
import io.kongsync.file.Flattener;
import io.kongsync.file.SourceMap;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongPaths;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.state.StateBuilder;
import io.kongsync.validate.Diagnostic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what Kong runs into the model the planner takes. Everything is read, managed or not: unmanaged entities are
 * what the planner must leave alone and report as conflicts, and what managed ones may reference.
 */
public final class KongStateReader {

    /** Kong's list path per file key; targets are listed per upstream (Kong disables {@code /targets}). */
    private static final Map<String, String> COLLECTIONS = collections();

    private final int parallelism;

    public KongStateReader(int parallelism) {
        this.parallelism = parallelism;
    }

    private static Map<String, String> collections() {
        Map<String, String> c = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            if (KongPaths.isListedTopLevel(kind)) {
                c.put(kind.collection(), KongPaths.collection(kind));
            }
        }
        return c;
    }

    /** Kong's configuration as a state; its entities' origin names the admin URL. */
    public Mono<State> read(KongClient kong, String ownershipTag) {
        return Flux.fromIterable(COLLECTIONS.entrySet())
                .flatMapSequential(e -> kong.list(e.getValue(), List.of()).collectList()
                        .map(items -> Map.entry(e.getKey(), items)), parallelism)
                .collectList()
                .flatMap(lists -> {
                    Map<String, Object> echo = new LinkedHashMap<>();
                    echo.put("_format_version", "3.0");
                    lists.forEach(e -> echo.put(e.getKey(), e.getValue()));
                    return listedUnderParents(kong, lists).map(children -> {
                        echo.putAll(children);
                        return build(kong.adminUrl().toString(), echo, ownershipTag);
                    });
                });
    }

    /** Kinds Kong lists only under their parent (targets under upstreams): one list call per parent. */
    private Mono<Map<String, Object>> listedUnderParents(KongClient kong,
                                                         List<Map.Entry<String, List<Map<String, Object>>>> lists) {
        return Flux.fromArray(EntityKind.values())
                .filter(kind -> !KongPaths.isListedTopLevel(kind))
                .concatMap(kind -> {
                    String parent = kind.parent().orElseThrow().collection();
                    List<Map<String, Object>> parents = lists.stream().filter(e -> e.getKey().equals(parent))
                            .findFirst().map(Map.Entry::getValue).orElse(List.of());
                    return Flux.fromIterable(parents)
                            .flatMapSequential(p -> kong.list(KongPaths.collection(kind, String.valueOf(p.get("id"))),
                                    List.of()), parallelism)
                            .map(item -> (Object) item)
                            .collectList()
                            .map(items -> Map.entry(kind.collection(), (Object) items));
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private static State build(String source, Map<String, Object> echo, String ownershipTag) {
        DeckFile file = new DeckFile("Kong at " + source, echo, new SourceMap("Kong at " + source), Set.of());
        Flattener.Result flat = Flattener.flatten(List.of(file));
        StateBuilder.Result built = StateBuilder.build(flat.entities(),
                new StateBuilder.Options(ownershipTag, Set.of(), false, true));
        List<Diagnostic> problems = new ArrayList<>(flat.diagnostics());
        problems.addAll(built.diagnostics());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kong's configuration could not be read: " + problems.get(0).format());
        }
        return built.state();
    }
}
