package io.kongsync.sandbox;

/** One served Admin API request: its method, path (with the query string) and response status. */
public record SandboxRequest(String method, String path, int status) {
}
