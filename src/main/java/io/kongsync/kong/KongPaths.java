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
        String path = kind.spec().adminPath();
        if (path == null) {
            throw new IllegalArgumentException(kind.collection() + " cannot be listed top-level; list them under each "
                    + kind.spec().parentField());
        }
        return "/" + path;
    }

    /** Whether the kind can be listed top-level ({@link #collection(EntityKind)}). */
    public static boolean isListedTopLevel(EntityKind kind) {
        return kind.spec().adminPath() != null;
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
        return kind.parent();
    }

    /** False for targets: PUT on a target only updates; create it with POST to its collection, id in the body. */
    public static boolean putCreates(EntityKind kind) {
        return kind.spec().putCreates();
    }

    /** Percent-encodes one path segment (a name; ids need none). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<String> nestedSegment(EntityKind kind) {
        return Optional.ofNullable(kind.spec().nestedSegment());
    }
}
