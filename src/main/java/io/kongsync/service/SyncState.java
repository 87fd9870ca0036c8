package io.kongsync.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a sync is: {@code queued}, {@code running}, then {@code succeeded} or {@code failed}. */
public enum SyncState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SyncState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
