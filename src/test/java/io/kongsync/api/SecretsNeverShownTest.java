package io.kongsync.api;

import io.kongsync.server.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kongsync.api.ServiceFixture.CONSUMER_KEY;
import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API token, the Kong admin token, a consumer key, an hmac-auth secret, an oauth2 client secret and a JWK's
 * private part from the files go through successful, failed and dry-run
 * syncs, every endpoint and every report format; none of them appears in a response, a log line or the history.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverShownTest {

    static final String ADMIN_TOKEN = "kong-admin-token-77e1c0";
    static final String HMAC_SECRET = "hmac-secret-41c7a9";
    static final String CLIENT_SECRET = "oauth2-secret-8d2e6f";
    static final String JWK_PRIVATE = "pgJHVtztij6xn6rsVNtJk7OCtPwNvo-Ry_j2Cj_g5bU";

    /** The secrets of the kinds Kong 3.9 added to kongsync's reach: hmac-auth, oauth2 and a JWK's private part. */
    static final String NEWER_KINDS = """
            _format_version: "3.0"
            consumers:
              - username: partner
                hmacauth_credentials:
                  - username: partner-hmac
                    secret: %s
                oauth2_credentials:
                  - name: partner-app
                    client_id: partner-client
                    client_secret: %s
            key_sets:
              - name: signing
            keys:
              - name: signing-jwk
                kid: signing-2026
                set: signing
                jwk: '{"kty":"EC","crv":"P-256","kid":"signing-2026","x":"lnnmbEV3qBsbM63QjIrnlSCU0fBwcVlM1dDszHytaxg","y":"e1lpydq2XIRSJDkziTX9jKrXpwX62KtvVyzlVEB1DKQ","d":"%s"}'
            """.formatted(HMAC_SECRET, CLIENT_SECRET, JWK_PRIVATE);

    @TempDir
    Path root;

    @Test
    void noSecretInAnyResponseLogLineOrHistoryRecord(CapturedOutput output) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ServiceFixture fixture = new ServiceFixture(root)) {
            Files.writeString(fixture.routes.resolve("partners.yaml"), NEWER_KINDS);
            Map<String, String> settings = fixture.settings();
            settings.put("kongsync.kong.admin-token", ADMIN_TOKEN);
            settings.put("kongsync.drift.interval", "100ms");
            try (RunningService service = ServiceFixture.idle(RunningService.start(settings))) {
                // a failure whose Kong error would quote the key: another consumer already holds it, untagged
                fixture.admin.delete("/consumers/mobile-app");
                fixture.admin.post("/consumers", Map.of("username", "squatter"));
                fixture.admin.post("/consumers/squatter/key-auth", Map.of("key", CONSUMER_KEY));
                String failed = service.call("POST", "/api/v1/syncs", TOKEN, "{}").header("Location");
                Map<String, Object> failedSync = awaitFinished(service, failed);
                assertThat(failedSync).containsEntry("state", "failed");
                seen.add(failedSync.toString());

                fixture.admin.delete("/consumers/squatter");
                String dry = service.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}").header("Location");
                awaitFinished(service, dry);
                String ok = service.call("POST", "/api/v1/syncs", TOKEN, "{}").header("Location");
                assertThat(awaitFinished(service, ok)).containsEntry("state", "succeeded");

                for (String location : List.of(failed, dry, ok)) {
                    for (String format : List.of("", "?format=text", "?format=json", "?format=markdown")) {
                        seen.add(service.get(location + format, TOKEN).body());
                    }
                }
                for (String format : List.of("text", "json", "markdown")) {
                    seen.add(service.get("/api/v1/plan?format=" + format, TOKEN).body());
                }
                seen.add(service.get("/api/v1/status", TOKEN).body());
                seen.add(service.get("/api/v1/syncs", TOKEN).body());
                seen.add(service.get("/api/v1/syncs", "wrong").body());
                seen.add(service.getManagement("/actuator/health").body());
                seen.add(service.getManagement("/actuator/prometheus").body());
                assertThat(fixture.admin.get("/key-auths").data()).singleElement()
                        .satisfies(key -> assertThat(key).containsEntry("key", CONSUMER_KEY));
                assertThat(fixture.admin.get("/hmac-auths").data()).singleElement()
                        .satisfies(hmac -> assertThat(hmac).containsEntry("secret", HMAC_SECRET));
                assertThat(fixture.admin.get("/oauth2").data()).singleElement()
                        .satisfies(app -> assertThat(app).containsEntry("client_secret", CLIENT_SECRET));
            }
            try (Stream<Path> files = Files.walk(fixture.dataDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    seen.add(Files.readString(file));
                }
            }
        }
        assertThat(output.getAll()).as("the logs were captured").contains("SyncCoordinator").contains("failed");
        seen.add(output.getAll());

        assertThat(String.join("\n", seen)).contains("(sensitive)").contains("failed")
                .doesNotContain(CONSUMER_KEY).doesNotContain(TOKEN).doesNotContain(ADMIN_TOKEN)
                .doesNotContain(HMAC_SECRET).doesNotContain(CLIENT_SECRET).doesNotContain(JWK_PRIVATE);
    }
}
