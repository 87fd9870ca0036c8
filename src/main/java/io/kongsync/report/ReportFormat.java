package io.kongsync.report;

import java.util.Locale;

/** The formats a plan can be reported in. */
public enum ReportFormat {
    /** A Terraform-like plan for a terminal. */
    TEXT,
    /** A stable document for machines; see docs/report-json.md. */
    JSON,
    /** A pull-request comment. */
    MARKDOWN;

    /** Parses {@code text}, {@code json} or {@code markdown} (any case). */
    public static ReportFormat parse(String value) {
        if (value != null) {
            for (ReportFormat f : values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown report format '" + value + "'; expected one of text, json, markdown");
    }

    /** The name users type, e.g. {@code markdown}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
