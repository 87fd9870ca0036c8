package io.kongsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRouteSourceTest {

    @TempDir
    Path temp;

    @Test
    void checkoutGivesTheDirectoryAsItIsNow() throws Exception {
        Path routes = Files.createDirectories(temp.resolve("routes"));
        Files.writeString(routes.resolve("a.yaml"), "a: 1\n");
        DirectoryRouteSource source = new DirectoryRouteSource(routes);

        Snapshot snapshot = source.checkout(null);

        assertThat(snapshot).isEqualTo(new Snapshot(null, null, null, null, routes));
        assertThat(source.routesChanged(null, null)).isTrue();
        assertThat(source.routesChanged("a", "b")).isTrue();
        assertThat(source.info()).isEqualTo(new SourceInfo("directory", routes.toUri().toString(), null,
                routes.toString()));
    }

    @Test
    void refsAndMissingDirectoriesAreRefused() throws Exception {
        Path routes = Files.createDirectories(temp.resolve("routes"));
        Path file = Files.writeString(temp.resolve("kong.yaml"), "x: 1\n");

        assertThatThrownBy(() -> new DirectoryRouteSource(routes).checkout("main"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot check out 'main': the routes come from the directory ")
                .hasMessageEndingWith("(set kongsync.git.uri to sync from git)");
        assertThatThrownBy(() -> new DirectoryRouteSource(temp.resolve("nope")).checkout(null))
                .isInstanceOf(SourceException.class)
                .hasMessage("routes directory " + temp.resolve("nope") + " does not exist");
        assertThatThrownBy(() -> new DirectoryRouteSource(file).checkout(null))
                .isInstanceOf(SourceException.class)
                .hasMessage("routes directory " + file + " is not a directory");
    }
}
