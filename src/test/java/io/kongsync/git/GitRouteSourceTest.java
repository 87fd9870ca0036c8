package io.kongsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRouteSourceTest {

    @TempDir
    Path temp;

    private TestRepo repo;
    private final List<GitRouteSource> sources = new ArrayList<>();

    @BeforeEach
    void createRepository() throws Exception {
        repo = TestRepo.create(temp.resolve("remote"));
    }

    @AfterEach
    void closeAll() {
        sources.forEach(GitRouteSource::close);
        repo.close();
    }

    private GitRouteSource source(GitSettings settings) {
        GitRouteSource source = new GitRouteSource(settings);
        sources.add(source);
        return source;
    }

    private GitSettings settings() {
        return GitSettings.of(repo.uri(), temp.resolve("data/git"));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void checkoutOfTheBranchHeadGivesTheRoutesDirectoryAndTheCommit() throws Exception {
        String commit = repo.commit("orders: first route\n\nlonger body", "routes/orders.yaml", "services: []\n",
                "routes/team/payments.yaml", "routes: []\n", "README.md", "not a route");

        Snapshot snapshot = source(settings()).checkout(null);

        assertThat(snapshot.commit()).isEqualTo(commit);
        assertThat(snapshot.shortMessage()).isEqualTo("orders: first route");
        assertThat(snapshot.author()).isEqualTo("Ada Lovelace");
        assertThat(snapshot.commitTime()).isEqualTo(TestRepo.FIRST_COMMIT_TIME);
        assertThat(snapshot.routes().getFileName()).hasToString("routes");
        assertThat(files(snapshot.routes())).containsExactly("orders.yaml", "team/payments.yaml");
        assertThat(read(snapshot.routes().resolve("orders.yaml"))).isEqualTo("services: []\n");
        assertThat(snapshot.routes().getParent().getParent())
                .isEqualTo(temp.resolve("data/git").resolve(GitRouteSource.SNAPSHOTS_DIR));
    }

    @Test
    void anOlderCommitByFullOrAbbreviatedIdGivesThatCommitsFiles() throws Exception {
        String first = repo.commit("v1", "routes/orders.yaml", "version: 1\n");
        String second = repo.commit("v2", "routes/orders.yaml", "version: 2\n", "routes/new.yaml", "x: 1\n");
        GitRouteSource source = source(settings());

        Snapshot old = source.checkout(first);
        Snapshot abbreviated = source.checkout(first.substring(0, 7));
        Snapshot head = source.checkout(null);

        assertThat(old.commit()).isEqualTo(first);
        assertThat(old.shortMessage()).isEqualTo("v1");
        assertThat(files(old.routes())).containsExactly("orders.yaml");
        assertThat(read(old.routes().resolve("orders.yaml"))).isEqualTo("version: 1\n");
        assertThat(abbreviated.commit()).isEqualTo(first);
        assertThat(head.commit()).isEqualTo(second);
        assertThat(files(head.routes())).containsExactly("new.yaml", "orders.yaml");
        assertThat(read(old.routes().resolve("orders.yaml"))).as("an earlier snapshot is not rewritten")
                .isEqualTo("version: 1\n");
    }

    @Test
    void everyCheckoutFetchesSoANewPushIsSeen() throws Exception {
        String first = repo.commit("v1", "routes/orders.yaml", "version: 1\n");
        GitRouteSource source = source(settings());
        assertThat(source.checkout(null).commit()).isEqualTo(first);

        String second = repo.commit("v2", "routes/orders.yaml", "version: 2\n");
        String removal = repo.delete("drop orders", "routes/orders.yaml");
        repo.commit("other", "routes/other.yaml", "o: 1\n");

        Snapshot secondSnapshot = source.checkout(second);
        assertThat(read(secondSnapshot.routes().resolve("orders.yaml"))).isEqualTo("version: 2\n");
        Snapshot head = source.checkout(null);
        assertThat(head.commit()).isNotIn(first, second, removal);
        assertThat(files(head.routes())).containsExactly("other.yaml");
    }

    @Test
    void branchesAndTagsByName() throws Exception {
        String tagged = repo.commit("release 1", "routes/orders.yaml", "version: 1\n");
        repo.annotatedTag("v1.0.0", "first release");
        repo.lightweightTag("deployed");
        repo.commit("v2", "routes/orders.yaml", "version: 2\n");
        repo.newBranch("staging");
        String staging = repo.commit("staging only", "routes/orders.yaml", "version: staging\n");
        GitRouteSource source = source(settings());

        assertThat(source.checkout("v1.0.0").commit()).isEqualTo(tagged);
        assertThat(source.checkout("refs/tags/v1.0.0").commit()).isEqualTo(tagged);
        assertThat(source.checkout("deployed").commit()).isEqualTo(tagged);
        Snapshot stagingSnapshot = source.checkout("staging");
        assertThat(stagingSnapshot.commit()).isEqualTo(staging);
        assertThat(read(stagingSnapshot.routes().resolve("orders.yaml"))).isEqualTo("version: staging\n");
        assertThat(source.checkout("refs/heads/staging").commit()).isEqualTo(staging);
        assertThat(read(source.checkout(null).routes().resolve("orders.yaml"))).isEqualTo("version: 2\n");
    }

    @Test
    void theConfiguredBranchIsFollowed() throws Exception {
        repo.commit("main", "routes/a.yaml", "main\n");
        repo.newBranch("production");
        String production = repo.commit("prod", "routes/a.yaml", "production\n");

        Snapshot snapshot = source(settings().withBranch("production")).checkout(null);

        assertThat(snapshot.commit()).isEqualTo(production);
        assertThat(source(settings().withBranch("production")).info().branch()).isEqualTo("production");
    }

    @Test
    void unknownBranchRefOrCommitIsASourceException() throws Exception {
        repo.commit("v1", "routes/a.yaml", "a\n");
        GitRouteSource missingBranch = source(settings().withBranch("release"));
        GitRouteSource source = source(GitSettings.of(repo.uri(), temp.resolve("other")));

        assertThatThrownBy(() -> missingBranch.checkout(null))
                .isInstanceOf(SourceException.class)
                .hasMessage("branch 'release' does not exist in " + repo.uri());
        assertThatThrownBy(() -> source.checkout("no-such-branch"))
                .isInstanceOf(SourceException.class)
                .hasMessage("'no-such-branch' is not a branch, tag or commit of " + repo.uri());
        assertThatThrownBy(() -> source.checkout("0123456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(SourceException.class)
                .hasMessage("'0123456789abcdef0123456789abcdef01234567' is not a branch, tag or commit of "
                        + repo.uri());
        assertThatThrownBy(() -> source.checkout("deadbee"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("is not a branch, tag or commit");
    }

    @Test
    void aMissingRoutesPathIsASourceException() throws Exception {
        String withoutRoutes = repo.commit("docs only", "docs/index.md", "# hi\n");
        String withRoutes = repo.commit("routes", "routes/a.yaml", "a\n");
        GitRouteSource source = source(settings());

        assertThat(source.checkout(withRoutes).commit()).isEqualTo(withRoutes);
        assertThatThrownBy(() -> source.checkout(withoutRoutes))
                .isInstanceOf(SourceException.class)
                .hasMessage("path 'routes' does not exist at commit " + withoutRoutes.substring(0, 7));
        assertThatThrownBy(() -> source(settings().withPath("kong/routes")).checkout(null))
                .isInstanceOf(SourceException.class)
                .hasMessage("path 'kong/routes' does not exist at commit " + withRoutes.substring(0, 7));
    }

    @Test
    void aSingleFileOrTheWholeRepositoryAsTheRoutesPath() throws Exception {
        repo.commit("files", "kong.yaml", "_format_version: \"3.0\"\n", "routes/a.yaml", "a\n", "docs/x.md", "x\n");

        Snapshot file = source(settings().withPath("kong.yaml")).checkout(null);
        Snapshot root = source(GitSettings.of(repo.uri(), temp.resolve("root")).withPath(".")).checkout(null);

        assertThat(files(file.routes())).containsExactly("kong.yaml");
        assertThat(files(root.routes())).containsExactly("docs/x.md", "kong.yaml", "routes/a.yaml");
    }

    @Test
    void concurrentCheckoutsOfDifferentCommitsEachGetTheirOwnFiles() throws Exception {
        String one = repo.commit("one", "routes/orders.yaml", "version: 1\n", "routes/only-one.yaml", "1\n");
        String two = repo.commit("two", "routes/orders.yaml", "version: 2\n", "routes/only-one.yaml", "gone\n");
        GitRouteSource source = source(settings());
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Snapshot>> futures = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                String ref = i % 2 == 0 ? one : two;
                Callable<Snapshot> task = () -> {
                    start.await();
                    return source.checkout(ref);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (int i = 0; i < rounds; i++) {
                Snapshot snapshot = futures.get(i).get();
                String version = i % 2 == 0 ? "1" : "2";
                assertThat(snapshot.commit()).isEqualTo(i % 2 == 0 ? one : two);
                assertThat(read(snapshot.routes().resolve("orders.yaml"))).isEqualTo("version: " + version + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(temp.resolve("data/git").resolve(GitRouteSource.SNAPSHOTS_DIR))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary directory left behind")
                    .containsExactlyInAnyOrder(one, two);
        }
    }

    @Test
    void onlyTheFiveMostRecentlyUsedSnapshotsAreKept() throws Exception {
        List<String> commits = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            commits.add(repo.commit("v" + i, "routes/a.yaml", "version: " + i + "\n"));
        }
        GitRouteSource source = source(settings());
        List<Snapshot> snapshots = new ArrayList<>();
        for (String commit : commits) {
            snapshots.add(source.checkout(commit));
        }

        assertThat(snapshots.get(0).routes()).doesNotExist();
        assertThat(snapshots.get(1).routes()).doesNotExist();
        for (int i = 2; i < 7; i++) {
            assertThat(read(snapshots.get(i).routes().resolve("a.yaml"))).isEqualTo("version: " + (i + 1) + "\n");
        }
        assertThat(source.checkout(commits.get(0)).routes().resolve("a.yaml")).as("written again on demand")
                .hasContent("version: 1");
    }

    @Test
    void routesChangedComparesTheRoutesPathBetweenCommits() throws Exception {
        String first = repo.commit("routes", "routes/a.yaml", "a: 1\n", "README.md", "one\n");
        String docs = repo.commit("docs", "README.md", "two\n", "routes2/x.yaml", "x\n");
        String routes = repo.commit("route change", "routes/nested/b.yaml", "b\n");
        String removal = repo.delete("route removal", "routes/nested/b.yaml");
        GitRouteSource source = source(settings());
        source.checkout(null);

        assertThat(source.routesChanged(first, docs)).isFalse();
        assertThat(source.routesChanged(docs, routes)).isTrue();
        assertThat(source.routesChanged(first, routes)).isTrue();
        assertThat(source.routesChanged(routes, removal)).isTrue();
        assertThat(source.routesChanged(first, removal)).as("added then removed: same files").isFalse();
        assertThat(source.routesChanged(routes, routes)).isFalse();
        assertThat(source.routesChanged(null, first)).isTrue();
        assertThat(source.routesChanged("0123456789abcdef0123456789abcdef01234567", first))
                .as("an unknown starting point counts as a change").isTrue();
        assertThatThrownBy(() -> source.routesChanged(first, "0123456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(SourceException.class);
    }

    @Test
    void aRestartReusesTheCloneOfTheSameUriAndRemakesItForAnother() throws Exception {
        String first = repo.commit("v1", "routes/a.yaml", "a\n");
        Path workDir = temp.resolve("data/git");
        GitRouteSource before = new GitRouteSource(settings());
        before.checkout(null);
        before.close();
        Path marker = workDir.resolve(GitRouteSource.REPOSITORY_DIR).resolve("kept-across-restarts");
        Files.writeString(marker, "x");

        String second = repo.commit("v2", "routes/a.yaml", "b\n");
        GitRouteSource after = source(settings());
        assertThat(marker).as("the clone was reused").exists();
        assertThat(after.checkout(first).commit()).isEqualTo(first);
        assertThat(after.checkout(null).commit()).isEqualTo(second);
        after.close();
        sources.remove(after);

        try (TestRepo other = TestRepo.create(temp.resolve("other-remote"))) {
            String elsewhere = other.commit("elsewhere", "routes/z.yaml", "z\n");
            GitRouteSource moved = source(GitSettings.of(other.uri(), workDir));
            assertThat(marker).as("a clone of another repository is not reused").doesNotExist();
            assertThat(moved.checkout(null).commit()).isEqualTo(elsewhere);
            assertThatThrownBy(() -> moved.checkout(first)).isInstanceOf(SourceException.class);
        }
    }

    @Test
    void infoShowsTheSource() {
        GitRouteSource source = source(settings().withBranch("prod").withPath("./kong/routes/"));

        assertThat(source.info()).isEqualTo(new SourceInfo("git", repo.uri(), "prod", "kong/routes"));
    }
}
