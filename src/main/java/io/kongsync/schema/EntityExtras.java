package io.kongsync.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What kongsync adds to a Kong entity schema: the input transforms of Kong's top-level shorthands (which its
 * serialised schemas drop), the {@code ttl} Kong accepts on entities stored with a time to live, and the fields
 * kongsync masks although Kong does not encrypt them (credential keys and secrets a consumer authenticates with).
 */
final class EntityExtras {

    /** Entity name to the fields masked beyond Kong's {@code encrypted} ones. */
    private static final Map<String, Set<String>> EXTRA_SECRETS = Map.of(
            "keyauth_credentials", Set.of("key"),
            "jwt_secrets", Set.of("secret", "rsa_public_key"),
            "hmacauth_credentials", Set.of("secret"));

    private EntityExtras() {
    }

    /** Entity name to fields Kong computes from others (never written in files, never compared). */
    private static final Map<String, Set<String>> COMPUTED = Map.of("ca_certificates", Set.of("cert_digest"));

    static void adjust(String entity, List<Field> fields) {
        Set<String> secrets = EXTRA_SECRETS.getOrDefault(entity, Set.of());
        Set<String> computed = COMPUTED.getOrDefault(entity, Set.of());
        for (Field f : fields) {
            if (secrets.contains(f.name())) {
                f.secret();
            }
            if (computed.contains(f.name())) {
                f.auto();
            }
        }
        if (entity.equals("certificates")) {
            // kongsync keeps a certificate's SNIs on it, as a set: Kong answers them in its own order
            fields.replaceAll(f -> f.name().equals("snis")
                    ? Field.set("snis", Field.string().check(Typedefs.WILDCARD_SNI)) : f);
        }
        if (storedWithTtl(entity)) {
            // Kong answers with the seconds left, so the value is never compared
            fields.add(fields.size() - 1, Field.integer("ttl").auto());
        }
    }

    static List<UnaryOperator<Map<String, Object>>> inputTransforms(String entity) {
        return switch (entity) {
            case "services" -> List.of(ServiceUrl::expand);
            case "upstreams" -> List.of(EntityExtras::coupleAlgorithmAndHashOn);
            case "targets" -> List.of(EntityExtras::defaultTargetPort);
            default -> List.of();
        };
    }

    private static boolean storedWithTtl(String entity) {
        return KongSchemas.index().get("entities") instanceof Map<?, ?> entities
                && entities.get(entity) instanceof Map<?, ?> facts
                && Boolean.TRUE.equals(facts.get("ttl"))
                && Boolean.TRUE.equals(facts.get("generate_admin_api"));
    }

    /** Kong's upstream shorthands {@code algorithm} and {@code hash_on}, in their order. */
    static Map<String, Object> coupleAlgorithmAndHashOn(Map<String, Object> upstream) {
        Object algorithm = upstream.get("algorithm");
        boolean hashOnForced = "least-connections".equals(algorithm) || "latency".equals(algorithm);
        if (hashOnForced) {
            upstream.put("hash_on", "none");
        }
        Object hashOn = upstream.get("hash_on");
        if (hashOn instanceof String h && !h.equals("none")) {
            upstream.put("algorithm", "consistent-hashing");
        } else if ("none".equals(hashOn) && !hashOnForced) {
            upstream.put("algorithm", "round-robin");
        }
        return upstream;
    }

    /** A target as Kong's targets DAO stores it: the port {@code :8000} when none is given, IP addresses canonical. */
    static Map<String, Object> defaultTargetPort(Map<String, Object> target) {
        if (target.get("target") instanceof String t) {
            HostNames.Address a = HostNames.parse(t);
            if (a != null && (a.port() == null || a.port() >= 0)) {
                String host = HostNames.canonicalHost(a);
                target.put("target", host + ":" + (a.port() == null ? 8000 : a.port()));
            }
        }
        return target;
    }
}
