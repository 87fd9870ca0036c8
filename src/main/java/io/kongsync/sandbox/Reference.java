package io.kongsync.sandbox;

/** A foreign key of an entity type: the field, the referenced collection, and what deleting the parent does. */
record Reference(String field, String parent, OnDelete onDelete) {

    enum OnDelete { CASCADE, RESTRICT }
}
