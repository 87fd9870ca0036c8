package io.kongsync.schema;

/** Kong schema field types (kong/db/schema). */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, SET, MAP, RECORD, FOREIGN,
    /** Any JSON value, taken as written (custom plugins' config). */
    ANY
}
