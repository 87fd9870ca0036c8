package io.kongsync.kong;

import io.kongsync.model.EntityKind;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Admin API paths per entity kind. Entity paths address entities by id (a UUID), so they never carry a name or,
 * worse, a credential key: paths appear in error messages.
 * <ul>
 *   <li>Top-level kinds: list, create and address at {@code /services}, {@code /services/{id}} ...</li>
 *   <li>Targets live under their upstream only ({@code /upstreams/{u}/targets}); Kong disables {@code /targets}.
 *       PUT on a target only updates it, so a target is created by POST to its collection, its id in the body.</li>
 *   <li>Credentials are listed top-level ({@code /key-auths}) but created and addressed under their consumer
 *       ({@code /consumers/{c}/key-auth/{id}}), which forces the consumer reference.</li>
 * </ul>
 */
public final class KongPaths {

    private KongPaths() {
    }

    /** Where to list every entity of the kind. Targets have no such path: use {@link #collection(EntityKind, String)}. */
    public static String collection(EntityKind kind) {
        return switch (kind) {
            case CERTIFICATE -> "/certificates";
            case CA_CERTIFICATE -> "/ca_certificates";
            case SERVICE -> "/services";
            case UPSTREAM -> "/upstreams";
            case TARGET -> throw new IllegalArgumentException(
                    "targets cannot be listed top-level; list /upstreams/{upstream}/targets per upstream");
            case ROUTE -> "/routes";
            case CONSUMER -> "/consumers";
            case KEYAUTH_CREDENTIAL -> "/key-auths";
            case BASICAUTH_CREDENTIAL -> "/basic-auths";
            case JWT_SECRET -> "/jwts";
            case ACL -> "/acls";
            case PLUGIN -> "/plugins";
        };
    }

    /**
     * Where to create (POST) an entity of the kind and, for targets, where to list them.
     *
     * @param parentId the upstream id for targets, the consumer id for credentials; ignored (may be null) otherwise
     */
    public static String collection(EntityKind kind, String parentId) {
        Optional<String> nested = nestedSegment(kind);
        if (nested.isEmpty()) {
            return collection(kind);
        }
        Objects.requireNonNull(parentId, () -> kind.label() + " needs its parent's id");
        return "/" + parentKind(kind).orElseThrow().collection() + "/" + segment(parentId) + "/" + nested.get();
    }

    /**
     * The path of one entity, for GET, PUT, PATCH and DELETE.
     *
     * @param id       the entity id
     * @param parentId the upstream id for targets, the consumer id for credentials; ignored (may be null) otherwise
     */
    public static String entity(EntityKind kind, String id, String parentId) {
        Objects.requireNonNull(id, "id");
        return collection(kind, parentId) + "/" + segment(id);
    }

    /** The path of a top-level entity; nested kinds need {@link #entity(EntityKind, String, String)}. */
    public static String entity(EntityKind kind, String id) {
        if (isNested(kind)) {
            throw new IllegalArgumentException(kind.label() + " is addressed under its parent; give the parent id");
        }
        return entity(kind, id, null);
    }

    /** Targets (under upstreams) and credentials (under consumers). */
    public static boolean isNested(EntityKind kind) {
        return nestedSegment(kind).isPresent();
    }

    /** The kind whose id {@code parentId} names: upstream for targets, consumer for credentials. */
    public static Optional<EntityKind> parentKind(EntityKind kind) {
        return switch (kind) {
            case TARGET -> Optional.of(EntityKind.UPSTREAM);
            case KEYAUTH_CREDENTIAL, BASICAUTH_CREDENTIAL, JWT_SECRET, ACL -> Optional.of(EntityKind.CONSUMER);
            default -> Optional.empty();
        };
    }

    /** False for targets: PUT on a target only updates; create it with POST to its collection, id in the body. */
    public static boolean putCreates(EntityKind kind) {
        return kind != EntityKind.TARGET;
    }

    /** Percent-encodes one path segment (a name; ids need none). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<String> nestedSegment(EntityKind kind) {
        return Optional.ofNullable(switch (kind) {
            case TARGET -> "targets";
            case KEYAUTH_CREDENTIAL -> "key-auth";
            case BASICAUTH_CREDENTIAL -> "basic-auth";
            case JWT_SECRET -> "jwt";
            case ACL -> "acls";
            default -> null;
        });
    }
}
