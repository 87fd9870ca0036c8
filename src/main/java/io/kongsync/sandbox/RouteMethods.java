package io.kongsync.sandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods Kong declares on each route of the sandbox's URL map (kong-admin-api.md 2.1), for answering OPTIONS.
 * Kong adds HEAD wherever GET exists and OPTIONS everywhere; it answers OPTIONS from the route alone, without
 * looking the entities up, so only the shape of the path matters here.
 */
final class RouteMethods {

    private static final List<String> ENTITY = List.of("GET", "PUT", "PATCH", "DELETE");
    private static final List<String> COLLECTION = List.of("GET", "POST");
    private static final List<String> READ = List.of("GET");

    private RouteMethods() {
    }

    /** The route's methods, HEAD and OPTIONS included; 404 when no route has this path. */
    static Set<String> of(Request req) {
        Set<String> methods = new LinkedHashSet<>(declared(req));
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return methods;
    }

    private static List<String> declared(Request req) {
        int depth = req.depth();
        if (depth == 0) {
            return READ;
        }
        String first = req.segment(0);
        switch (first) {
            case "status":
                return only(depth == 1, READ);
            case "config":
                return only(depth == 1, COLLECTION);
            case "tags":
                return only(depth <= 2, READ);
            case "schemas":
                return schemas(req);
            default:
                break;
        }
        if (first.equals("plugins") && depth == 2 && req.segment(1).equals("enabled")) {
            return READ;
        }
        if (first.equals("plugins") && depth == 3 && req.segment(1).equals("schema")) {
            return READ;
        }
        if (UpstreamEndpoints.serves(req)) {
            return UpstreamEndpoints.methods(req);
        }
        EntityType type = EntityType.byPath(first);
        if (type == null) {
            throw ApiError.notFound();
        }
        return entity(type, req);
    }

    private static List<String> schemas(Request req) {
        int depth = req.depth();
        if (depth == 2) {
            return READ;
        }
        if (depth == 3 && req.segment(2).equals("validate")) {
            return List.of("POST");
        }
        return only(depth == 3 && req.segment(1).equals("plugins"), READ);
    }

    private static List<String> entity(EntityType type, Request req) {
        switch (req.depth()) {
            case 1:
                return only(type.topLevel(), COLLECTION);
            case 2:
                return only(type.topLevel(), ENTITY);
            case 3: {
                String sub = req.segment(2);
                if (EntityEndpoints.childType(type, sub) != null) {
                    return COLLECTION;
                }
                return only(type.parentEndpoint(sub) != null, ENTITY);
            }
            case 4:
                return only(EntityEndpoints.childType(type, req.segment(2)) != null, ENTITY);
            default:
                throw ApiError.notFound();
        }
    }

    private static List<String> only(boolean routeExists, List<String> methods) {
        if (!routeExists) {
            throw ApiError.notFound();
        }
        return methods;
    }
}
