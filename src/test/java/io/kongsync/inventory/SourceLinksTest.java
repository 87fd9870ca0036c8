package io.kongsync.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLinksTest {

    static final String COMMIT = "8b7f377c0ffee8b7f377c0ffee8b7f377c0ffee0";

    @Test
    void gitHubInEveryFormKongsyncFetchesIt() {
        for (String uri : new String[]{"https://github.com/acme/gateway.git", "https://github.com/acme/gateway",
                "git@github.com:acme/gateway.git", "ssh://git@github.com/acme/gateway.git", "https://GitHub.com/acme/gateway/"}) {
            assertThat(SourceLinks.forRepository(uri).url(COMMIT, "routes/nyan.yaml", 12)).as(uri)
                    .isEqualTo("https://github.com/acme/gateway/blob/" + COMMIT + "/routes/nyan.yaml#L12");
        }
    }

    @Test
    void gitLabWithSubgroupsAndBitbucketCloud() {
        assertThat(SourceLinks.forRepository("https://gitlab.com/acme/platform/gateway.git")
                .url(COMMIT, "routes/nyan.yaml", 3))
                .isEqualTo("https://gitlab.com/acme/platform/gateway/-/blob/" + COMMIT + "/routes/nyan.yaml#L3");
        assertThat(SourceLinks.forRepository("git@bitbucket.org:acme/gateway.git").url(COMMIT, "routes/nyan.yaml", 3))
                .isEqualTo("https://bitbucket.org/acme/gateway/src/" + COMMIT + "/routes/nyan.yaml#lines-3");
    }

    @Test
    void aFileNameIsEncodedAndALeadingSlashDropped() {
        assertThat(SourceLinks.forRepository("https://github.com/acme/gateway").url(COMMIT, "/routes/a b#1.yaml", 0))
                .isEqualTo("https://github.com/acme/gateway/blob/" + COMMIT + "/routes/a%20b%231.yaml");
    }

    @Test
    void noLinkForOtherHostsLocalRepositoriesOrWithoutACommit() {
        for (String uri : new String[]{"https://git.example.com/acme/gateway.git", "file:///srv/git/gateway.git",
                "/srv/git/gateway.git", "https://github.com/acme", "https://github.com/acme/gateway/tree/main", "",
                null}) {
            assertThat(SourceLinks.forRepository(uri).url(COMMIT, "routes/nyan.yaml", 1)).as(uri).isNull();
        }
        assertThat(SourceLinks.forRepository("https://github.com/acme/gateway").url(null, "routes/nyan.yaml", 1))
                .isNull();
    }
}
