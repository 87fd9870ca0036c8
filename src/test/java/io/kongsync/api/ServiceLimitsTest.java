package io.kongsync.api;

import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import io.kongsync.testsupport.Interfaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each test starts its own service (one at a time: closing a service releases Reactor Netty's shared event loops):
 * the management port's binding, the bound on dry runs, an unwritable history.
 */
class ServiceLimitsTest {

    @Test
    void withoutATokenTheManagementPortListensOnLoopbackOnly(@TempDir Path other) throws IOException {
        InetAddress outside = Interfaces.nonLoopbackAddress();
        try (ServiceFixture second = new ServiceFixture(other)) {
            Map<String, String> settings = second.settings();
            settings.remove("kongsync.api.token");
            try (RunningService open = RunningService.start(settings)) {
                int port = open.managementUrl().getPort();
                assertThat(open.getManagement("/actuator/health").status()).isEqualTo(200);
                if (outside != null) {
                    try (Socket socket = new Socket()) {
                        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, port), 2000))
                                .isInstanceOf(IOException.class);
                    }
                }
            }
        }
        try (ServiceFixture third = new ServiceFixture(other.resolve("with-token"));
             RunningService withToken = RunningService.start(third.settings())) {
            if (outside != null) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(outside, withToken.managementUrl().getPort()), 2000);
                    assertThat(socket.isConnected()).as("with a token it serves every interface, for the ALB")
                            .isTrue();
                }
            }
        }
    }

    @Test
    void dryRunsBeyondTheLimitAreRefusedWith429AndRetryAfter(@TempDir Path other) {
        try (ServiceFixture slow = new ServiceFixture(other, SandboxOptions.defaults()
                .withLatency(Duration.ofMillis(400)))) {
            Map<String, String> settings = slow.settings();
            settings.put("kongsync.sync.max-concurrent-dry-runs", "1");
            settings.put("kongsync.sync.max-waiting-dry-runs", "1");
            try (RunningService limited = ServiceFixture.idle(RunningService.start(settings))) {
                List<RunningService.Reply> replies = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    replies.add(limited.call("POST", "/api/v1/syncs", TOKEN, "{\"dryRun\":true}"));
                }
                RunningService.Reply plan = limited.get("/api/v1/plan", TOKEN);

                assertThat(replies).extracting(RunningService.Reply::status).containsExactly(202, 202, 429, 429);
                assertThat(json(replies.get(0).body())).containsEntry("state", "running");
                assertThat(json(replies.get(1).body())).containsEntry("state", "queued");
                assertThat(replies.get(2).header("Retry-After")).isEqualTo("10");
                assertThat(replies.get(2).header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(plan.status()).isEqualTo(429);
                assertThat(awaitFinished(limited, replies.get(1).header("Location"))).containsEntry("state",
                        "succeeded");
                assertThat(limited.get("/api/v1/plan", TOKEN).status()).as("a turn is free again").isEqualTo(200);
            }
        }
    }

    @Test
    void anUnwritableHistoryRefusesASyncCleanlyAndTheNextOneRunsOnceItIsWritable(@TempDir Path other)
            throws IOException {
        try (ServiceFixture own = new ServiceFixture(other)) {
            try (RunningService running = ServiceFixture.idle(RunningService.start(own.settings()))) {
                Path history = own.dataDir.resolve("history.jsonl");
                Path saved = own.dataDir.resolve("history.saved");
                Files.move(history, saved);
                Files.createDirectory(history);

                int historyBefore = ((Number) json(running.get("/api/v1/syncs", TOKEN).body()).get("total"))
                        .intValue();
                RunningService.Reply refused = running.call("POST", "/api/v1/syncs", TOKEN, "{}");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(json(refused.body()).get("detail").toString()).contains("history cannot be written");
                Map<String, Object> status = json(running.get("/api/v1/status", TOKEN).body());
                assertThat(status).containsEntry("running", null).containsEntry("queued", null);
                assertThat(status.get("historyWriteFailure")).isNotNull();
                assertThat(json(running.get("/api/v1/syncs", TOKEN).body())).as("no phantom record")
                        .containsEntry("total", historyBefore);

                Files.delete(history);
                Files.move(saved, history);
                RunningService.Reply accepted = running.call("POST", "/api/v1/syncs", TOKEN, "{}");
                assertThat(accepted.status()).isEqualTo(202);
                assertThat(awaitFinished(running, accepted.header("Location"))).containsEntry("state", "succeeded");
                assertThat(json(running.get("/api/v1/status", TOKEN).body())).containsEntry("historyWriteFailure",
                        null);
            }
        }
    }
}
