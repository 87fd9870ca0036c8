package io.kongsync.api;

import io.kongsync.report.ReportFormat;
import org.springframework.http.MediaType;

/** The {@code format} query parameter: {@code text}, {@code json} or {@code markdown}, and their media types. */
final class ReportFormats {

    static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    static final MediaType MARKDOWN = new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8);

    private ReportFormats() {
    }

    static ReportFormat parse(String format) {
        try {
            return ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new Problems.BadRequest(e.getMessage());
        }
    }

    static MediaType mediaType(ReportFormat format) {
        return switch (format) {
            case JSON -> MediaType.APPLICATION_JSON;
            case MARKDOWN -> MARKDOWN;
            default -> TEXT;
        };
    }
}
