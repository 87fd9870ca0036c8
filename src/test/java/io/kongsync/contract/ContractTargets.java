package io.kongsync.contract;

import java.net.URI;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.kongsync.contract.KongTarget.Mode;
import tools.jackson.databind.JsonNode;

/**
 * Whether a contract target can run here, as plain functions of the environment so the skip logic is itself tested.
 * A skipped target says why; a target that was asked for (KONG_ADMIN_URL set) but cannot be reached fails instead.
 */
final class ContractTargets {

    static final String ADMIN_URL = "KONG_ADMIN_URL";
    static final String DBLESS_WIPE = "KONG_CONTRACT_DBLESS_WIPE";
    static final String KONG_IMAGE = "kong:3.9";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";

    record Decision(boolean enabled, String reason, URI url) {
        static Decision enabled(String reason, URI url) {
            return new Decision(true, reason, url);
        }

        static Decision disabled(String reason) {
            return new Decision(false, reason, null);
        }
    }

    private ContractTargets() {
    }

    static Decision docker(BooleanSupplier dockerAvailable) {
        return dockerAvailable.getAsBoolean()
                ? Decision.enabled("a Docker engine is available for " + KONG_IMAGE, null)
                : Decision.disabled("no Docker engine available: Kong container targets skipped");
    }

    /**
     * The external Kong at {@code KONG_ADMIN_URL}, if it is set and runs in the wanted mode. A DB-less run replaces the
     * gateway's whole configuration, so it also needs {@code KONG_CONTRACT_DBLESS_WIPE=true}.
     *
     * @param detectMode asks the Kong at a URL for its mode; exceptions (an unreachable Kong) propagate
     */
    static Decision external(Map<String, String> env, Mode wanted, Function<URI, Mode> detectMode) {
        String url = env.getOrDefault(ADMIN_URL, "").trim();
        if (url.isEmpty()) {
            return Decision.disabled(ADMIN_URL + " is not set");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ADMIN_URL + " is not a URL: " + url, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(ADMIN_URL + " is not an http(s) URL: " + url);
        }
        if (wanted == Mode.DBLESS && !"true".equalsIgnoreCase(env.getOrDefault(DBLESS_WIPE, "").trim())) {
            return Decision.disabled("the DB-less contract replaces the whole configuration of " + url
                    + "; set " + DBLESS_WIPE + "=true to allow it");
        }
        Mode actual = detectMode.apply(uri);
        if (actual != wanted) {
            return Decision.disabled("the Kong at " + url + " runs in " + describe(actual) + " mode, not " + describe(wanted));
        }
        return Decision.enabled("the Kong at " + url + " runs in " + describe(actual) + " mode", uri);
    }

    /** Mode from the body of {@code GET /}: {@code configuration.database} is {@code "off"} in DB-less mode. */
    static Mode modeOf(JsonNode root) {
        JsonNode database = root.path("configuration").path("database");
        if (!database.isString()) {
            throw new IllegalArgumentException("GET / has no configuration.database; is this a Kong Admin API?");
        }
        return "off".equals(database.stringValue()) ? Mode.DBLESS : Mode.DATABASE;
    }

    /** Asks a running Kong for its mode with {@code GET /}. */
    static Mode probeMode(URI url) {
        AdminHttp.Response root = new AdminHttp(url).get("/");
        if (root.status() != 200) {
            throw new IllegalStateException("GET " + url + "/ answered " + root.status());
        }
        return modeOf(root.body());
    }

    private static String describe(Mode mode) {
        return mode == Mode.DBLESS ? "DB-less" : "database";
    }
}
