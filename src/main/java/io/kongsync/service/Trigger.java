package io.kongsync.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What started a sync. {@code start} is the reconciliation every start of the service makes. */
public enum Trigger {
    WEBHOOK, API, SCHEDULE, START;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Trigger of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
