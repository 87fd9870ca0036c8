package io.kongsync.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One directory per commit under {@code root}, holding the routes path as it is at that commit. A directory is
 * written under a temporary name and renamed into place, so readers never see half of one, and it is never
 * written again. Only the {@link #keep} most recently used are kept: a reader of an older one that is still busy
 * after that many newer checkouts loses its files. Symbolic links and submodules are not written.
 */
final class Snapshots {

    static final int DEFAULT_KEEP = 5;
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final int keep;
    private final Object pruneLock = new Object();
    /** Commit ids, most recently used last. */
    private final LinkedHashSet<String> recent = new LinkedHashSet<>();

    Snapshots(Path root, int keep) {
        this.root = root;
        this.keep = keep;
    }

    /** Empties the snapshot directory: after a restart nothing can be in use, and the path may have changed. */
    void reset() {
        deleteTree(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SourceException("cannot create the snapshot directory " + root + ": " + e.getMessage());
        }
    }

    /** The directory of {@code path} at {@code commit}, written if needed. */
    Path materialise(Repository repository, RevCommit commit, String path) {
        Path commitDir = root.resolve(commit.name());
        synchronized (pruneLock) {
            if (Files.isDirectory(commitDir)) {
                used(commit.name());
                return routesDir(commitDir, repository, commit, path);
            }
        }
        Path temp = root.resolve(TEMP_PREFIX + commit.name() + "-" + UUID.randomUUID());
        try {
            write(repository, commit, path, temp);
            synchronized (pruneLock) {
                try {
                    Files.move(temp, commitDir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    // another checkout of the same commit won; its files are the same
                } catch (AtomicMoveNotSupportedException e) {
                    throw new SourceException("the snapshot directory " + root + " does not support atomic renames");
                }
                used(commit.name());
                prune();
            }
        } catch (IOException e) {
            throw new SourceException("cannot write the files of commit " + commit.abbreviate(7).name() + " to "
                    + root + ": " + e.getMessage());
        } finally {
            deleteTree(temp);
        }
        return routesDir(commitDir, repository, commit, path);
    }

    private Path routesDir(Path commitDir, Repository repository, RevCommit commit, String path) {
        if (path.isEmpty()) {
            return commitDir;
        }
        Path target = commitDir.resolve(path);
        if (Files.isDirectory(target)) {
            return target;
        }
        // a single routes file: the directory that holds it (and nothing else)
        return target.getParent();
    }

    /** Writes {@code path} (a directory or a file; empty: the whole tree) as it is at {@code commit} to temp/path. */
    static void write(Repository repository, RevCommit commit, String path, Path temp) throws IOException {
        Files.createDirectories(temp);
        try (ObjectReader reader = repository.newObjectReader()) {
            if (path.isEmpty()) {
                writeTree(reader, commit.getTree(), temp);
                return;
            }
            try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
                if (entry == null) {
                    throw new SourceException("path '" + path + "' does not exist at commit "
                            + commit.abbreviate(7).name());
                }
                FileMode mode = entry.getFileMode(0);
                Path target = safeResolve(temp, path);
                if (mode == FileMode.TREE) {
                    Files.createDirectories(target);
                    writeTree(reader, entry.getObjectId(0), target);
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    Files.createDirectories(target.getParent());
                    copyBlob(reader, entry, target);
                } else {
                    throw new SourceException("path '" + path + "' at commit " + commit.abbreviate(7).name()
                            + " is neither a directory nor a file");
                }
            }
        }
    }

    private static void writeTree(ObjectReader reader, AnyObjectId tree, Path target) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                writeEntry(reader, walk, target);
            }
        }
    }

    private static void writeEntry(ObjectReader reader, TreeWalk walk, Path target) throws IOException {
        FileMode mode = walk.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
            return;
        }
        Path file = safeResolve(target, walk.getPathString());
        Files.createDirectories(file.getParent());
        copyBlob(reader, walk, file);
    }

    private static void copyBlob(ObjectReader reader, TreeWalk walk, Path file) throws IOException {
        try (InputStream in = reader.open(walk.getObjectId(0)).openStream()) {
            Files.copy(in, file);
        }
    }

    /** Tree entry names come from the remote: never let one point outside the snapshot. */
    private static Path safeResolve(Path base, String relative) {
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base.normalize()) || resolved.equals(base.normalize()) && !relative.isEmpty()) {
            throw new SourceException("the repository holds an unsafe path: " + relative);
        }
        return resolved;
    }

    private void used(String commit) {
        recent.remove(commit);
        recent.add(commit);
    }

    private void prune() {
        while (recent.size() > keep) {
            String oldest = recent.iterator().next();
            recent.remove(oldest);
            deleteTree(root.resolve(oldest));
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left behind; removed on the next reset
        }
    }
}
