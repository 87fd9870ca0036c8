package io.kongsync.git;

import java.nio.file.Files;
import java.nio.file.Path;

public final class DirectoryRouteSource implements RouteSource {

    private final Path routes;

    public DirectoryRouteSource(Path routes) {
        this.routes = routes;
    }

    @Override
    public Snapshot checkout(String ref) {
        if (ref != null) {
            throw new SourceException("the routes come from the directory " + routes + ", which has no commits: "
                    + "a ref (" + ref + ") cannot be checked out");
        }
        if (!Files.isDirectory(routes)) {
            throw new SourceException("the routes directory " + routes.toAbsolutePath() + " does not exist");
        }
        return new Snapshot(null, null, null, null, routes);
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo("directory", routes.toAbsolutePath().normalize().toUri().toString(), null,
                routes.toString());
    }

    @Override
    public boolean routesChanged(String fromCommit, String toCommit) {
        return true;
    }
}
