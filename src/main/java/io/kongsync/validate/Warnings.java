package io.kongsync.validate;

import io.kongsync.file.RawEntity;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.model.Values;
import io.kongsync.schema.Pbkdf2Secret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kong 3.9.1 accepts but a user probably did not mean: warnings, never errors, since Kong (and decK) take these
 * files. Paths that look like regexes without {@code ~}, routes Kong could not tell apart, and an upstream whose
 * {@code hash_on: none} makes Kong discard the algorithm the file asks for. Pure: reads the desired state only.
 */
public final class Warnings {

    private static final List<String> MATCHERS =
            List.of("protocols", "methods", "hosts", "paths", "headers", "snis", "sources", "destinations", "expression");

    private Warnings() {
    }

    /** @param sources for each entity in the state, what it was built from */
    public static List<Diagnostic> of(State desired, Map<EntityKey, RawEntity> sources) {
        List<Diagnostic> warnings = new ArrayList<>(PathWarnings.of(desired, sources));
        identicalRoutes(desired, sources, warnings);
        hashOnNone(desired, sources, warnings);
        hashedSecrets(desired, sources, warnings);
        return warnings;
    }

    /** Kong takes it and hashes it again: the hash itself becomes the secret clients must send. */
    private static void hashedSecrets(State desired, Map<EntityKey, RawEntity> sources, List<Diagnostic> out) {
        for (Entity credential : desired.ofKind(EntityKind.OAUTH2_CREDENTIAL)) {
            RawEntity raw = sources.get(credential.key());
            if (raw != null && Boolean.TRUE.equals(raw.fields().get("hash_secret"))
                    && raw.fields().get("client_secret") instanceof String secret && Pbkdf2Secret.isHash(secret)) {
                out.add(new Diagnostic(raw.originOf("client_secret"), "is Kong's hash of a secret: with hash_secret "
                        + "true Kong hashes it again, and clients must then send the hash itself; write the secret "
                        + "(for example from ${{ env \"DECK_...\" }})"));
            }
        }
    }

    private static void identicalRoutes(State desired, Map<EntityKey, RawEntity> sources, List<Diagnostic> out) {
        Map<List<Object>, Entity> seen = new HashMap<>();
        for (Entity route : desired.ofKind(EntityKind.ROUTE)) {
            List<Object> criteria = new ArrayList<>(MATCHERS.size());
            for (String m : MATCHERS) {
                Object value = route.field(m);
                if (value instanceof List<?> list) {
                    List<Object> sorted = new ArrayList<>(list);
                    sorted.sort(Values.ORDER);
                    value = sorted;
                }
                criteria.add(value);
            }
            Entity first = seen.putIfAbsent(criteria, route);
            if (first != null) {
                RawEntity raw = sources.get(route.key());
                out.add(new Diagnostic(raw == null ? route.origin() : raw.origin(), "route '" + route.key().name()
                        + "' has the same matching criteria as route '" + first.key().name() + "' ("
                        + first.origin().position() + "); Kong takes both, but only one of them will ever match"));
            }
        }
    }

    /** Kong's hash_on shorthand: an explicit {@code none} turns the upstream into round-robin. */
    private static void hashOnNone(State desired, Map<EntityKey, RawEntity> sources, List<Diagnostic> out) {
        for (Entity upstream : desired.ofKind(EntityKind.UPSTREAM)) {
            RawEntity raw = sources.get(upstream.key());
            if (raw != null && "none".equals(raw.fields().get("hash_on"))
                    && "consistent-hashing".equals(raw.fields().get("algorithm"))) {
                out.add(new Diagnostic(raw.originOf("hash_on"), "with hash_on 'none' Kong stores algorithm "
                        + "'round-robin', not 'consistent-hashing'; leave hash_on out or set what to hash on"));
            }
        }
    }
}
