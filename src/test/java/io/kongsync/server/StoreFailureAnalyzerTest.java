package io.kongsync.server;

import io.kongsync.store.PostgresStore;
import io.kongsync.store.StoreSettings;
import io.kongsync.store.StoreUnreachable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A store unreachable at start stops the service with one clear paragraph naming the URL, never the password. */
class StoreFailureAnalyzerTest {

    @Test
    void theServiceDoesNotStartAndSaysWhichStoreItCouldNotReach() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/kongsync";

        Throwable failed = catchThrowableOfType(RuntimeException.class, () -> RunningService.start(Map.of(
                "kongsync.store.url", url, "kongsync.store.username", "kongsync",
                "kongsync.store.password", "never-shown-pw", "kongsync.store.timeout", "1s",
                "kongsync.sync-on-start", "false")));

        assertThat(failed).hasRootCauseInstanceOf(StoreUnreachable.class);
        FailureAnalysis analysis = new StoreFailureAnalyzer().analyze(failed);
        assertThat(analysis.getDescription()).startsWith("cannot connect to the store at " + url
                + " as user kongsync: ").doesNotContain("never-shown-pw");
        assertThat(analysis.getAction()).contains("kongsync.store.password");
    }

    @Test
    void itAnalysesOnlyStoreFailures() {
        assertThat(new StoreFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
        assertThatThrownBy(() -> PostgresStore.open(new StoreSettings("jdbc:postgresql://127.0.0.1:1/x", "u", "p",
                Duration.ofSeconds(1)), 10, Instant.now())).isInstanceOf(StoreUnreachable.class);
    }
}
