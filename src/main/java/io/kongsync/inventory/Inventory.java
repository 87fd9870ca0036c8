package io.kongsync.inventory;

import java.util.List;

/**
 * Everything kongsync manages and every unmanaged entity it sees in Kong, grouped service → routes → plugins, with
 * consumers, upstreams and certificates beside. The JSON shape is documented in docs/inventory-json.md.
 *
 * @param commit         the commit the files were read at; null for a plain directory
 * @param ownershipTag   the tag that marks what kongsync manages
 * @param services       services, each with its routes (each with its plugins) and its own plugins
 * @param routes         routes without a service
 * @param consumers      consumers, each with its credentials and plugins
 * @param upstreams      upstreams, each with its targets
 * @param certificates   certificates, with their SNIs
 * @param caCertificates CA certificates
 * @param plugins        global plugins (and any plugin whose service, route and consumer are all unknown)
 * @param other          vaults, key sets and keys, and any entity whose parent is unknown
 * @param warnings       the plan's warnings, as {@code FILE:LINE:COL: PATH: message}
 */
public record Inventory(String commit, Kong kong, String ownershipTag, Summary summary, List<Item> services,
                        List<Item> routes, List<Item> consumers, List<Item> upstreams, List<Item> certificates,
                        List<Item> caCertificates, List<Item> plugins, List<Item> other, List<String> warnings) {

    public Inventory {
        services = List.copyOf(services);
        routes = List.copyOf(routes);
        consumers = List.copyOf(consumers);
        upstreams = List.copyOf(upstreams);
        certificates = List.copyOf(certificates);
        caCertificates = List.copyOf(caCertificates);
        plugins = List.copyOf(plugins);
        other = List.copyOf(other);
        warnings = List.copyOf(warnings);
    }

    /**
     * The Kong the inventory was read from.
     *
     * @param mode {@code database} or {@code dbless}
     */
    public record Kong(String version, String mode, boolean sandbox) {
    }

    /** How many entities, children included, have each status. */
    public record Summary(int inSync, int differs, int onlyInKong, int onlyInFiles) {

        public int total() {
            return inSync + differs + onlyInKong + onlyInFiles;
        }
    }
}
