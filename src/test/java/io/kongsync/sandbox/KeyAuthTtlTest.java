package io.kongsync.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A key-auth credential written with a TTL counts down on the sandbox's clock and is gone once it runs out. */
class KeyAuthTtlTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2030-01-01T00:00:00.250Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final ManualClock CLOCK = new ManualClock();
    static Sandbox sandbox;
    static AdminClient kong;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withClock(CLOCK));
        kong = new AdminClient(sandbox.url());
        kong.post("/consumers", Map.of("username", "ttl-user"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aCredentialCountsDownAndDisappears() {
        var created = kong.post("/consumers/ttl-user/key-auth", Map.of("key", "short-lived", "ttl", 10));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("ttl", 9).containsEntry("created_at", 1893456000);

        CLOCK.advance(Duration.ofSeconds(4));
        assertThat(kong.get("/key-auths/short-lived").json()).containsEntry("ttl", 5);
        assertThat(kong.get("/consumers/ttl-user/key-auth").data()).extracting(row -> row.get("ttl")).containsExactly(5);

        CLOCK.advance(Duration.ofSeconds(6));
        assertThat(kong.get("/key-auths/short-lived").status()).isEqualTo(404);
        assertThat(kong.get("/key-auths").data()).isEmpty();
        assertThat(kong.post("/consumers/ttl-user/key-auth", Map.of("key", "short-lived")).status())
                .as("the expired key is free again").isEqualTo(201);
        kong.delete("/key-auths/short-lived");
    }

    @Test
    void patchSetsOrClearsTheTtlAndKeepsItWhenAbsent() {
        String id = (String) kong.post("/consumers/ttl-user/key-auth", Map.of("key", "patched")).json().get("id");

        assertThat(kong.patch("/key-auths/" + id, Map.of("ttl", 100)).json()).containsEntry("ttl", 99);
        assertThat(kong.patch("/key-auths/" + id, Map.of("tags", java.util.List.of("t"))).json()).containsEntry("ttl", 99);
        assertThat(kong.patch("/key-auths/" + id, Map.of("ttl", 0)).json()).containsEntry("ttl", null);
        assertThat(kong.put("/key-auths/" + id, Map.of("key", "patched", "consumer", Map.of("username", "ttl-user"),
                "ttl", 50)).json()).containsEntry("ttl", 49);
        assertThat(kong.put("/key-auths/" + id, Map.of("key", "patched", "consumer", Map.of("username", "ttl-user")))
                .json()).as("PUT without ttl clears it").containsEntry("ttl", null);
        kong.delete("/key-auths/" + id);
    }
}
