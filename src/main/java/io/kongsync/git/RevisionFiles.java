package io.kongsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Paths in a local git work tree as they are at a revision (a branch, tag, commit id or an expression such as
 * {@code HEAD~1}), read from the repository's object database and written to a temporary directory: the work tree,
 * the index and HEAD are never touched. Each path's repository is found by walking up from the path. Symbolic links
 * and submodules are not written. {@link #close} deletes the copies.
 */
public final class RevisionFiles implements AutoCloseable {

    private static final int SHORT_ID = 7;

    /**
     * One path at the revision.
     *
     * @param given        the path as given
     * @param inRepository the path relative to its work tree, with slashes; empty for the whole work tree
     * @param commit       the abbreviated id of the commit the revision names
     * @param copy         the path's files as they are at the commit, or null when the path does not exist there
     */
    public record Found(Path given, String inRepository, String commit, Path copy) {

        public boolean exists() {
            return copy != null;
        }
    }

    private final Path root;
    private final List<Found> paths;

    private RevisionFiles(Path root, List<Found> paths) {
        this.root = root;
        this.paths = List.copyOf(paths);
    }

    /**
     * @throws SourceException when a path is not in a git work tree, or the revision does not name a commit there;
     *                         nothing is left behind
     */
    public static RevisionFiles read(List<Path> paths, String revision) {
        if (revision == null || revision.isBlank()) {
            throw new SourceException("the git revision is empty");
        }
        Path root;
        try {
            root = Files.createTempDirectory("kongsync-revision-");
        } catch (IOException e) {
            throw new SourceException("cannot create a temporary directory for the files at " + revision + ": "
                    + e.getMessage());
        }
        try {
            List<Found> found = new ArrayList<>();
            for (Path path : paths) {
                found.add(one(path, revision, root.resolve(String.valueOf(found.size()))));
            }
            return new RevisionFiles(root, found);
        } catch (RuntimeException e) {
            Snapshots.deleteTree(root);
            throw e;
        }
    }

    /** The paths in the order given. */
    public List<Found> paths() {
        return paths;
    }

    private static Found one(Path given, String revision, Path target) {
        if ("-".equals(given.toString())) {
            throw new SourceException("standard input (-) has no git history; give the files' path");
        }
        Path path = realPath(given);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(nearestExisting(path).toFile());
        if (builder.getGitDir() == null) {
            throw new SourceException(given + " is not in a git repository (no .git in " + path
                    + " or any directory above it)");
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            if (repository.isBare()) {
                throw new SourceException(given + " is in the bare repository " + repository.getDirectory()
                        + ", which has no work tree");
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            if (!path.startsWith(workTree)) {
                throw new SourceException(given + " is outside the work tree " + workTree);
            }
            String inRepository = slashes(workTree.relativize(path).toString());
            RevCommit commit = commit(repository, revision, workTree);
            String shortId = commit.abbreviate(SHORT_ID).name();
            if (!existsAt(repository, commit, inRepository)) {
                return new Found(given, inRepository, shortId, null);
            }
            Snapshots.write(repository, commit, inRepository, target);
            return new Found(given, inRepository, shortId,
                    inRepository.isEmpty() ? target : target.resolve(inRepository));
        } catch (IOException e) {
            throw new SourceException("cannot read " + given + " at " + revision + " from git: " + e.getMessage());
        }
    }

    private static RevCommit commit(Repository repository, String revision, Path workTree) throws IOException {
        ObjectId id;
        try {
            id = repository.resolve(revision + "^{commit}");
        } catch (AmbiguousObjectException e) {
            throw new SourceException("'" + revision + "' is ambiguous in the repository at " + workTree
                    + "; give more characters of the commit id");
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("'" + revision + "' does not name a commit in the repository at " + workTree);
        } catch (RevisionSyntaxException e) {
            throw new SourceException("'" + revision + "' is not a git revision");
        } catch (MissingObjectException e) {
            throw missing(revision, workTree);
        }
        if (id == null) {
            throw new SourceException("unknown git revision '" + revision + "' in the repository at " + workTree
                    + ": no such branch, tag or commit there. A shallow clone holds only what it was cloned with: "
                    + "fetch it (git fetch origin <branch>), or clone with full history (fetch-depth: 0, "
                    + "GIT_DEPTH: 0)");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw missing(revision, workTree);
        }
    }

    private static SourceException missing(String revision, Path workTree) {
        return new SourceException("the commit '" + revision + "' names is not in the repository at " + workTree
                + " (a shallow clone?); fetch it, or clone with full history (fetch-depth: 0, GIT_DEPTH: 0)");
    }

    private static boolean existsAt(Repository repository, RevCommit commit, String inRepository)
            throws IOException {
        if (inRepository.isEmpty()) {
            return true;
        }
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk entry = TreeWalk.forPath(reader, inRepository, commit.getTree())) {
            return entry != null;
        }
    }

    /** The absolute path with symbolic links resolved as far as it exists; the rest as given. */
    private static Path realPath(Path given) {
        Path absolute = given.toAbsolutePath().normalize();
        Path existing = nearestExisting(absolute);
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path.getRoot() : existing;
    }

    private static String slashes(String path) {
        return path.replace('\\', '/');
    }

    @Override
    public void close() {
        Snapshots.deleteTree(root);
    }
}
