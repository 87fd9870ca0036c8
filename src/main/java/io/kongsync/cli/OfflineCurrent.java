package io.kongsync.cli;

import io.kongsync.file.ReadOptions;
import io.kongsync.git.RevisionFiles;
import io.kongsync.model.Entity;
import io.kongsync.model.State;
import io.kongsync.state.StateLoader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current state of a plan without Kong, and which of its entities kongsync owns:
 * <ul>
 * <li>a {@code --current} file in which some entity carries the ownership tag (a Kong-style echo of a Kong kongsync
 * syncs): the tag decides, as for Kong read live;</li>
 * <li>a {@code --current} file in which no entity carries it (a plain decK file, or a {@code kongsync dump}, which
 * leaves the tag to the loader): every entity in it is kongsync's, as in DB-less Kong, and carries the ownership tag
 * and the file's {@code _info.select_tags}, as the files' entities do;</li>
 * <li>the files at a git revision ({@code --base-ref}): they are kongsync's files, so every entity is kongsync's.</li>
 * </ul>
 */
final class OfflineCurrent {

    /**
     * @param ownsAll every entity in the state is kongsync's, whatever its tags
     */
    record Current(StateLoader.Loaded loaded, boolean ownsAll) {
    }

    private OfflineCurrent() {
    }

    /** The state in a {@code --current} file; says on {@code err} when every entity in it counts as kongsync's. */
    static Current fromFile(Path file, StateLoader.Options options, PrintWriter err) {
        StateLoader.Loaded loaded = StateLoader.loadCurrent(file, options);
        if (!loaded.diagnostics().isEmpty() || anyCarries(loaded.state(), options.ownershipTag())) {
            return new Current(loaded, false);
        }
        if (loaded.state().size() > 0) {
            err.printf("note: no entity in %s carries the tag %s (a plain decK file or a kongsync dump): every "
                    + "entity in it counts as kongsync's.%n", file, options.ownershipTag());
        }
        State owned = withTags(loaded.state(), options.ownershipTag(), loaded.selectTags());
        return new Current(new StateLoader.Loaded(owned, loaded.diagnostics(), loaded.selectTags(), loaded.files(),
                loaded.masking()), true);
    }

    /**
     * The files at the revision, read as the files themselves are (templates, checks); a path that does not exist
     * there holds nothing, so everything the files hold is created. The files are named {@code REVISION:PATH}, the
     * path as given.
     */
    static Current atRevision(RevisionFiles base, String revision, StateLoader.Options options,
                              ReadOptions readOptions, PrintWriter err) {
        List<Path> copies = new ArrayList<>();
        ReadOptions named = readOptions;
        for (RevisionFiles.Found found : base.paths()) {
            if (found.exists()) {
                copies.add(found.copy());
                named = named.withSourceName(found.copy(), revision + ":" + slashes(found.given()));
            } else {
                err.printf("note: %s does not exist at %s (commit %s): it counts as empty, so everything in it is "
                        + "created.%n", found.given(), revision, found.commit());
            }
        }
        if (copies.isEmpty()) {
            return new Current(new StateLoader.Loaded(State.EMPTY, List.of(), Set.of(), 0), true);
        }
        return new Current(StateLoader.loadDesired(copies, options.withAllowEmpty(true), named), true);
    }

    private static boolean anyCarries(State state, String tag) {
        for (Entity entity : state.entities().values()) {
            if (entity.field("tags") instanceof Collection<?> tags && tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static State withTags(State state, String ownershipTag, Set<String> selectTags) {
        List<Entity> tagged = new ArrayList<>(state.size());
        for (Entity entity : state.entities().values()) {
            TreeSet<String> tags = new TreeSet<>(entity.tags());
            tags.add(ownershipTag);
            tags.addAll(selectTags);
            Map<String, Object> fields = new LinkedHashMap<>(entity.fields());
            fields.put("tags", new ArrayList<>(tags));
            tagged.add(new Entity(entity.key(), entity.id(), fields, entity.origin(), entity.sensitivePaths()));
        }
        return State.of(tagged);
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}
