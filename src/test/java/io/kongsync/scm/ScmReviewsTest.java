package io.kongsync.scm;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScmReviewsTest extends ScmWireMock {

    private static final Review REVIEW = success("## kongsync plan\n", REPORT);

    @Test
    void aProviderWithoutATokenIsOneProblemAndNoCall() {
        ScmSettings settings = settings()
                .withGitHub(new ScmSettings.GitHub(null, base("/api/v3"), "12345", null, null))
                .withGitLab(new ScmSettings.GitLab(" ", base("/api/v4")))
                .withBitbucket(new ScmSettings.Bitbucket(null, "someone", base("/bitbucket")));
        PullRequestReviews reviews = ScmReviews.from(settings);

        assertThat(reviews.publish(pr(ScmApi.GITHUB), REVIEW).problems())
                .containsExactly("no token for GitHub: set kongsync.scm.github.token");
        assertThat(reviews.pending(pr(ScmApi.GITLAB)).problems())
                .containsExactly("no token for GitLab: set kongsync.scm.gitlab.token");
        assertThat(reviews.publish(pr(ScmApi.BITBUCKET_CLOUD), REVIEW).problems())
                .containsExactly("no token for Bitbucket: set kongsync.scm.bitbucket.token");
        assertThat(reviews.publish(pr(ScmApi.BITBUCKET_DATA_CENTER), REVIEW).problems())
                .containsExactly("no token for Bitbucket Data Center: set kongsync.scm.bitbucket.token");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void bitbucketDataCenterNeedsItsAddress() {
        PullRequestReviews reviews = ScmReviews.from(settings().withBitbucket(ScmSettings.Bitbucket.token("t0ken")));

        assertThat(reviews.pending(pr(ScmApi.BITBUCKET_DATA_CENTER)).problems()).containsExactly(
                "no address for Bitbucket Data Center: set kongsync.scm.bitbucket.api-url to the server's base address");
    }

    @Test
    void aRepositoryNameOfTheWrongShapeIsAProblem() {
        PullRequestReviews reviews = ScmReviews.from(settings().withGitHub(ScmSettings.GitHub.token("t0ken")
                .withApiUrl(base(""))));
        PullRequest pr = new PullRequest(ScmApi.GITHUB, "just-a-name", 1, HEAD, null, null);

        assertThat(reviews.publish(pr, REVIEW).problems()).containsExactly(
                "the repository 'just-a-name' is not owner/name");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void settingsNeverPrintASecret() {
        ScmSettings settings = new ScmSettings(
                new ScmSettings.GitHub("ghp_aaaaaaaa", null, "12345", "-----BEGIN RSA PRIVATE KEY-----\nabc", 77L),
                ScmSettings.GitLab.token("glpat-bbbbbbbb"),
                new ScmSettings.Bitbucket("app-password-cccc", "bot", URI.create("https://bitbucket.example.com/")),
                null, null, null);

        String text = settings.toString();

        assertThat(text).doesNotContain("ghp_aaaaaaaa", "glpat-bbbbbbbb", "app-password-cccc", "PRIVATE KEY", "abc")
                .contains("token=(set)", "appPrivateKey=(set)", "username=bot", "appId=12345",
                        "apiUrl=https://bitbucket.example.com]", "apiUrl=https://api.github.com");
        assertThat(ScmSettings.defaults().toString()).contains("token=(not set)");
    }

    @Test
    void defaultsAreThePublicServicesAndShortWaits() {
        ScmSettings defaults = ScmSettings.defaults();

        assertThat(defaults.github().apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(defaults.gitlab().apiUrl()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(defaults.bitbucket().apiUrl()).isEqualTo(URI.create("https://api.bitbucket.org/2.0"));
        assertThat(defaults.bitbucket().cloudAddress()).isTrue();
        assertThat(defaults.retry()).isEqualTo(new ScmSettings.Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingButNoCredentials() {
        assertThatThrownBy(() -> ScmSettings.GitLab.token("x").withApiUrl(URI.create("ftp://gitlab.example.com")))
                .hasMessage("kongsync.scm.gitlab.api-url must be an http or https URL, was ftp://gitlab.example.com");
        assertThatThrownBy(() -> ScmSettings.GitHub.token("x").withApiUrl(URI.create("https://me:pw@ghe.example.com/api/v3")))
                .hasMessage("kongsync.scm.github.api-url must be a plain address without user, query or fragment");
        assertThatThrownBy(() -> new ScmSettings.Retry(0, null, null))
                .hasMessage("kongsync.scm.retry.attempts must be at least 1, was 0");
        assertThatThrownBy(() -> ScmSettings.defaults().withTimeouts(Duration.ZERO, null))
                .hasMessage("kongsync.scm.connect-timeout must be positive, was PT0S");
    }

    private PullRequest pr(ScmApi api) {
        return new PullRequest(api, "acme/kong-routes", 3, HEAD, null, null);
    }
}
