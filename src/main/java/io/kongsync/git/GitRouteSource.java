package io.kongsync.git;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Route files from a git repository.
 *
 * <p>Layout under {@link GitSettings#workDir()}: {@code repository.git}, a bare clone that is kept across
 * restarts when it was cloned from the same URI (credentials aside) and made afresh otherwise; and
 * {@code snapshots/<commit>/<path>}, the routes path of each checked-out commit, written once and renamed into
 * place, the five most recently used kept. Nothing is checked out into a shared working tree, so checkouts of
 * different commits can run at the same time.
 *
 * <p>Every {@link #checkout} fetches all branches and tags first (one fetch at a time), then resolves the ref
 * against what was fetched: a branch ({@code refs/remotes/origin/<name>}), then a tag, then a commit id. One
 * instance per work directory.
 */
public final class GitRouteSource implements RouteSource, AutoCloseable {

    static final String REPOSITORY_DIR = "repository.git";
    static final String SNAPSHOTS_DIR = "snapshots";
    private static final String REMOTE_BRANCHES = "refs/remotes/origin/";
    private static final String TAGS = "refs/tags/";
    /** Pull-request heads fetched for plans, kept out of the branches and tags a checkout resolves. */
    static final String LOCAL_PULL_REQUESTS = "refs/kongsync/";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final List<RefSpec> REF_SPECS = List.of(
            new RefSpec("+refs/heads/*:" + REMOTE_BRANCHES + "*"),
            new RefSpec("+" + TAGS + "*:" + TAGS + "*"));

    private final GitSettings settings;
    private final RemoteUri remote;
    private final SshAccess ssh;
    private final Repository repository;
    private final Snapshots snapshots;
    private final ReentrantLock fetchLock = new ReentrantLock();

    public GitRouteSource(GitSettings settings) {
        this(settings, Snapshots.DEFAULT_KEEP);
    }

    GitRouteSource(GitSettings settings, int keptSnapshots) {
        this.settings = settings;
        this.remote = RemoteUri.parse(settings.uri(), settings.username(), settings.password());
        this.ssh = remote.ssh() ? new SshAccess(settings.sshPrivateKey(), settings.sshKnownHosts(),
                settings.workDir()) : null;
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            closeQuietly();
            throw new SourceException("cannot create the git work directory " + settings.workDir() + ": "
                    + e.getMessage());
        }
        this.snapshots = new Snapshots(settings.workDir().resolve(SNAPSHOTS_DIR), keptSnapshots);
        Repository opened = null;
        try {
            opened = openOrInit(settings.workDir().resolve(REPOSITORY_DIR));
            snapshots.reset();
        } catch (SourceException e) {
            if (opened != null) {
                opened.close();
            }
            closeQuietly();
            throw e;
        }
        this.repository = opened;
    }

    @Override
    public Snapshot checkout(String ref) {
        RevCommit commit;
        fetchLock.lock();
        try {
            fetch();
            commit = resolve(ref);
        } finally {
            fetchLock.unlock();
        }
        Path routes = snapshots.materialise(repository, commit, settings.path());
        return new Snapshot(commit.name(), commit.getShortMessage(), commit.getAuthorIdent().getName(),
                Instant.ofEpochSecond(commit.getCommitTime()), routes);
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo("git", remote.display(), settings.branch(), settings.path());
    }

    @Override
    public boolean routesChanged(String fromCommit, String toCommit) {
        if (fromCommit == null) {
            return true;
        }
        RevCommit to = resolve(toCommit);
        RevCommit from;
        try {
            from = resolve(fromCommit);
        } catch (SourceException unknown) {
            // e.g. a commit dropped by a force push: nothing to compare with, so assume a change
            return true;
        }
        if (from.equals(to)) {
            return false;
        }
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(from.getTree());
            walk.addTree(to.getTree());
            walk.setRecursive(true);
            walk.setFilter(settings.path().isEmpty()
                    ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(settings.path()), TreeFilter.ANY_DIFF));
            return walk.next();
        } catch (IOException e) {
            throw new SourceException("cannot compare commits " + from.abbreviate(7).name() + " and "
                    + to.abbreviate(7).name() + ": " + e.getMessage());
        }
    }

    /**
     * Fetches the branches and tags, and the pull request's ref into {@code refs/kongsync/...} (kept so the head stays
     * in the clone). A Bitbucket Cloud fork is fetched from the fork's address on the configured host: the configured
     * URI with the repository path replaced, so the configured credentials only ever go to the host they are for.
     */
    @Override
    public String fetchPullRequest(PullRequestHead head) {
        String local = LOCAL_PULL_REQUESTS + (head.sourceRepository() == null ? ""
                : "forks/" + head.sourceRepository() + "/") + head.ref().substring("refs/".length());
        RefSpec pullRequest = new RefSpec("+" + head.ref() + ":" + local);
        fetchLock.lock();
        try {
            if (head.sourceRepository() == null) {
                List<RefSpec> specs = new ArrayList<>(REF_SPECS);
                specs.add(pullRequest);
                fetch(remote.fetchUri(), remote.display(), specs);
            } else {
                fetch();
                String fork = forkUri(head.sourceRepository());
                fetch(fork, RemoteUri.display(fork), List.of(pullRequest));
            }
            return headCommit(head, local);
        } finally {
            fetchLock.unlock();
        }
    }

    /** The configured URI with its last two path segments (owner and name) replaced by the fork's. */
    private String forkUri(String sourceRepository) {
        try {
            URIish uri = new URIish(remote.fetchUri());
            String path = uri.getPath() == null ? "" : uri.getPath();
            boolean dotGit = path.endsWith(".git");
            String trimmed = path.replaceAll("/+$", "");
            int nameStart = trimmed.lastIndexOf('/');
            int ownerStart = nameStart <= 0 ? -1 : trimmed.lastIndexOf('/', nameStart - 1);
            if (nameStart <= 0) {
                throw new SourceException("cannot fetch the fork " + sourceRepository + ": the repository path of "
                        + remote.display() + " has no owner/name to replace");
            }
            String prefix = trimmed.substring(0, ownerStart + 1);
            return uri.setPath(prefix + sourceRepository + (dotGit ? ".git" : "")).toString();
        } catch (URISyntaxException e) {
            throw new SourceException("cannot fetch the fork " + sourceRepository + " from " + remote.display());
        }
    }

    /** The commit the event named: present after the fetch, or (abbreviated) the fetched head it abbreviates. */
    private String headCommit(PullRequestHead head, String local) {
        String wanted = head.commit().toLowerCase(java.util.Locale.ROOT);
        try (RevWalk walk = new RevWalk(repository)) {
            Ref fetched = repository.exactRef(local);
            if (fetched != null && fetched.getObjectId().name().startsWith(wanted)) {
                return walk.parseCommit(fetched.getObjectId()).name();
            }
            ObjectId id = commitId(wanted);
            if (id == null) {
                throw new SourceException("commit " + abbreviate(wanted) + " is not in " + head.ref()
                        + (head.sourceRepository() == null ? "" : " of " + head.sourceRepository())
                        + " (not there yet, or force-pushed away; a newer event names a new head)");
            }
            return walk.parseCommit(id).name();
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("'" + abbreviate(wanted) + "' is not a commit");
        } catch (IOException e) {
            throw new SourceException("cannot read " + head.ref() + " from the local clone: " + e.getMessage());
        }
    }

    private static String abbreviate(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    @Override
    public String mergeBase(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            Ref branch = repository.exactRef(REMOTE_BRANCHES + settings.branch());
            if (branch == null) {
                return null;
            }
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(branch.getObjectId()));
            walk.markStart(walk.parseCommit(resolve(commit)));
            RevCommit base = walk.next();
            return base == null ? null : base.name();
        } catch (IOException e) {
            throw new SourceException("cannot find where " + abbreviate(commit) + " branched from "
                    + settings.branch() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<CommitRoutes> commitRoutes(String commit) {
        RevCommit resolved;
        try {
            resolved = resolve(commit);
        } catch (SourceException unknown) {
            return Optional.empty();
        }
        List<String> parents = new ArrayList<>();
        for (RevCommit parent : resolved.getParents()) {
            parents.add(parent.name());
        }
        String tree;
        if (settings.path().isEmpty()) {
            tree = resolved.getTree().name();
        } else {
            try (TreeWalk walk = TreeWalk.forPath(repository, settings.path(), resolved.getTree())) {
                tree = walk == null ? null : walk.getObjectId(0).name();
            } catch (IOException e) {
                throw new SourceException("cannot read " + settings.path() + " at " + abbreviate(commit) + ": "
                        + e.getMessage());
            }
        }
        return Optional.of(new CommitRoutes(resolved.name(), parents, tree));
    }

    @Override
    public void close() {
        repository.close();
        closeQuietly();
    }

    private void closeQuietly() {
        if (ssh != null) {
            ssh.close();
        }
    }

    private Repository openOrInit(Path dir) {
        if (Files.isDirectory(dir)) {
            Repository existing = openExisting(dir);
            if (existing != null) {
                return existing;
            }
            Snapshots.deleteTree(dir);
        }
        try {
            Repository created = Git.init().setBare(true).setDirectory(dir.toFile())
                    .setInitialBranch(settings.branch()).call().getRepository();
            StoredConfig config = created.getConfig();
            // the URI without credentials: it identifies the clone on the next start
            config.setString("remote", "origin", "url", remote.display());
            config.setStringList("remote", "origin", "fetch", REF_SPECS.stream().map(RefSpec::toString).toList());
            config.save();
            return created;
        } catch (Exception e) {
            throw new SourceException("cannot create a git repository in " + dir + ": " + e.getMessage());
        }
    }

    /** The clone left by an earlier run, or null when it is from another URI or unreadable. */
    private Repository openExisting(Path dir) {
        Repository existing = null;
        try {
            existing = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
            if (remote.display().equals(existing.getConfig().getString("remote", "origin", "url"))) {
                return existing;
            }
        } catch (IOException | RuntimeException e) {
            // not a usable repository: made afresh
        }
        if (existing != null) {
            existing.close();
        }
        return null;
    }

    private void fetch() {
        fetch(remote.fetchUri(), remote.display(), REF_SPECS);
    }

    private void fetch(String uri, String shownAs, List<RefSpec> specs) {
        FetchCommand fetch = Git.wrap(repository).fetch()
                .setRemote(uri)
                .setRefSpecs(specs)
                .setRemoveDeletedRefs(true)
                .setTagOpt(TagOpt.NO_TAGS)
                .setTimeout(timeoutSeconds())
                .setCredentialsProvider(remote.credentials());
        if (ssh != null) {
            fetch.setTransportConfigCallback(ssh::configure);
            ssh.takeHostKeyRefusal();
        }
        try {
            fetch.call();
        } catch (Exception e) {
            String hostKey = ssh == null ? null : ssh.takeHostKeyRefusal();
            String reason = hostKey != null ? hostKey : describe(e);
            throw new SourceException("fetch from " + shownAs + " failed: " + remote.redact(reason));
        }
    }

    private int timeoutSeconds() {
        long seconds = settings.timeout().toSeconds() + (settings.timeout().toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    /**
     * The messages along the cause chain, each once and without the URI the caller already names: JGit wraps
     * "not authorized" in "Invalid remote", and an unknown host in "cannot open git-upload-pack".
     */
    private String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "timed out after " + timeoutSeconds() + " s";
            }
        }
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 5; t = t.getCause()) {
            String message = reason(t);
            if (message == null || parts.stream().anyMatch(p -> p.contains(message))) {
                continue;
            }
            parts.removeIf(message::contains);
            parts.add(message);
        }
        return parts.isEmpty() ? error.getClass().getSimpleName() : String.join(": ", parts);
    }

    private String reason(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (t instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (message.isEmpty() || message.startsWith("Invalid remote: ")) {
            return null;
        }
        for (String uri : List.of(remote.fetchUri(), remote.display(), settings.uri())) {
            while (message.startsWith(uri + ": ")) {
                message = message.substring(uri.length() + 2);
            }
        }
        return message;
    }

    private RevCommit resolve(String ref) {
        String wanted = ref == null ? null : ref.trim();
        try (RevWalk walk = new RevWalk(repository)) {
            if (wanted == null || wanted.isEmpty()) {
                Ref head = repository.exactRef(REMOTE_BRANCHES + settings.branch());
                if (head == null) {
                    throw new SourceException("branch '" + settings.branch() + "' does not exist in "
                            + remote.display());
                }
                return walk.parseCommit(head.getObjectId());
            }
            boolean tagOnly = wanted.startsWith(TAGS);
            String name = stripPrefix(wanted);
            Ref branch = tagOnly ? null : repository.exactRef(REMOTE_BRANCHES + name);
            if (branch != null) {
                return walk.parseCommit(branch.getObjectId());
            }
            Ref tag = repository.exactRef(TAGS + name);
            if (tag != null) {
                return walk.parseCommit(tag.getObjectId());
            }
            if (COMMIT_ID.matcher(wanted).matches()) {
                ObjectId id = commitId(wanted);
                if (id != null) {
                    return walk.parseCommit(id);
                }
            }
            throw new SourceException("'" + wanted + "' is not a branch, tag or commit of " + remote.display());
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("'" + wanted + "' is not a commit");
        } catch (MissingObjectException e) {
            throw new SourceException("commit '" + wanted + "' is not in " + remote.display());
        } catch (IOException e) {
            throw new SourceException("cannot read '" + wanted + "' from the local clone: " + e.getMessage());
        }
    }

    private ObjectId commitId(String hex) throws IOException {
        if (hex.length() == Constants.OBJECT_ID_STRING_LENGTH) {
            ObjectId id = ObjectId.fromString(hex);
            return repository.getObjectDatabase().has(id) ? id : null;
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(hex));
            if (matches.size() > 1) {
                throw new SourceException("commit id '" + hex + "' is ambiguous; give more characters");
            }
            return matches.isEmpty() ? null : matches.iterator().next();
        }
    }

    private static String stripPrefix(String ref) {
        for (String prefix : List.of("refs/heads/", "refs/remotes/origin/", "origin/", TAGS)) {
            if (ref.startsWith(prefix)) {
                return ref.substring(prefix.length());
            }
        }
        return ref;
    }
}
