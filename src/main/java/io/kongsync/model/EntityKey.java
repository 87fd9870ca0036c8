package io.kongsync.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The identity of an entity: what makes "the same" entity in the files and in Kong.
 * Services, routes, upstreams, certificates and consumers are identified by name alone; plugins by plugin name plus
 * the names of what they are scoped to; targets by upstream plus target; credentials by their key within the consumer.
 * An entity without a name (a service or route the files give only an id, one read from Kong) is identified by its id:
 * its name is then {@code id:<uuid>} ({@link #byId}), and so is a reference by id to an entity not in the files.
 *
 * @param kind  the entity kind
 * @param name  the identifying name (service name, consumer username, plugin name, target address, credential key ...)
 * @param scope parent kind label to parent name, e.g. {@code {"service": "nyan"}}; empty for top-level entities
 */
public record EntityKey(EntityKind kind, String name, Map<String, String> scope) implements Comparable<EntityKey> {

    private static final UUID NAMESPACE = UUID.fromString("6f2d3c8e-1b5a-4e0f-9a7d-6b9c1d2e3f40");


    public EntityKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        scope = scope == null || scope.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(scope));
    }

    public static EntityKey of(EntityKind kind, String name) {
        return new EntityKey(kind, name, Map.of());
    }

    private static final String BY_ID = "id:";

    /** The identity of an entity known only by its id. */
    public static EntityKey byId(EntityKind kind, String id, Map<String, String> scope) {
        return new EntityKey(kind, BY_ID + id, scope);
    }

    /** The id this key names, for a key {@link #byId by id}; null otherwise. */
    public String id() {
        return name.startsWith(BY_ID) ? name.substring(BY_ID.length()) : null;
    }

    /** A stable text form, unique per identity: {@code plugin:rate-limiting[service=nyan]}. */
    public String canonical() {
        StringBuilder sb = new StringBuilder(kind.label()).append(':').append(name);
        if (!scope.isEmpty()) {
            sb.append('[');
            scope.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
            sb.setLength(sb.length() - 1);
            sb.append(']');
        }
        return sb.toString();
    }

    /**
     * A UUID derived from the identity (name-based, SHA-1, RFC 4122 version 5), so a create is an idempotent PUT and an
     * entity keeps its id from one DB-less load to the next.
     */
    public UUID deterministicId() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            byte[] hash = sha1.digest(canonical().getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
            }
            for (int i = 8; i < 16; i++) {
                lsb = (lsb << 8) | (hash[i] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (56 - 8 * i));
            out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }

    /** By kind (dependency order), then name, then scope entries; allocation-free, as the planner sorts 100k keys. */
    @Override
    public int compareTo(EntityKey other) {
        int c = kind.compareTo(other.kind);
        if (c == 0) {
            c = name.compareTo(other.name);
        }
        if (c != 0 || scope.isEmpty() && other.scope.isEmpty()) {
            return c;
        }
        var mine = scope.entrySet().iterator();
        var theirs = other.scope.entrySet().iterator();
        while (mine.hasNext() && theirs.hasNext()) {
            var a = mine.next();
            var b = theirs.next();
            c = a.getKey().compareTo(b.getKey());
            if (c == 0) {
                c = a.getValue().compareTo(b.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(mine.hasNext(), theirs.hasNext());
    }

    @Override
    public String toString() {
        return canonical();
    }
}
