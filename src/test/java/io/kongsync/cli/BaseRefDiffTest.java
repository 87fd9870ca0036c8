package io.kongsync.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diff --base-ref}: the working tree's files planned against the same paths at a git revision, in a real
 * repository built with JGit, as a pull-request check runs it.
 */
class BaseRefDiffTest {

    private static final String V1 = """
            _format_version: "3.0"
            services:
              - name: orders
                host: orders.ecs.local
                routes:
                  - name: orders-read
                    paths: [/orders]
              - name: payments
                host: payments.ecs.local
                routes:
                  - name: payments
                    paths: [/payments]
            """;
    /** One route's path changed, one plugin added. */
    private static final String V2 = """
            _format_version: "3.0"
            services:
              - name: orders
                host: orders.ecs.local
                routes:
                  - name: orders-read
                    paths: [/v2/orders]
              - name: payments
                host: payments.ecs.local
                routes:
                  - name: payments
                    paths: [/payments]
                plugins:
                  - name: rate-limiting
                    config:
                      minute: 60
            """;

    @TempDir
    Path dir;

    private Git git;
    private Path work;
    private Path routes;
    private int commits;

    @BeforeEach
    void createRepository() throws GitAPIException {
        work = dir.resolve("work");
        routes = work.resolve("routes");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    }

    @AfterEach
    void close() {
        git.close();
    }

