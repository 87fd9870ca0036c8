package io.kongsync.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPathTest {

    @Test
    void keyAuthKeysInPathsAreMasked() {
        assertThat(LoggedPath.of("/key-auths/top-secret")).isEqualTo("/key-auths/(sensitive)");
        assertThat(LoggedPath.of("/consumers/bob/key-auth/top-secret?x=1")).isEqualTo("/consumers/bob/key-auth/(sensitive)?x=1");
        assertThat(LoggedPath.of("/consumers/bob/key-auth")).isEqualTo("/consumers/bob/key-auth");
        assertThat(LoggedPath.of("/services/key-auth")).isEqualTo("/services/key-auth");
    }
}
