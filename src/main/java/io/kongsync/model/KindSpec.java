package io.kongsync.model;

import java.util.List;
import java.util.Objects;

/**
 * What kongsync knows about one entity kind beyond Kong's schema for it. Built fluently in {@link EntityKind}.
 *
 * @param label            singular report name ({@code keyauth_credential})
 * @param collection       decK file key and Kong DAO name ({@code keyauth_credentials})
 * @param adminPath        the Admin API collection segment ({@code key-auths}); for kinds listed only under their
 *                         parent, null
 * @param parentField      the foreign key to the parent ({@code consumer}), or null for a top-level kind
 * @param parentCollection the parent's collection ({@code consumers}), or null
 * @param nestedSegment    the collection segment under the parent ({@code key-auth}), or null
 * @param putCreates       false when PUT on the entity path only updates (targets): create with POST instead
 * @param identity         how the identity name is taken from the fields
 * @param identityField    the field the identity name comes from (and where a missing identity is reported)
 * @param secretIdentity   the identity is a secret (a key-auth key): reports show it masked
 * @param uniqueFields     fields Kong keeps unique besides the identity
 * @param idWhenUnnamed    an entity in the files without its identity field is identified by its {@code id} (Kong
 *                         takes a service or route without a name, as decK does); the id is then what is sent to Kong
 */
public record KindSpec(String label, String collection, String adminPath, String parentField, String parentCollection,
                       String nestedSegment, boolean putCreates, Identity identity, String identityField,
                       boolean secretIdentity, List<String> uniqueFields, boolean idWhenUnnamed) {

    /** How an entity's identity name is found. */
    public enum Identity {
        /** the value of {@link KindSpec#identityField()} */
        FIELD,
        /** {@code username}, else {@code custom_id} */
        USERNAME_OR_CUSTOM_ID,
        /** the plugin name, scoped by the service, route and consumer it applies to */
        PLUGIN,
        /** the first of its SNIs in sorted order */
        FIRST_SNI,
        /** the SHA-256 digest of the certificate */
        CERT_DIGEST
    }

    public KindSpec {
        Objects.requireNonNull(label);
        Objects.requireNonNull(collection);
        uniqueFields = List.copyOf(uniqueFields);
    }

    static KindSpec of(String label, String collection) {
        return new KindSpec(label, collection, null, null, null, null, true, Identity.FIELD, "name", false, List.of(),
                false);
    }

    KindSpec admin(String path) {
        return new KindSpec(label, collection, path, parentField, parentCollection, nestedSegment, putCreates, identity,
                identityField, secretIdentity, uniqueFields, idWhenUnnamed);
    }

    /** Lives under a parent: created and addressed at {@code /<parent>/{id}/<segment>}. */
    KindSpec under(String field, String parent, String segment) {
        return new KindSpec(label, collection, adminPath, field, parent, segment, putCreates, identity, identityField,
                secretIdentity, uniqueFields, idWhenUnnamed);
    }

    KindSpec listedOnlyUnderParent() {
        return admin(null);
    }

    KindSpec putOnlyUpdates() {
        return new KindSpec(label, collection, adminPath, parentField, parentCollection, nestedSegment, false, identity,
                identityField, secretIdentity, uniqueFields, idWhenUnnamed);
    }

    KindSpec identity(String field) {
        return identity(Identity.FIELD, field);
    }

    KindSpec identity(Identity how, String field) {
        return new KindSpec(label, collection, adminPath, parentField, parentCollection, nestedSegment, putCreates, how,
                field, secretIdentity, uniqueFields, idWhenUnnamed);
    }

    KindSpec maskedIdentity() {
        return new KindSpec(label, collection, adminPath, parentField, parentCollection, nestedSegment, putCreates,
                identity, identityField, true, uniqueFields, idWhenUnnamed);
    }

    KindSpec unique(String... fields) {
        return new KindSpec(label, collection, adminPath, parentField, parentCollection, nestedSegment, putCreates,
                identity, identityField, secretIdentity, List.of(fields), idWhenUnnamed);
    }

    KindSpec identifiedByIdWhenUnnamed() {
        return new KindSpec(label, collection, adminPath, parentField, parentCollection, nestedSegment, putCreates,
                identity, identityField, secretIdentity, uniqueFields, true);
    }

    public boolean isNested() {
        return parentField != null;
    }
}
