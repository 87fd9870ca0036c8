package io.kongsync.sandbox;

/**
 * A foreign key of an entity type: the field, the referenced collection, what deleting the parent does, and whether
 * Kong serves the parent at {@code /E/{e}/field} (it disables {@code /snis/{s}/certificate}).
 */
record Reference(String field, String parent, OnDelete onDelete, boolean parentEndpoint) {

    enum OnDelete { CASCADE, RESTRICT }

    Reference(String field, String parent, OnDelete onDelete) {
        this(field, parent, onDelete, true);
    }

    /** The same key without its {@code /E/{e}/field} endpoint. */
    Reference withoutParentEndpoint() {
        return new Reference(field, parent, onDelete, false);
    }
}
