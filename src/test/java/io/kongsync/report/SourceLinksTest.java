package io.kongsync.report;

import io.kongsync.model.Origin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLinksTest {

    static final String COMMIT = "8b7f377c0ffee8b7f377c0ffee8b7f377c0ffee0";

    @Test
    void gitHubInEveryFormKongsyncFetchesIt() {
        for (String uri : new String[]{"https://github.com/acme/gateway.git", "https://github.com/acme/gateway",
                "git@github.com:acme/gateway.git", "ssh://git@github.com/acme/gateway.git", "https://GitHub.com/acme/gateway/"}) {
            assertThat(SourceLinks.forRemote(uri, COMMIT).url(new Origin("routes/nyan.yaml", 12, 1, ""))).as(uri)
                    .isEqualTo("https://github.com/acme/gateway/blob/" + COMMIT + "/routes/nyan.yaml#L12");
        }
    }

    @Test
    void gitLabWithSubgroupsAndBitbucketCloud() {
        assertThat(SourceLinks.forRemote("https://gitlab.com/acme/platform/gateway.git", COMMIT).url(new Origin("routes/nyan.yaml", 3, 1, "")))
                .isEqualTo("https://gitlab.com/acme/platform/gateway/-/blob/" + COMMIT + "/routes/nyan.yaml#L3");
        assertThat(SourceLinks.forRemote("git@bitbucket.org:acme/gateway.git", COMMIT).url(new Origin("routes/nyan.yaml", 3, 1, "")))
                .isEqualTo("https://bitbucket.org/acme/gateway/src/" + COMMIT + "/routes/nyan.yaml#lines-3");
    }

    @Test
    void aFileNameIsEncodedAndALeadingSlashDropped() {
        assertThat(SourceLinks.forRemote("https://github.com/acme/gateway", COMMIT).url(new Origin("/routes/a b#1.yaml", 0, 1, "")))
                .isEqualTo("https://github.com/acme/gateway/blob/" + COMMIT + "/routes/a%20b%231.yaml");
    }

    @Test
    void noLinkForOtherHostsLocalRepositoriesOrWithoutACommit() {
        for (String uri : new String[]{"https://git.example.com/acme/gateway.git", "file:///srv/git/gateway.git",
                "/srv/git/gateway.git", "https://github.com/acme", "https://github.com/acme/gateway/tree/main", "",
                null}) {
            assertThat(SourceLinks.forRemote(uri, COMMIT).url(new Origin("routes/nyan.yaml", 1, 1, ""))).as(uri).isNull();
        }
        assertThat(SourceLinks.forRemote("https://github.com/acme/gateway", null).url(new Origin("routes/nyan.yaml", 1, 1, "")))
                .isNull();
    }
}
