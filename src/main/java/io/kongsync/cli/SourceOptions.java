package io.kongsync.cli;

import io.kongsync.schema.RouterFlavor;
import io.kongsync.state.StateLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Where the files are and how to read them; shared by every command that reads files. */
final class SourceOptions {

    @Option(names = {"-s", "--state"}, paramLabel = "PATH",
            description = "A decK-format file or directory (read recursively); repeatable; - for standard input. "
                    + "Default: routes")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--custom-plugin", paramLabel = "NAME",
            description = "Accept a plugin that is not bundled with Kong 3.9 (its config is not checked); repeatable.")
    List<String> customPlugins = new ArrayList<>();

    @Option(names = "--ownership-tag", paramLabel = "TAG", defaultValue = "managed-by:kongsync",
            description = "The tag that marks the entities kongsync manages. Default: ${DEFAULT-VALUE}")
    String ownershipTag;

    @Option(names = "--allow-empty",
            description = "Accept a source that holds no route files (an empty directory): an empty configuration, "
                    + "which sync applies by deleting everything kongsync manages (within the mass-delete guard).")
    boolean allowEmpty;

    @Option(names = "--router-flavor", paramLabel = "FLAVOR", converter = RouterFlavorOption.class,
            description = RouterFlavorOption.DESCRIPTION + " Without Kong: default traditional_compatible (Kong's "
                    + "default); against Kong: what it reports in GET /.")
    RouterFlavor routerFlavor;

    List<Path> sources() {
        return sources.isEmpty() ? List.of(Path.of("routes")) : sources;
    }

    /** For files planned against a Kong: without --router-flavor, the Kong's own flavor decides. */
    StateLoader.Options loaderOptions() {
        return new StateLoader.Options(new LinkedHashSet<>(customPlugins), ownershipTag, allowEmpty, routerFlavor);
    }

    /** For files checked without a Kong: without --router-flavor, Kong's default flavor. */
    StateLoader.Options offlineLoaderOptions() {
        return loaderOptions().withRouterFlavor(routerFlavor != null ? routerFlavor : RouterFlavor.DEFAULT);
    }
}
