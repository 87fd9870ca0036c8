package io.kongsync.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials reach the server and never the messages. */
class CredentialsTest {

    private static final String TOKEN = "ghp_Z9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9eD8c";

    @TempDir
    Path temp;

    private WireMockServer server;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"git\"")
                .withBody("HTTP Basic: Access denied")));
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private static String everything(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out + " " + error;
    }

    @Test
    void httpCredentialsAreSentAndARefusalSaysNotAuthorizedWithoutTheToken() {
        String uri = "http://localhost:" + server.port() + "/acme/routes.git";
        GitSettings settings = GitSettings.of(uri, temp.resolve("git")).withCredentials("x-access-token", TOKEN);

        SourceException error;
        try (GitRouteSource source = new GitRouteSource(settings)) {
            error = catchThrowableOfType(SourceException.class, () -> source.checkout(null));
        }

        assertThat(error.getMessage())
                .startsWith("fetch from " + uri + " failed: ")
                .containsIgnoringCase("not authorized");
        assertThat(everything(error)).doesNotContain(TOKEN).doesNotContain("x-access-token:");
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.verify(getRequestedFor(urlPathEqualTo("/acme/routes.git/info/refs"))
                .withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void credentialsInTheUriAreUsedButNeverShown() {
        String shown = "http://localhost:" + server.port() + "/acme/routes.git";
        String uri = "http://deploy-bot:" + TOKEN + "@localhost:" + server.port() + "/acme/routes.git";
        GitSettings settings = GitSettings.of(uri, temp.resolve("git"));

        SourceException error;
        try (GitRouteSource source = new GitRouteSource(settings)) {
            assertThat(source.info().uri()).isEqualTo(shown);
            error = catchThrowableOfType(SourceException.class, () -> source.checkout(null));
        }

        assertThat(error.getMessage()).startsWith("fetch from " + shown + " failed: ");
        assertThat(everything(error)).doesNotContain(TOKEN).doesNotContain("deploy-bot");
        assertThat(settings.toString()).doesNotContain(TOKEN).contains(shown);
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("deploy-bot:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.verify(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void anUnreachableServerGivesTheReasonWithoutUserInfo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "https://alice:" + TOKEN + "@127.0.0.1:" + closedPort + "/acme/routes.git";
        GitSettings settings = GitSettings.of(uri, temp.resolve("git")).withTimeout(Duration.ofSeconds(5));

        SourceException error;
        try (GitRouteSource source = new GitRouteSource(settings)) {
            error = catchThrowableOfType(SourceException.class, () -> source.checkout(null));
        }

        assertThat(error.getMessage())
                .startsWith("fetch from https://127.0.0.1:" + closedPort + "/acme/routes.git failed: ")
                .containsIgnoringCase("connect");
        assertThat(everything(error)).doesNotContain(TOKEN).doesNotContain("alice");
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        String uri = "http://localhost:" + server.port() + "/slow.git";
        GitSettings settings = GitSettings.of(uri, temp.resolve("git")).withTimeout(Duration.ofSeconds(1));

        try (GitRouteSource source = new GitRouteSource(settings)) {
            SourceException error = catchThrowableOfType(SourceException.class, () -> source.checkout(null));

            assertThat(error.getMessage()).isEqualTo("fetch from " + uri + " failed: timed out after 1 s");
        }
    }

    @Test
    void aLocalPathThatIsNotARepositoryIsAFetchFailure() {
        Path missing = temp.resolve("nowhere.git");
        try (GitRouteSource source = new GitRouteSource(GitSettings.of(missing.toString(), temp.resolve("git")))) {
            SourceException error = catchThrowableOfType(SourceException.class, () -> source.checkout(null));

            assertThat(error.getMessage()).isEqualTo("fetch from " + missing + " failed: not found.");
        }
    }

    @Test
    void redactionRemovesUserInfoAndEverySecretForm() {
        RemoteUri remote = RemoteUri.parse("https://tok:en-secret@git.example.com/r.git", null, null);

        assertThat(remote.display()).isEqualTo("https://git.example.com/r.git");
        assertThat(remote.fetchUri()).isEqualTo("https://git.example.com/r.git");
        assertThat(remote.redact("https://tok:en-secret@git.example.com/r.git: en-secret rejected"))
                .isEqualTo("https://git.example.com/r.git: **** rejected");
        assertThat(RemoteUri.parse("git@github.com:acme/routes.git", null, null).display())
                .as("the SSH login name is not a secret").isEqualTo("git@github.com:acme/routes.git");
        assertThat(RemoteUri.parse("ssh://git:pw123@host:2222/r.git", null, null).display())
                .isEqualTo("ssh://git@host:2222/r.git");
        assertThat(RemoteUri.parse("https://only-a-token@git.example.com/r.git", null, null)
                .redact("rejected only-a-token")).isEqualTo("rejected ****");
    }
}
