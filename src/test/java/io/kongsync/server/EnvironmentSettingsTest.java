package io.kongsync.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment-variable names the README and infra-terraform give are the ones Spring binds. */
class EnvironmentSettingsTest {

    @Test
    void theDocumentedEnvironmentVariablesBindToTheSettings() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("KONGSYNC_GIT_URI", "https://git.example.com/platform/routes.git");
        env.put("KONGSYNC_GIT_BRANCH", "release");
        env.put("KONGSYNC_GIT_PATH", "kong/routes");
        env.put("KONGSYNC_GIT_USERNAME", "bot");
        env.put("KONGSYNC_GIT_PASSWORD", "git-token");
        env.put("KONGSYNC_GIT_SSH_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----");
        env.put("KONGSYNC_GIT_SSH_KNOWN_HOSTS", "git.example.com ssh-rsa AAAA");
        env.put("KONGSYNC_KONG_ADMIN_URL", "http://kong-admin.ecs.local:8001");
        env.put("KONGSYNC_KONG_ADMIN_TOKEN", "admin-token");
        env.put("KONGSYNC_KONG_DISCOVERY_NAMESPACE", "ecs.local");
        env.put("KONGSYNC_KONG_DISCOVERY_SERVICE", "kong-admin");
        env.put("KONGSYNC_AWS_REGION", "eu-west-1");
        env.put("KONGSYNC_AWS_ENDPOINT", "http://localstack:4566");
        env.put("KONGSYNC_API_TOKEN", "api-token");
        env.put("KONGSYNC_WEBHOOK_GITHUB_SECRET", "gh");
        env.put("KONGSYNC_WEBHOOK_GITLAB_TOKEN", "gl");
        env.put("KONGSYNC_WEBHOOK_BITBUCKET_SECRET", "bb");
        env.put("KONGSYNC_DRIFT_INTERVAL", "1m");
        env.put("KONGSYNC_DRIFT_AUTO_CORRECT", "true");
        env.put("KONGSYNC_SYNC_ON_START", "false");
        env.put("KONGSYNC_DATA_DIR", "/var/lib/kongsync");
        env.put("KONGSYNC_SHUTDOWN_WAIT", "25s");
        env.put("KONGSYNC_SYNC_ALLOW_EMPTY", "true");
        env.put("KONGSYNC_SYNC_MAX_CONCURRENT_DRY_RUNS", "3");
        env.put("KONGSYNC_SYNC_MAX_WAITING_DRY_RUNS", "7");
        env.put("KONGSYNC_STORE_URL", "jdbc:postgresql://kongsync-db.example.com:5432/kongsync");
        env.put("KONGSYNC_STORE_USERNAME", "kongsync");
        env.put("KONGSYNC_STORE_PASSWORD", "store-password");
        env.put("KONGSYNC_STORE_TIMEOUT", "3s");
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", env));

        KongsyncProperties p = new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("kongsync", KongsyncProperties.class);

        assertThat(p.git().uri()).isEqualTo("https://git.example.com/platform/routes.git");
        assertThat(p.git().branch()).isEqualTo("release");
        assertThat(p.git().path()).isEqualTo("kong/routes");
        assertThat(p.git().username()).isEqualTo("bot");
        assertThat(p.git().password()).isEqualTo("git-token");
        assertThat(p.git().sshPrivateKey()).startsWith("-----BEGIN");
        assertThat(p.git().sshKnownHosts()).startsWith("git.example.com");
        assertThat(p.kong().adminUrl()).isEqualTo(URI.create("http://kong-admin.ecs.local:8001"));
        assertThat(p.kong().adminToken()).isEqualTo("admin-token");
        assertThat(p.kong().discovery().namespace()).isEqualTo("ecs.local");
        assertThat(p.kong().discovery().service()).isEqualTo("kong-admin");
        assertThat(p.aws().region()).isEqualTo("eu-west-1");
        assertThat(p.aws().endpoint()).isEqualTo(URI.create("http://localstack:4566"));
        assertThat(p.api().token()).isEqualTo("api-token");
        assertThat(p.webhook().githubSecret()).isEqualTo("gh");
        assertThat(p.webhook().gitlabToken()).isEqualTo("gl");
        assertThat(p.webhook().bitbucketSecret()).isEqualTo("bb");
        assertThat(p.drift().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.drift().autoCorrect()).isTrue();
        assertThat(p.syncOnStart()).isFalse();
        assertThat(p.dataDir()).hasToString("/var/lib/kongsync");
        assertThat(p.shutdownWait()).isEqualTo(Duration.ofSeconds(25));
        assertThat(p.sync().allowEmpty()).isTrue();
        assertThat(p.sync().maxConcurrentDryRuns()).isEqualTo(3);
        assertThat(p.sync().maxWaitingDryRuns()).isEqualTo(7);
        assertThat(p.store().url()).isEqualTo("jdbc:postgresql://kongsync-db.example.com:5432/kongsync");
        assertThat(p.store().username()).isEqualTo("kongsync");
        assertThat(p.store().password()).isEqualTo("store-password");
        assertThat(p.store().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.store().configured()).isTrue();
        assertThat(p.toString()).doesNotContain("git-token", "admin-token", "api-token", "gh,", "BEGIN",
                "store-password");
    }
}
