package io.kongsync.git;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Route files from a local directory, used when no git URI is configured. There are no commits: every
 * checkout is "the files as they are now", and refs are refused.
 */
public final class DirectoryRouteSource implements RouteSource {

    private final Path routesDir;

    public DirectoryRouteSource(Path routesDir) {
        if (routesDir == null) {
            throw new IllegalArgumentException("routes directory is required");
        }
        this.routesDir = routesDir;
    }

    @Override
    public Snapshot checkout(String ref) {
        if (ref != null && !ref.isBlank()) {
            throw new SourceException("cannot check out '" + ref.trim() + "': the routes come from the directory "
                    + routesDir + ", which has no branches or commits (set kongsync.git.uri to sync from git)");
        }
        if (!Files.isDirectory(routesDir)) {
            throw new SourceException("routes directory " + routesDir.toAbsolutePath().normalize()
                    + (Files.exists(routesDir) ? " is not a directory" : " does not exist"));
        }
        return new Snapshot(null, null, null, null, routesDir);
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo("directory", routesDir.toAbsolutePath().normalize().toUri().toString(), null,
                routesDir.toString());
    }

    @Override
    public boolean routesChanged(String fromCommit, String toCommit) {
        return true;
    }
}
