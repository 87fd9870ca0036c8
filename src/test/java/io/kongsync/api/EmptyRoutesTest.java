package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/** A routes directory that lost its files is a problem of the files, not a request to delete everything. */
class EmptyRoutesTest {

    @TempDir
    Path root;

    @Test
    void aSyncOfAnEmptyRoutesDirectoryFailsAndChangesNothing() throws IOException {
        try (ServiceFixture fixture = new ServiceFixture(root);
             RunningService service = ServiceFixture.idle(RunningService.start(fixture.settings()))) {
            assertThat(fixture.admin.get("/services").data()).hasSize(1);
            Files.delete(fixture.routes.resolve("nyan.yaml"));

            String location = service.call("POST", "/api/v1/syncs", TOKEN, "{}").header("Location");
            Map<String, Object> sync = awaitFinished(service, location);

            assertThat(sync).containsEntry("state", "failed");
            assertThat(sync.get("problems")).asInstanceOf(LIST)
                    .singleElement().asString()
                    .startsWith("routes: holds no route files")
                    .contains("an empty source is refused");
            assertThat(fixture.admin.get("/services").data()).as("nothing was deleted").hasSize(1);
            assertThat(service.get("/api/v1/plan", TOKEN).status()).isEqualTo(422);
        }
    }

    @Test
    void withAllowEmptyAnEmptyRoutesDirectoryIsAPlanLikeAnyOther() throws IOException {
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.sync.allow-empty", "true");
            try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
                Files.delete(fixture.routes.resolve("nyan.yaml"));

                assertThat(service.get("/api/v1/plan", TOKEN).status()).isEqualTo(200);
            }
        }
    }
}
