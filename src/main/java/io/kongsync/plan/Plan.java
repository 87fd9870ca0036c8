package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;

import java.util.List;
import java.util.Map;

/**
 * What it takes to make Kong match the files: changes in the order they must be applied (deletes first, children
 * before parents; then creates and updates, parents before children), and the conflicts kongsync will not resolve.
 */
public record Plan(List<Change> changes, List<Conflict> conflicts, Map<String, String> routeServices) {

    /**
     * @param routeServices route name to the name of the service it belongs to, in the files or else in Kong, so a
     *                      report can show a change to a route's plugin under the route's service
     */
    public Plan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
        routeServices = Map.copyOf(routeServices);
    }

    public Plan(List<Change> changes, List<Conflict> conflicts) {
        this(changes, conflicts, Map.of());
    }

    /**
     * The service a change belongs to in reports: the service itself, a route's service, or the service of the route
     * or service a plugin (or another scoped entity) hangs from; null for everything else (consumers, upstreams...).
     */
    public String serviceOf(Change change) {
        return serviceOf(change.key(), change.desired() != null ? change.desired() : change.current());
    }

    public String serviceOf(Conflict conflict) {
        return serviceOf(conflict.key(), conflict.desired());
    }

    private String serviceOf(EntityKey key, Entity entity) {
        if (key.kind() == EntityKind.SERVICE) {
            return key.name();
        }
        if (key.kind() == EntityKind.ROUTE) {
            if (entity != null && entity.field("service") instanceof EntityKey service) {
                return service.name();
            }
            String known = routeServices.get(key.name());
            return known != null ? known : key.scope().get(EntityKind.SERVICE.label());
        }
        String service = key.scope().get(EntityKind.SERVICE.label());
        if (service != null) {
            return service;
        }
        String route = key.scope().get(EntityKind.ROUTE.label());
        return route == null ? null : routeServices.get(route);
    }

    public record Summary(int create, int update, int delete) {
    }

    public Summary summary() {
        int create = 0;
        int update = 0;
        int delete = 0;
        for (Change c : changes) {
            switch (c.action()) {
                case CREATE -> create++;
                case UPDATE -> update++;
                case DELETE -> delete++;
            }
        }
        return new Summary(create, update, delete);
    }

    /** True when there is nothing to apply (there may still be conflicts). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
