package io.kongsync.sandbox;

import io.kongsync.model.EntityKind;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the sandbox knows about one Kong DAO: its name ({@code keyauth_credentials}), its Admin API path
 * ({@code key-auths}) and nested path under its parent ({@code key-auth}), its schema, endpoint key, unique
 * constraints, foreign keys, and timestamp flavour (kong-admin-api.md 1.1, 1.11, 1.12); what only some DAOs do, as
 * {@link Trait}s; and {@code keyUnderParent}, the field that with its parent addresses a row under the parent
 * ({@code /upstreams/{u}/targets/{target}}, {@code /consumers/{c}/acls/{group}}), or null when the endpoint key does.
 */
record EntityType(String name, String path, String nestedPath, RecordSchema schema, String endpointKey,
                  List<List<String>> uniques, List<Reference> references, boolean hasUpdatedAt,
                  boolean floatTimestamps, boolean topLevel, Set<Trait> traits, String keyUnderParent) {

    /** What only some DAOs do. */
    enum Trait {
        /** Kong's {@code ttl = true}: a write may set a time to live ({@code ttl}), echoed as the seconds left. */
        TTL,
        /**
         * Also addressed by the name of one of its SNIs ({@code /certificates/{sni}}, Kong's
         * {@code kong/api/routes/certificates.lua}); a type with this trait owns its SNIs.
         */
        ADDRESSED_BY_SNI,
        /**
         * Kong's certificates DAO ({@code kong/db/dao/certificates.lua}, its {@code *_with_name_list} functions): the
         * SNIs are written and shown as a list of names, {@code snis}, kept as SNI entities that belong to the
         * certificate. A name written twice, or one another certificate has, is refused; a write's list replaces the
         * certificate's SNIs (a PATCH without one leaves them); the list is shown sorted. In a declarative
         * configuration a list of names under {@code snis} is that list, not nested SNI entities.
         */
        CERTIFICATE_OWNS_SNIS,
        /**
         * Kong's plugins ({@code kong/db/schema/entities/plugins.lua}, {@code kong/api/routes/plugins.lua}): the schema
         * is the one of the plugin its {@code name} names, so validation, PATCH merges and form typing read that name
         * first, and there is no entity schema of its own to validate against.
         */
        PLUGIN,
        /**
         * Kong's ca_certificates schema ({@code kong/db/schema/entities/ca_certificates.lua}): every write sets
         * {@code cert_digest} to the SHA-256 of the certificate in {@code cert}, and that digest is unique.
         */
        CERT_DIGEST,
        /**
         * Kong's ca_certificates DAO ({@code kong/db/dao/ca_certificates.lua}, {@code check_ca_reference}): a delete is
         * refused (400, code 19) while a service lists the CA certificate in its {@code ca_certificates}.
         */
        CA_REFERENCE_CHECK,
        /**
         * Kong's basic-auth credentials ({@code kong/plugins/basic-auth/daos.lua}, {@code crypto.lua}): a password
         * written is stored as the hex SHA-1 of the password followed by the consumer's id (when the write transforms).
         */
        HASHED_PASSWORD,
        /**
         * Kong's oauth2 credentials ({@code kong/plugins/oauth2/daos.lua}): with {@code hash_secret}, a
         * {@code client_secret} written is stored as its PBKDF2 hash (when the write transforms); one that already is
         * such a hash is kept.
         */
        HASHED_CLIENT_SECRET,
        /**
         * Kong's consumers list ({@code kong/api/routes/consumers.lua}): {@code GET /consumers?custom_id=x} is a lookup
         * by {@code custom_id}, one page of at most that consumer, not a filtered list; an empty value is refused.
         */
        CUSTOM_ID_LOOKUP,
        /**
         * Kong's targets under their upstream ({@code kong/api/routes/upstreams.lua}, {@code kong/db/dao/targets.lua}):
         * listed newest first with a numeric {@code offset}; {@code PUT} updates the target as {@code PATCH} does; an
         * address without a port finds the target at the default port too.
         */
        TARGET_ENDPOINTS
    }

    EntityType(String name, String path, String nestedPath, RecordSchema schema, String endpointKey,
               List<List<String>> uniques, List<Reference> references, boolean hasUpdatedAt,
               boolean floatTimestamps, boolean topLevel) {
        this(name, path, nestedPath, schema, endpointKey, uniques, references, hasUpdatedAt, floatTimestamps, topLevel,
                Set.of(), null);
    }

    EntityType {
        traits = Set.copyOf(traits);
        if (keyUnderParent != null && keyUnderParentConstraint(uniques, references, keyUnderParent) < 0) {
            throw new IllegalArgumentException(name + ": addressed under its parent by " + keyUnderParent
                    + " without a unique constraint on its parent's foreign key and " + keyUnderParent);
        }
    }

    /** The same type with these traits too. */
    EntityType with(Trait... more) {
        Set<Trait> all = new java.util.HashSet<>(traits);
        all.addAll(List.of(more));
        return new EntityType(name, path, nestedPath, schema, endpointKey, uniques, references, hasUpdatedAt,
                floatTimestamps, topLevel, all, keyUnderParent);
    }

    /**
     * The same type, addressed under its parent by {@code field} as well as by id (Kong looks the row up by its
     * parent and that field, the unique constraint the two make).
     */
    EntityType keyedUnderParentBy(String field) {
        return new EntityType(name, path, nestedPath, schema, endpointKey, uniques, references, hasUpdatedAt,
                floatTimestamps, topLevel, traits, field);
    }

    private static int keyUnderParentConstraint(List<List<String>> uniques, List<Reference> references, String key) {
        for (Reference r : references) {
            int i = uniques.indexOf(List.of(r.field(), key));
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The field of a type with {@link Trait#CERTIFICATE_OWNS_SNIS} that holds its SNI names. */
    static final String SNI_NAMES = "snis";

    /** SNIs are not a kind of their own in kongsync's model (it keeps them on certificates), so the sandbox defines them. */
    static final RecordSchema SNI_SCHEMA = io.kongsync.schema.KongSchemas.entity("snis");

    /** In dependency order: parents before children. */
    static final List<EntityType> ALL;
    private static final Map<String, EntityType> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, EntityType> BY_PATH = new LinkedHashMap<>();

    /**
     * Kong's own per-DAO code (its custom Admin API routes and DAO functions), which its schemas and route table do
     * not describe: what each DAO does beyond the generated endpoints.
     */
    private static final Map<String, UnaryOperator<EntityType>> KONG_CUSTOM_CODE = Map.of(
            "certificates", t -> t.with(Trait.CERTIFICATE_OWNS_SNIS, Trait.ADDRESSED_BY_SNI),
            "ca_certificates", t -> t.with(Trait.CERT_DIGEST, Trait.CA_REFERENCE_CHECK),
            "targets", t -> t.keyedUnderParentBy("target").with(Trait.TARGET_ENDPOINTS),
            "consumers", t -> t.with(Trait.CUSTOM_ID_LOOKUP),
            "basicauth_credentials", t -> t.with(Trait.HASHED_PASSWORD),
            "acls", t -> t.keyedUnderParentBy("group"),
            "oauth2_credentials", t -> t.with(Trait.HASHED_CLIENT_SECRET),
            "plugins", t -> t.with(Trait.PLUGIN));

    static {
        List<EntityType> all = new ArrayList<>();
        for (EntityKind kind : EntityKind.values()) {
            RecordSchema schema = kind == EntityKind.PLUGIN ? null : Schemas.entity(kind);
            all.add(KONG_CUSTOM_CODE.getOrDefault(kind.collection(), UnaryOperator.identity())
                    .apply(KongDao.type(kind.collection(), schema)));
            if (kind == EntityKind.CERTIFICATE) {
                // not a kind of kongsync's (it keeps SNIs on certificates); Kong's certificates DAO deletes them with
                // their certificate
                all.add(KongDao.type("snis", SNI_SCHEMA).cascadingFrom("certificate"));
            }
        }
        ALL = List.copyOf(all);
        for (EntityType t : ALL) {
            BY_NAME.put(t.name, t);
            BY_PATH.put(t.path, t);
        }
    }

    /** The same type, its rows deleted with the parent {@code field} points to. */
    EntityType cascadingFrom(String field) {
        List<Reference> refs = references.stream()
                .map(r -> r.field().equals(field) ? new Reference(r.field(), r.parent(), Reference.OnDelete.CASCADE,
                        r.parentEndpoint()) : r)
                .toList();
        return new EntityType(name, path, nestedPath, schema, endpointKey, uniques, refs, hasUpdatedAt,
                floatTimestamps, topLevel, traits, keyUnderParent);
    }

    static EntityType byName(String name) {
        return BY_NAME.get(name);
    }

    /** The type served at a top-level path segment ({@code key-auths}), or null. */
    static EntityType byPath(String path) {
        return BY_PATH.get(path);
    }

    boolean addressedBySni() {
        return traits.contains(Trait.ADDRESSED_BY_SNI);
    }

    boolean ownsSnis() {
        return traits.contains(Trait.CERTIFICATE_OWNS_SNIS);
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    boolean hasTtl() {
        return traits.contains(Trait.TTL);
    }

    boolean isPlugin() {
        return traits.contains(Trait.PLUGIN);
    }

    /** The foreign key whose parent Kong serves at {@code /E/{e}/field}, or null. */
    Reference parentEndpoint(String field) {
        Reference r = reference(field);
        return r != null && r.parentEndpoint() && topLevel ? r : null;
    }

    Reference reference(String field) {
        for (Reference r : references) {
            if (r.field().equals(field)) {
                return r;
            }
        }
        return null;
    }

    /** The foreign key of this type that points to {@code parent}, or null. */
    Reference referenceTo(String parent) {
        for (Reference r : references) {
            if (r.parent().equals(parent)) {
                return r;
            }
        }
        return null;
    }
}
