package io.kongsync.sync;

import io.kongsync.kong.KongClient;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Plan;
import io.kongsync.validate.Diagnostic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks Kong to validate every plugin the plan writes ({@code POST /schemas/plugins/validate}) before anything is
 * written, so a config Kong would refuse (a newer field, a plugin not enabled on the nodes, a custom plugin's rules)
 * stops the sync up front instead of half-way. Plugins with the same name, config and scope kinds are checked once.
 */
final class PluginCheck {

    private final KongClient kong;
    private final int parallelism;

    PluginCheck(KongClient kong, int parallelism) {
        this.kong = kong;
        this.parallelism = parallelism;
    }

    Mono<List<Diagnostic>> check(Plan plan, Ids ids) {
        Map<Map<String, Object>, List<Entity>> distinct = new LinkedHashMap<>();
        for (Change change : plan.changes()) {
            if (change.action() != Action.DELETE && change.key().kind() == EntityKind.PLUGIN) {
                Entity plugin = change.desired();
                distinct.computeIfAbsent(sameness(plugin), k -> new ArrayList<>()).add(plugin);
            }
        }
        return Flux.fromIterable(distinct.values())
                .flatMapSequential(plugins -> kong.validatePlugin(KongRequest.body(plugins.get(0), ids))
                        .map(error -> plugins.stream().map(p -> new Diagnostic(p.origin(),
                                "Kong rejects this plugin: " + error.message())).toList()), parallelism)
                .flatMapIterable(list -> list)
                .sort()
                .collectList();
    }

    /** What Kong's schema validation depends on: not the ids a plugin is scoped to, only which kinds. */
    private static Map<String, Object> sameness(Entity plugin) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String field : List.of("name", "config", "protocols", "enabled")) {
            key.put(field, plugin.field(field));
        }
        for (String scope : List.of("service", "route", "consumer")) {
            key.put(scope, plugin.field(scope) != null);
        }
        return key;
    }
}
