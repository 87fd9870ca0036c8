package io.kongsync.file;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where a file crosses the limit of aliases to collections. snakeyaml's composer refuses such a file without
 * saying where; its event parser expands nothing, so reading the events again is cheap and safe.
 */
final class AliasLocator {

    private AliasLocator() {
    }

    static Optional<Mark> firstAliasBeyond(Path file, int limit) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliases = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (Event event : new Parse(LoadSettings.builder().setUseMarks(true).build()).parseInputStream(in)) {
                if (event instanceof CollectionStartEvent start) {
                    start.getAnchor().map(Anchor::getValue).ifPresent(collectionAnchors::add);
                } else if (event instanceof AliasEvent alias
                        && collectionAnchors.contains(alias.getAlias().getValue())
                        && ++aliases > limit) {
                    return alias.getStartMark();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
