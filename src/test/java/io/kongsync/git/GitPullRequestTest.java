package io.kongsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull requests' heads fetched as the providers keep them: pull refs (forks included) and Bitbucket Cloud forks. */
class GitPullRequestTest {

    @TempDir
    Path temp;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closed(T thing) {
        closing.add(thing);
        return thing;
    }

    private GitRouteSource source(String uri) {
        return closed(new GitRouteSource(GitSettings.of(uri, temp.resolve("data/git"))));
    }

    @Test
    void aForksHeadIsFetchedFromThePullRefAndComparedWithWhereItBranchedOff() throws Exception {
        TestRepo base = closed(TestRepo.create(temp.resolve("base")));
        String branchPoint = base.commit("routes", "routes/a.yaml", "a", "README.md", "readme");
        TestRepo fork = closed(base.fork(temp.resolve("fork/origin.git"), temp.resolve("fork/work")));
        String head = fork.commit("add b", "routes/b.yaml", "b");
        fork.pushHeadTo(base.uri(), "refs/pull/12/head");
        // the base branch moves on after the fork branched off: its changes are not the pull request's
        base.commit("main moves on", "routes/a.yaml", "a2");
        GitRouteSource source = source(base.uri());

        String fetched = source.fetchPullRequest(new PullRequestHead("refs/pull/12/head", null, head));

        assertThat(fetched).isEqualTo(head);
        assertThat(source.mergeBase(head)).isEqualTo(branchPoint);
        assertThat(source.routesChanged(branchPoint, head)).isTrue();
        Snapshot snapshot = source.checkout(head);
        assertThat(Files.readString(snapshot.routes().resolve("b.yaml"))).isEqualTo("b");
        assertThat(Files.readString(snapshot.routes().resolve("a.yaml"))).isEqualTo("a");
    }

    @Test
    void aPullRequestThatChangesNoRouteFileDoesNotTouchTheRoutesEvenWhenTheBaseChangedThem() throws Exception {
        TestRepo base = closed(TestRepo.create(temp.resolve("base")));
        base.commit("routes", "routes/a.yaml", "a");
        base.newBranch("docs");
        String head = base.commit("docs only", "README.md", "more docs");
        base.pushHeadTo(base.uri(), "refs/pull/3/head");
        base.switchTo("main");
        base.commit("main changes routes", "routes/a.yaml", "a2");
        GitRouteSource source = source(base.uri());

        String fetched = source.fetchPullRequest(new PullRequestHead("refs/pull/3/head", null, head));

        assertThat(source.routesChanged(source.mergeBase(fetched), fetched)).isFalse();
    }

    @Test
    void aBitbucketCloudForkIsFetchedFromItsRepositoryOnTheSameHostAndItsAbbreviatedHeadResolved() throws Exception {
        TestRepo base = closed(TestRepo.create(temp.resolve("host/platform/routes.git"), temp.resolve("base-work")));
        base.commit("routes", "routes/a.yaml", "a");
        TestRepo fork = closed(base.fork(temp.resolve("host/ada/routes.git"), temp.resolve("fork-work")));
        fork.newBranch("orders");
        String head = fork.commit("orders", "routes/orders.yaml", "orders");
        fork.push();
        GitRouteSource source = source(base.uri());

        String fetched = source.fetchPullRequest(new PullRequestHead("refs/heads/orders", "ada/routes",
                head.substring(0, 12)));

        assertThat(fetched).isEqualTo(head);
        assertThat(Files.readString(source.checkout(fetched).routes().resolve("orders.yaml"))).isEqualTo("orders");
    }

    @Test
    void aHeadThatIsNotThereAnyMoreIsASourceErrorNamingTheRef() throws Exception {
        TestRepo base = closed(TestRepo.create(temp.resolve("base")));
        base.commit("routes", "routes/a.yaml", "a");
        base.pushHeadTo(base.uri(), "refs/pull/4/head");
        GitRouteSource source = source(base.uri());

        assertThatThrownBy(() -> source.fetchPullRequest(new PullRequestHead("refs/pull/4/head", null,
                "0123456789ab0123456789ab0123456789abcdef")))
                .isInstanceOf(SourceException.class)
                .hasMessage("commit 0123456789ab is not in refs/pull/4/head (not there yet, or force-pushed away; "
                        + "a newer event names a new head)");
        assertThatThrownBy(() -> source.fetchPullRequest(new PullRequestHead("refs/pull/5/head", null,
                "0123456789ab0123456789ab0123456789abcdef")))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("fetch from " + base.uri() + " failed");
    }

    @Test
    void commitsWithTheSameRouteFilesHaveTheSameRoutesTree() throws Exception {
        TestRepo base = closed(TestRepo.create(temp.resolve("base")));
        String first = base.commit("routes", "routes/a.yaml", "a");
        String docs = base.commit("docs", "README.md", "docs");
        String changed = base.commit("routes change", "routes/a.yaml", "a2");
        GitRouteSource source = source(base.uri());
        source.checkout(null);

        CommitRoutes atDocs = source.commitRoutes(docs).orElseThrow();
        assertThat(atDocs.parents()).containsExactly(first);
        assertThat(atDocs.routesTree()).isEqualTo(source.commitRoutes(first).orElseThrow().routesTree())
                .isNotEqualTo(source.commitRoutes(changed).orElseThrow().routesTree());
        assertThat(source.commitRoutes("0".repeat(40))).isEmpty();
    }

    @Test
    void aPullRequestHeadNeverCarriesRefspecSyntaxOrPathTricks() {
        String commit = "a".repeat(40);
        for (String ref : new String[] {"refs/heads/x:refs/heads/main", "refs/heads/*", "refs/heads/../x",
                "heads/x", "refs/heads/x y"}) {
            assertThatThrownBy(() -> new PullRequestHead(ref, null, commit)).as(ref)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String repository : new String[] {"../../etc", "a/b/c", "a", "a/..", ".a/b"}) {
            assertThatThrownBy(() -> new PullRequestHead("refs/heads/x", repository, commit)).as(repository)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new PullRequestHead("refs/pull/1/head", null, "main"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
