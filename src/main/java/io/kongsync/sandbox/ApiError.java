package io.kongsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Admin API error answer: a status and Kong's JSON body. Thrown by handlers, rendered by the router. */
final class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;
    private java.util.List<io.kongsync.schema.FieldError> fieldErrors = java.util.List.of();
    private String html;

    ApiError(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("message")), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }

    /** The schema errors behind a schema violation, empty for other errors. */
    java.util.List<io.kongsync.schema.FieldError> fieldErrors() {
        return fieldErrors;
    }

    ApiError withFieldErrors(java.util.List<io.kongsync.schema.FieldError> errors) {
        this.fieldErrors = java.util.List.copyOf(errors);
        return this;
    }

    static ApiError message(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return new ApiError(status, body);
    }

    static ApiError notFound() {
        return message(404, "Not found");
    }

    static ApiError methodNotAllowed() {
        return message(405, "Method not allowed");
    }

    /**
     * 415: Kong exits without a body, so nginx answers with its own error page (OpenResty's, server tokens off), as
     * HTML rather than JSON.
     */
    static ApiError unsupportedMediaType() {
        ApiError error = message(415, "Unsupported media type");
        error.html = "<html>\r\n<head><title>415 Unsupported Media Type</title></head>\r\n<body>\r\n"
                + "<center><h1>415 Unsupported Media Type</h1></center>\r\n<hr><center>openresty</center>\r\n"
                + "</body>\r\n</html>\r\n";
        return error;
    }

    /** The answer as it goes on the wire: nginx's HTML page, or Kong's JSON body. */
    Response response() {
        return html != null ? Response.html(status, html) : Response.of(status, body);
    }

    static ApiError badJson() {
        return message(400, "Cannot parse JSON body");
    }

    /** A DAO error body ({@code kong/db/errors.lua}): code, name, message and, when given, fields. */
    static ApiError dao(int status, int code, String name, String message, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("message", message);
        if (fields != null) {
            body.put("fields", fields);
        }
        return new ApiError(status, body);
    }

    static ApiError options(String option, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 11);
        body.put("name", "invalid options");
        body.put("message", "invalid option (" + option + ": " + detail + ")");
        body.put("options", new LinkedHashMap<>(Map.of(option, detail)));
        return new ApiError(400, body);
    }
}
