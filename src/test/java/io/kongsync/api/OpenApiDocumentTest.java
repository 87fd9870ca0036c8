package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml is what the service serves at /v3/api-docs.yaml. After an API change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dkongsync.openapi.write=true}.
 */
class OpenApiDocumentTest {

    static final Path CHECKED_IN = Path.of("docs", "openapi.yaml");

    @TempDir
    Path root;

    @Test
    void theCheckedInDescriptionIsTheServedOne() throws IOException {
        String served;
        try (ServiceFixture fixture = new ServiceFixture(root);
             RunningService service = RunningService.start(fixture.settings())) {
            RunningService.Reply reply = service.get("/v3/api-docs.yaml", null);
            assertThat(reply.status()).isEqualTo(200);
            served = reply.body().replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://localhost:8080");
        }
        if (Boolean.getBoolean("kongsync.openapi.write")) {
            Files.writeString(CHECKED_IN, served);
        }
        assertThat(served).contains("/api/v1/webhooks/{provider}").contains("bearer");
        assertThat(Files.readString(CHECKED_IN)).as("docs/openapi.yaml is stale: regenerate it (see this test's "
                + "comment)").isEqualTo(served);
    }
}
