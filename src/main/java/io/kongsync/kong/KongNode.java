package io.kongsync.kong;

import java.net.URI;
import java.util.Objects;

/**
 * One Kong node's Admin API, as found by service discovery.
 *
 * @param instanceId the discovery's id for the node (e.g. a Cloud Map instance id), or its URL when it has none
 * @param adminUrl   its Admin API
 */
public record KongNode(String instanceId, URI adminUrl) {

    public KongNode {
        Objects.requireNonNull(adminUrl, "adminUrl");
        instanceId = instanceId == null || instanceId.isBlank() ? adminUrl.toString() : instanceId;
    }

    /** A node known only by its URL (a {@code --kong-addr}). */
    public static KongNode of(URI adminUrl) {
        return new KongNode(null, adminUrl);
    }

    /** {@code i-0abc (http://10.0.1.5:8001)}. */
    @Override
    public String toString() {
        return instanceId.equals(adminUrl.toString()) ? instanceId : instanceId + " (" + adminUrl + ")";
    }
}
