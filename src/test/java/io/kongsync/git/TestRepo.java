package io.kongsync.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare "origin" repository in a temporary directory and a working clone that commits and pushes to it, as
 * a developer would.
 */
public final class TestRepo implements AutoCloseable {

    /** The first commit's time; each later commit is a minute later. */
    static final Instant FIRST_COMMIT_TIME = Instant.parse("2026-05-04T10:15:30Z");

    private int commits;

    private final Path origin;
    private final Git work;

    private TestRepo(Path origin, Git work) {
        this.origin = origin;
        this.work = work;
    }

    public static TestRepo create(Path dir) throws GitAPIException {
        return create(dir.resolve("origin.git"), dir.resolve("work"));
    }

    /** The bare origin at {@code origin}, e.g. {@code .../platform/routes.git} as a git host lays repositories out. */
    public static TestRepo create(Path origin, Path workDir) throws GitAPIException {
        Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call().close();
        Git work = Git.init().setDirectory(workDir.toFile()).setInitialBranch("main").call();
        try {
            work.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new TestRepo(origin, work);
    }

    /**
     * A fork, as a git host makes one: a bare copy of this origin's branches at {@code origin}, and a working clone of
     * it at {@code workDir} on {@code main}.
     */
    public TestRepo fork(Path origin, Path workDir) throws GitAPIException {
        Git.cloneRepository().setBare(true).setURI(uri()).setDirectory(origin.toFile()).call().close();
        Git work = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(workDir.toFile())
                .setBranch("main").call();
        TestRepo fork = new TestRepo(origin, work);
        fork.commits = commits;
        return fork;
    }

    /** Pushes the current commit to {@code ref} of the repository at {@code uri}, as GitHub fills refs/pull/N/head. */
    public void pushHeadTo(String uri, String ref) throws GitAPIException {
        work.push().setRemote(uri).setRefSpecs(new RefSpec("+HEAD:" + ref)).call();
    }

    /** The current commit of the working clone. */
    public String head() throws IOException {
        return work.getRepository().resolve("HEAD").name();
    }

    /** Merges {@code branch} into the current branch with a merge commit (as a host's merge button), pushes it. */
    public String mergeCommit(String branch, String message) throws GitAPIException, IOException {
        PersonIdent ada = ada(FIRST_COMMIT_TIME.plusSeconds(60L * commits++));
        work.merge().include(work.getRepository().resolve(branch)).setFastForward(
                org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).setCommit(false).call();
        RevCommit commit = work.commit().setMessage(message).setAuthor(ada).setCommitter(ada).call();
        push();
        return commit.name();
    }

    /** Fetches {@code ref} of the repository at {@code uri} into the working clone's {@code localRef}. */
    public void fetch(String uri, String ref, String localRef) throws GitAPIException {
        work.fetch().setRemote(uri).setRefSpecs(new RefSpec("+" + ref + ":" + localRef)).call();
    }

    public Path origin() {
        return origin;
    }

    public String uri() {
        return origin.toUri().toString();
    }

    /** Writes path/content pairs, commits them all on the current branch and pushes; returns the commit id. */
    public String commit(String message, String... pathsAndContents) throws IOException, GitAPIException {
        Path root = work.getRepository().getWorkTree().toPath();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = root.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return commitAndPush(message);
    }

    public String delete(String message, String... paths) throws IOException, GitAPIException {
        for (String path : paths) {
            work.rm().addFilepattern(path).call();
        }
        return commitAndPush(message);
    }

    private String commitAndPush(String message) throws GitAPIException {
        work.add().addFilepattern(".").call();
        PersonIdent ada = ada(FIRST_COMMIT_TIME.plusSeconds(60L * commits++));
        RevCommit commit = work.commit().setMessage(message).setAuthor(ada).setCommitter(ada).call();
        push();
        return commit.name();
    }

    private static PersonIdent ada(Instant when) {
        return new PersonIdent("Ada Lovelace", "ada@example.com", when, ZoneOffset.UTC);
    }

    public void newBranch(String name) throws GitAPIException {
        work.checkout().setCreateBranch(true).setName(name).call();
    }

    public void switchTo(String name) throws GitAPIException {
        work.checkout().setName(name).call();
    }

    void annotatedTag(String name, String message) throws GitAPIException {
        work.tag().setName(name).setMessage(message).setAnnotated(true).setTagger(ada(FIRST_COMMIT_TIME)).call();
        work.push().setPushTags().call();
    }

    void lightweightTag(String name) throws GitAPIException {
        work.tag().setName(name).setAnnotated(false).call();
        work.push().setPushTags().call();
    }

    public void push() throws GitAPIException {
        work.push().setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
    }

    @Override
    public void close() {
        work.close();
    }
}
