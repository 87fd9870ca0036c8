package io.kongsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Admin API of the sandbox without the HTTP server: one request in, one {@link Response} out. Routes to the
 * information endpoints, schemas, DB-less {@code /config} and the generated entity endpoints.
 */
final class AdminApi {

    private final SandboxOptions options;
    private final SandboxState state;
    private final EntityEndpoints entities;
    private final SchemaEndpoints schemas;
    private final DeclarativeConfig config;
    private final String nodeId = UUID.randomUUID().toString();
    private final UpstreamEndpoints upstreams;

    AdminApi(SandboxOptions options) {
        this.options = options;
        this.state = new SandboxState(options.clock());
        this.upstreams = new UpstreamEndpoints(state, nodeId);
        this.entities = new EntityEndpoints(state, options.dbless(), options.routerFlavor());
        this.config = new DeclarativeConfig(state, options.routerFlavor());
        this.schemas = new SchemaEndpoints(options.routerFlavor());
    }

    Response handle(String method, String uri, String contentType, byte[] body) {
        try {
            Request req = Request.parse(method, uri, contentType, body);
            return route(req);
        } catch (ApiError e) {
            return e.response();
        }
    }

    private Response route(Request req) {
        if (req.method().equals("OPTIONS")) {
            return Response.allowing(RouteMethods.of(req));
        }
        checkBody(req);
        if (req.depth() == 0) {
            requireGet(req);
            return Response.of(200, info());
        }
        String first = req.segment(0);
        switch (first) {
            case "status":
                if (req.depth() != 1) {
                    throw ApiError.notFound();
                }
                requireGet(req);
                return Response.of(200, status());
            case "config":
                if (req.depth() != 1) {
                    throw ApiError.notFound();
                }
                if (!options.dbless()) {
                    if (!req.method().equals("GET") && !req.method().equals("POST")) {
                        throw ApiError.methodNotAllowed();
                    }
                    throw ApiError.message(400,
                            "this endpoint is only available when Kong is configured to not use a database");
                }
                return config.handle(req);
            case "schemas":
                return schemas.handle(req);
            case "tags":
                requireGet(req);
                return tags(req);
            default:
                break;
        }
        if (first.equals("plugins") && req.depth() == 2 && req.segment(1).equals("enabled")) {
            requireGet(req);
            List<String> names = new ArrayList<>();
            PluginCatalog.names().forEach(names::add);
            return Response.of(200, Map.of("enabled_plugins", names));
        }
        if (first.equals("plugins") && req.depth() == 3 && req.segment(1).equals("schema")) {
            requireGet(req);
            return schemas.legacyPluginSchema(req.segment(2));
        }
        if (UpstreamEndpoints.serves(req)) {
            return upstreams.handle(req);
        }
        EntityType type = EntityType.byPath(first);
        if (type == null) {
            throw ApiError.notFound();
        }
        return entities.handle(type, req);
    }

    /**
     * Kong's checks of a body before any route runs (kong/api/api_helpers.lua): a PUT, POST or PATCH body needs a
     * content type Kong reads (JSON, a form, or YAML for {@code /config}), else 415; a JSON one must parse, else 400.
     */
    private static void checkBody(Request req) {
        if (!List.of("POST", "PUT", "PATCH").contains(req.method())) {
            return;
        }
        String type = req.contentType();
        if (type == null) {
            if (req.hasBody()) {
                throw ApiError.unsupportedMediaType();
            }
            return;
        }
        boolean config = req.depth() == 1 && req.segment(0).equals("config");
        boolean readable = type.startsWith("application/json") || type.startsWith("multipart/form-data")
                || type.startsWith("application/x-www-form-urlencoded")
                || (config && (type.startsWith("application/yaml") || type.startsWith("text/yaml")));
        if (!readable) {
            throw ApiError.unsupportedMediaType();
        }
        if (type.toLowerCase(java.util.Locale.ROOT).contains("application/json")) {
            req.checkJson();
        }
    }

    private static void requireGet(Request req) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw ApiError.methodNotAllowed();
        }
    }

    // ---- information ------------------------------------------------------------------------------------------------

    private Map<String, Object> info() {
        Map<String, Object> available = new LinkedHashMap<>();
        for (String name : PluginCatalog.names()) {
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("version", options.version());
            plugin.put("priority", PluginCatalog.priority(name));
            available.put(name, plugin);
        }
        TreeSet<String> enabled = state.read(store -> {
            TreeSet<String> names = new TreeSet<>();
            for (Map<String, Object> p : store.table("plugins").all()) {
                names.add(String.valueOf(p.get("name")));
            }
            return names;
        });
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put("available_on_server", available);
        plugins.put("enabled_in_cluster", new ArrayList<>(enabled));

        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("database", options.dbless() ? "off" : "postgres");
        configuration.put("role", "traditional");
        configuration.put("router_flavor", options.routerFlavor().kongName());
        configuration.put("admin_listen", List.of(options.host() + ":" + options.port()));
        List<String> loaded = new ArrayList<>();
        PluginCatalog.names().forEach(loaded::add);
        configuration.put("loaded_plugins", loaded);
        configuration.put("kongsync_sandbox", true);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tagline", "Welcome to kong");
        body.put("version", options.version());
        body.put("edition", "community");
        body.put("hostname", "kongsync-sandbox");
        body.put("node_id", nodeId);
        body.put("lua_version", "kongsync sandbox (no Lua: an in-memory stand-in for the Kong Admin API)");
        body.put("kongsync_sandbox", true);
        body.put("pids", Map.of("master", ProcessHandle.current().pid(), "workers", List.of()));
        body.put("timers", Map.of("running", 0, "pending", 0));
        body.put("plugins", plugins);
        body.put("configuration", configuration);
        return body;
    }

    private Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        body.put("memory", Map.of(
                "workers_lua_vms", List.of(Map.of("pid", ProcessHandle.current().pid(),
                        "http_allocated_gc", String.format("%.2f MiB", (rt.totalMemory() - rt.freeMemory()) / 1048576.0))),
                "lua_shared_dicts", Map.of()));
        body.put("server", Map.of("connections_active", 1, "connections_reading", 0, "connections_writing", 1,
                "connections_waiting", 0, "connections_accepted", 0, "connections_handled", 0, "total_requests", 0));
        if (options.dbless()) {
            body.put("configuration_hash", state.configHash());
        } else {
            body.put("database", Map.of("reachable", true));
        }
        body.put("kongsync_sandbox", true);
        return body;
    }

    /** {@code GET /tags} and {@code /tags/{tag}}: every tagged entity, unpaged. */
    private Response tags(Request req) {
        if (req.depth() > 2) {
            throw ApiError.notFound();
        }
        String only = req.depth() == 2 ? req.segment(1) : null;
        return Response.of(200, state.read(store -> {
            List<Object> data = new ArrayList<>();
            for (Table table : store.tables()) {
                for (Map<String, Object> row : table.all()) {
                    if (row.get("tags") instanceof List<?> tags) {
                        for (Object tag : tags) {
                            if (only == null || only.equals(tag)) {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("tag", tag);
                                entry.put("entity_name", table.type().name());
                                entry.put("entity_id", row.get("id"));
                                data.add(entry);
                            }
                        }
                    }
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", data);
            body.put("next", null);
            return body;
        }));
    }
}