    @Test
    void thePreviousCommitAsBaseShowsExactlyTheLastCommitsChange() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);
        commit("routes v2", "routes/api.yaml", V2);

        CliRun run = diff("--base-ref", "HEAD~1", "--detailed-exitcode");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(run.out()).isEqualTo("""
                service orders:
                  ~ route orders-read  # %1$s:6:9
                      paths: ["/orders"] -> ["/v2/orders"]

                service payments:
                  + plugin rate-limiting (service payments)  # %1$s:14:9
                      name: "rate-limiting"
                      service: "payments"
                      config.minute: 60
                      tags: ["managed-by:kongsync"]

                Plan: 1 to create, 1 to update, 0 to delete.
                """.formatted(routes.resolve("api.yaml")));
        assertThat(diff("--base-ref", "HEAD~1").exitCode()).as("without --detailed-exitcode")
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void theHeadAsBasePlansNothing() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);
        commit("routes v2", "routes/api.yaml", V2);

        CliRun run = diff("--base-ref", "HEAD", "--detailed-exitcode");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Plan: 0 to create, 0 to update, 0 to delete.");
    }

    @Test
    void aPullRequestBranchAgainstTheBaseBranchByNameTagOrCommitId() throws Exception {
        String base = commit("routes v1", "routes/api.yaml", V1);
        git.tag().setName("v1").call();
        git.checkout().setCreateBranch(true).setName("feature").call();
        commit("routes v2", "routes/api.yaml", V2);

        for (String ref : new String[]{"main", "v1", base, base.substring(0, 10)}) {
            CliRun run = diff("--base-ref", ref, "-o", "json");

            assertThat(run.exitCode()).as(ref + ": " + run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).as(ref).startsWith("{\"summary\":{\"create\":1,\"update\":1,\"delete\":0}");
        }
    }

    @Test
    void theWorkingTreesUncommittedFilesArePlannedAndNothingInTheWorkTreeChanges() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);
        String head = git.getRepository().resolve("HEAD").name();
        Files.writeString(routes.resolve("api.yaml"), V1.replace("payments.ecs.local", "payments2.ecs.local"));

        CliRun run = diff("--base-ref", "HEAD");

        assertThat(run.out()).contains("~ service payments", "host: \"payments.ecs.local\" -> \"payments2.ecs.local\"",
                "Plan: 0 to create, 1 to update, 0 to delete.");
        assertThat(Files.readString(routes.resolve("api.yaml"))).contains("payments2.ecs.local");
        assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(head);
        assertThat(git.status().call().getModified()).containsExactly("routes/api.yaml");
    }

    @Test
    void aDeletedRouteFileIsPlannedAsDeletes() throws Exception {
        commit("routes", "routes/api.yaml", V1, "routes/more.yaml", """
                _format_version: "3.0"
                consumers:
                  - username: alice
                """);
        Files.delete(routes.resolve("more.yaml"));

        CliRun run = diff("--base-ref", "HEAD");

        assertThat(run.out()).isEqualTo("""
                - consumer alice

                Plan: 0 to create, 0 to update, 1 to delete.
                """);
    }

    @Test
    void routesThatDoNotExistAtTheBaseAreAllCreatedAndTheOutputSaysWhy() throws Exception {
        commit("first", "README.md", "no routes yet\n");
        String first = git.getRepository().resolve("HEAD").abbreviate(7).name();
        commit("routes", "routes/api.yaml", V1);

        CliRun run = diff("--base-ref", "HEAD~1", "--detailed-exitcode");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(run.out()).contains("Plan: 4 to create, 0 to update, 0 to delete.");
        assertThat(run.err()).isEqualTo("note: " + routes + " does not exist at HEAD~1 (commit " + first
                + "): it counts as empty, so everything in it is created.\n");
    }

    @Test
    void aSingleFileAndARelativePathWork() throws Exception {
        commit("routes v1", "kong.yaml", V1);
        Files.writeString(work.resolve("kong.yaml"), V2);
        Path relative = Path.of("").toAbsolutePath().relativize(work.resolve("kong.yaml"));

        CliRun run = CliRun.of("diff", "-s", relative.toString(), "--base-ref", "HEAD", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("{\"summary\":{\"create\":1,\"update\":1,\"delete\":0}");
    }

    @Test
    void problemsInTheFilesAtTheBaseNameTheRevisionAndPlanNothing() throws Exception {
        commit("broken", "routes/api.yaml",
                V1.replace("host: orders.ecs.local", "host: orders.ecs.local\n    port: 99999"));
        commit("fixed", "routes/api.yaml", V1);

        CliRun run = diff("--base-ref", "HEAD~1", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("HEAD~1:" + routes.toString().replace('\\', '/') + "/api.yaml:5:5: "
                + "services[0].port: value should be between 0 and 65535", "1 problem found");
    }

    @Test
    void anUnknownRevisionIsAClearError() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);

        CliRun run = diff("--base-ref", "origin/main");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: unknown git revision 'origin/main' in the repository at ")
                .contains("fetch-depth: 0");
    }

    @Test
    void aRevisionOlderThanTheFirstCommitIsAClearError() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);

        CliRun run = diff("--base-ref", "HEAD~1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("error: unknown git revision 'HEAD~1'");
    }

    @Test
    void filesOutsideAnyRepositoryAreAClearError() throws IOException {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("api.yaml"), V1);

        CliRun run = CliRun.of("diff", "-s", plain.toString(), "--base-ref", "HEAD");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("error: " + plain + " is not in a git repository (no .git in "
                + plain.toRealPath() + " or any directory above it)\n");
    }

    @Test
    void standardInputHasNoHistory() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);

        CliRun run = CliRun.of("diff", "-s", "-", "--base-ref", "HEAD");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("error: standard input (-) has no git history");
    }

    @Test
    void theBaseRefExcludesTheOtherCurrentStates() throws Exception {
        commit("routes v1", "routes/api.yaml", V1);

        CliRun withCurrent = diff("--base-ref", "HEAD", "--current", routes.resolve("api.yaml").toString());
        CliRun withKong = diff("--base-ref", "HEAD", "--kong-addr", "http://127.0.0.1:9");

        assertThat(withCurrent.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(withCurrent.out()).isEmpty();
        assertThat(withCurrent.err()).startsWith("--base-ref and --current are mutually exclusive");
        assertThat(withKong.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(withKong.err()).startsWith("--base-ref and --kong-addr are mutually exclusive");
    }

    private CliRun diff(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "diff";
        args[1] = "-s";
        args[2] = routes.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.of(args);
    }

    /** Writes path/content pairs and commits them; returns the commit id. */
    private String commit(String message, String... pathsAndContents) throws IOException, GitAPIException {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = work.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        git.add().addFilepattern(".").call();
        PersonIdent ada = new PersonIdent("Ada Lovelace", "ada@example.com",
                Instant.parse("2026-05-04T10:15:30Z").plusSeconds(60L * commits++), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(ada).setCommitter(ada).call().name();
    }
}
