package io.kongsync.aws;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Warnings for upstreams Kong would send traffic to that Cloud Map cannot serve: every service {@code host} and
 * upstream {@code target} inside the Cloud Map namespace ({@code HOST.NAMESPACE}; the Cloud Map service is the first
 * label) is looked up, and a missing service, namespace or healthy instance is a warning located at the entity.
 * Warnings do not block a sync unless the caller is strict. A service whose host names an upstream of the files is
 * left to that upstream's targets, which Kong uses instead.
 */
public final class UpstreamCheck {

    /** Whether a Cloud Map service exists and has a healthy instance, e.g. {@link CloudMapDiscovery#presence}. */
    @FunctionalInterface
    public interface Lookup {
        CloudMapDiscovery.Presence presence(String namespace, String service);
    }

    private final Lookup lookup;

    public UpstreamCheck(Lookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    public static UpstreamCheck of(CloudMapDiscovery discovery) {
        return new UpstreamCheck(discovery::presence);
    }

    /**
     * One Cloud Map lookup per service named, whatever the number of hosts using it.
     *
     * @return the warnings, sorted by file and line; empty when everything in the namespace has a healthy instance
     * @throws AwsException when Cloud Map cannot be asked
     */
    public List<Diagnostic> warnings(State desired, String namespace) {
        String suffix = "." + normalize(namespace);
        Set<String> upstreams = new HashSet<>();
        for (Entity upstream : desired.ofKind(EntityKind.UPSTREAM)) {
            upstreams.add(normalize(String.valueOf(upstream.field("name"))));
        }
        Map<String, CloudMapDiscovery.Presence> known = new HashMap<>();
        List<Diagnostic> warnings = new ArrayList<>();
        for (Entity service : desired.ofKind(EntityKind.SERVICE)) {
            if (service.field("host") instanceof String host && !upstreams.contains(normalize(host))) {
                check(service, "host", host, namespace, suffix, known, warnings);
            }
        }
        for (Entity target : desired.ofKind(EntityKind.TARGET)) {
            if (target.field("target") instanceof String address) {
                check(target, "target", hostOf(address), namespace, suffix, known, warnings);
            }
        }
        warnings.sort(null);
        return warnings;
    }

    private void check(Entity entity, String field, String host, String namespace, String suffix,
                       Map<String, CloudMapDiscovery.Presence> known, List<Diagnostic> warnings) {
        String name = normalize(host);
        if (!name.endsWith(suffix) || name.length() == suffix.length()) {
            return;
        }
        String service = name.substring(0, name.indexOf('.'));
        CloudMapDiscovery.Presence presence = known.computeIfAbsent(service, s -> lookup.presence(namespace, s));
        if (presence == CloudMapDiscovery.Presence.HEALTHY) {
            return;
        }
        // a substituted host is sensitive: say what is wrong without showing it
        boolean sensitive = entity.isSensitive(field);
        String shown = sensitive ? "(sensitive)" : String.valueOf(entity.field(field));
        String serviceShown = sensitive ? "(sensitive)" : service;
        String problem = switch (presence) {
            case NO_NAMESPACE -> "Cloud Map has no namespace " + namespace;
            case NO_SERVICE -> "Cloud Map namespace " + namespace + " has no service " + serviceShown;
            default -> "Cloud Map service " + serviceShown + " in namespace " + namespace + " has no healthy instance";
        };
        warnings.add(new Diagnostic(entity.origin(), field + " " + shown + ": " + problem));
    }

    /** The host of a target: {@code host:port}, {@code host}, or a bracketed IPv6 address. */
    static String hostOf(String target) {
        if (target.startsWith("[")) {
            return target;
        }
        int colon = target.lastIndexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    private static String normalize(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
