package io.kongsync.validate;

import java.util.List;
import java.util.Map;

/**
 * decK file keys that Kong OSS 3.9 cannot take, with a message that says why instead of "unknown field": most belong
 * to Kong Enterprise or Konnect, a few to Kong versions after 3.9. Keys are matched by where they sit: the top level,
 * an entity of a kind ({@code consumers}), or a plugin wherever plugins nest.
 */
final class UnsupportedKeys {

    private static final String ENTERPRISE = "needs Kong Enterprise or Konnect; Kong OSS 3.9 has no ";

    private static final Map<String, Map<String, String>> BY_PLACE = Map.of(
            "", Map.ofEntries(
                    Map.entry("consumer_groups", ENTERPRISE + "consumer groups"),
                    Map.entry("rbac_roles", ENTERPRISE + "RBAC"),
                    Map.entry("rbac_endpointpermissions", ENTERPRISE + "RBAC"),
                    Map.entry("workspaces", ENTERPRISE + "workspaces"),
                    Map.entry("_workspace", ENTERPRISE + "workspaces"),
                    Map.entry("licenses", ENTERPRISE + "licenses"),
                    Map.entry("custom_entities", ENTERPRISE + "degraphql or GraphQL rate-limiting entities"),
                    Map.entry("partials", ENTERPRISE + "partials"),
                    Map.entry("service_packages", ENTERPRISE + "service packages"),
                    Map.entry("cloned_plugins", ENTERPRISE + "plugin definitions"),
                    Map.entry("custom_plugins", ENTERPRISE + "plugin definitions"),
                    Map.entry("_konnect", ENTERPRISE + "control planes"),
                    Map.entry("filter_chains", "needs Kong built with WebAssembly (wasm = on); kongsync does not manage filter chains")),
            "_info", Map.of(
                    "default_lookup_tags", "is not read by kongsync: a reference the files do not hold must be "
                            + "an id (resolved against the live Kong), not a name looked up in Kong by tag",
                    "consumer_group_policy_overrides", ENTERPRISE + "consumer groups",
                    "include_plugin_definitions", ENTERPRISE + "plugin definitions"),
            "consumers", Map.of(
                    "groups", ENTERPRISE + "consumer groups",
                    "mtls_auth_credentials", ENTERPRISE + "mtls-auth plugin"),
            "plugins", Map.of(
                    "consumer_group", ENTERPRISE + "consumer groups",
                    "ordering", ENTERPRISE + "dynamic plugin ordering",
                    "partials", ENTERPRISE + "partials",
                    "condition", "is not supported by Kong 3.9 (a later version's plugin field)",
                    "run_on", "is not supported by Kong 3.9 (a Kong 1.x plugin field, removed in 2.0)"),
            "services", Map.of("tls_sans", "is not supported by Kong 3.9 (a later version's service field)"),
            "upstreams", Map.of(
                    "sticky_sessions_cookie", "is not supported by Kong 3.9 (a later version's upstream field)",
                    "sticky_sessions_cookie_path", "is not supported by Kong 3.9 (a later version's upstream field)"),
            "targets", Map.of("failover", "is not supported by Kong 3.9 (a later version's target field)"));

    private UnsupportedKeys() {
    }

    /**
     * The message for an unknown {@code key} found at {@code parentPath} ({@code services[0].routes[1].plugins[0]}),
     * or null when the key is simply unknown.
     */
    static String message(String parentPath, String key) {
        String kind = kindAt(parentPath);
        String reason = BY_PLACE.getOrDefault(kind, Map.of()).get(key);
        return reason == null ? null : "'" + key + "' " + reason;
    }

    /** The collection the entity at {@code path} belongs to: its last step's name without the index; "" at the top. */
    private static String kindAt(String path) {
        if (path.isEmpty() || path.equals("_info")) {
            return path;
        }
        List<String> steps = List.of(path.split("\\."));
        String last = steps.get(steps.size() - 1);
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            return "-"; // a record inside an entity, not an entity
        }
        return last.substring(0, bracket);
    }
}
