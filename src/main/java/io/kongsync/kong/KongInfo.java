package io.kongsync.kong;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code GET /} says about the Kong node.
 *
 * @param version          e.g. {@code 3.9.1}
 * @param dbless           {@code configuration.database} is {@code off}
 * @param hostname         the node's hostname
 * @param tagline          {@code Welcome to kong}
 * @param availablePlugins names of the plugins installed on the node ({@code plugins.available_on_server})
 * @param routerFlavor     {@code configuration.router_flavor}, null when the node does not report it
 * @param sandbox          the node is kongsync's in-memory stand-in, not a real Kong
 */
public record KongInfo(String version, boolean dbless, String hostname, String tagline, Set<String> availablePlugins,
                       String routerFlavor, boolean sandbox) {

    public static final String SANDBOX_HOSTNAME = "kongsync-sandbox";
    public static final String SANDBOX_FLAG = "kongsync_sandbox";

    public KongInfo {
        availablePlugins = availablePlugins == null ? Set.of() : Set.copyOf(new TreeSet<>(availablePlugins));
    }

    /** Reads the body of {@code GET /}; tolerates the 2.x shape ({@code available_on_server} values {@code true}). */
    public static KongInfo fromRoot(Map<String, Object> root) {
        Map<?, ?> configuration = root.get("configuration") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> plugins = root.get("plugins") instanceof Map<?, ?> m ? m : Map.of();
        Set<String> available = new TreeSet<>();
        Object onServer = plugins.get("available_on_server");
        if (onServer instanceof Map<?, ?> byName) {
            byName.keySet().forEach(name -> available.add(String.valueOf(name)));
        } else if (onServer instanceof Collection<?> names) {
            names.forEach(name -> available.add(String.valueOf(name)));
        }
        String hostname = text(root.get("hostname"));
        boolean sandbox = Boolean.TRUE.equals(configuration.get(SANDBOX_FLAG)) || SANDBOX_HOSTNAME.equals(hostname);
        return new KongInfo(text(root.get("version")), "off".equals(text(configuration.get("database"))), hostname,
                text(root.get("tagline")), available, text(configuration.get("router_flavor")), sandbox);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
