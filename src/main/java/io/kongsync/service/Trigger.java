package io.kongsync.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What started a sync. {@code start} is the reconciliation every start of the service makes; {@code pull-request} the
 * dry run of a pull request's head, reported back on the pull request.
 */
public enum Trigger {
    WEBHOOK, API, SCHEDULE, START, PULL_REQUEST;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Trigger of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
