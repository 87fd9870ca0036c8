package io.kongsync.sandbox;

/** DB-less {@code /config} (kong-admin-api.md 4). */
final class DeclarativeConfig {

    private final SandboxState state;

    DeclarativeConfig(SandboxState state) {
        this.state = state;
    }

    Response handle(Request req) {
        throw ApiError.methodNotAllowed();
    }
}
