package io.kongsync.sync;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kongsync.file.ReadOptions;
import io.kongsync.kong.KongClient;
import io.kongsync.kong.KongSettings;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Kong's answers that quote a substituted value are masked by the desired state's policy, also when they end the
 * plan as an error: WireMock sits in front of the sandbox and answers the plugin check itself.
 */
class KongAnswersMaskedTest {

    static final String SECRET = "tok-S3cr3t-8d1e";

    @TempDir
    Path dir;

    Sandbox sandbox;
    WireMockServer proxy;
    KongClient kong;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        proxy = new WireMockServer(options().dynamicPort());
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(sandbox.url().toString())));
        kong = KongClient.create(KongSettings.of(URI.create(proxy.baseUrl())));
    }

    @AfterEach
    void stop() {
        kong.close();
        proxy.stop();
        sandbox.close();
    }

    @Test
    void anErrorThatEndsThePlanIsMasked() throws IOException {
        proxy.stubFor(post(urlPathEqualTo("/schemas/plugins/validate")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"header 'x-token:" + SECRET + "' is not allowed here\"}")));
        StateLoader.Loaded files = load();

        Throwable failure = catchThrowable(() -> new Syncer(kong, SyncOptions.defaults())
                .sync(files.state(), files.selectTags()).block());

        assertThat(failure).hasMessageContaining("403").hasMessageContaining("header '(sensitive)' is not allowed")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aRejectedPluginConfigIsMasked() throws IOException {
        proxy.stubFor(post(urlPathEqualTo("/schemas/plugins/validate")).atPriority(1).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (config.add"
                        + ".headers.1: 'x-token:" + SECRET + "' is not allowed)\"}")));
        StateLoader.Loaded files = load();

        Syncer.Planned planned = new Syncer(kong, SyncOptions.defaults()).plan(files.state(), files.selectTags())
                .block();

        assertThat(planned.diagnostics()).singleElement().asString()
                .contains("Kong rejects this plugin").contains("'(sensitive)' is not allowed").doesNotContain(SECRET);
    }

    private StateLoader.Loaded load() throws IOException {
        Path file = Files.writeString(dir.resolve("a.yaml"), """
                _format_version: "3.0"
                plugins:
                  - name: request-transformer
                    config:
                      add:
                        headers: ['x-token:${{ env "DECK_TOKEN" }}']
                """);
        StateLoader.Loaded files = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(),
                ReadOptions.defaults().withEnvironment(Map.of("DECK_TOKEN", SECRET)::get));
        assertThat(files.diagnostics()).isEmpty();
        return files;
    }
}
