package io.kongsync.state;

import io.kongsync.file.DeckFileReader;
import io.kongsync.file.Flattener;
import io.kongsync.file.ReadOptions;
import io.kongsync.file.ReadResult;
import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.validate.Diagnostic;
import io.kongsync.validate.SchemaCheck;
import io.kongsync.validate.SemanticValidator;
import io.kongsync.validate.Warnings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one entry point from files to a state: read, check against the JSON Schema, undo the nesting, build the
 * normalized state and check Kong's rules. Every problem is collected; a caller must not use the state when there
 * are any.
 */
public final class StateLoader {

    private StateLoader() {
    }

    /**
     * @param customPlugins plugin names accepted besides Kong's bundled ones
     * @param ownershipTag  the tag that marks what kongsync manages
     * @param allowEmpty    accept sources that hold no route files; otherwise each is a problem, since applying
     *                      the empty configuration they amount to would delete everything kongsync manages
     * @param routerFlavor  the Kong router flavor routes are checked for; null (the default) when the Kong planned
     *                      against decides, once it has answered
     */
    public record Options(Set<String> customPlugins, String ownershipTag, boolean allowEmpty,
                          RouterFlavor routerFlavor) {

        public Options {
            customPlugins = Set.copyOf(customPlugins);
        }

        public Options(Set<String> customPlugins, String ownershipTag, boolean allowEmpty) {
            this(customPlugins, ownershipTag, allowEmpty, null);
        }

        /** Empty sources refused. */
        public Options(Set<String> customPlugins, String ownershipTag) {
            this(customPlugins, ownershipTag, false);
        }

        public static Options defaults() {
            return new Options(Set.of(), StateBuilder.Options.DEFAULT_OWNERSHIP_TAG);
        }

        public Options withAllowEmpty(boolean allow) {
            return new Options(customPlugins, ownershipTag, allow, routerFlavor);
        }

        public Options withRouterFlavor(RouterFlavor flavor) {
            return new Options(customPlugins, ownershipTag, allowEmpty, flavor);
        }
    }

    /**
     * A loaded state, its problems (sorted by file and line), the files' select tags and how many files were read.
     *
     * @param diagnostics already masked with {@code masking}
     * @param masking     the run's secrets: the values the templates resolved and the state's secret values. Every
     *                    later message about this state must go through it.
     * @param warnings    what Kong accepts but was probably not meant ({@link Warnings}), masked like the problems
     */
    public record Loaded(State state, List<Diagnostic> diagnostics, Set<String> selectTags, int files,
                         MaskingPolicy masking, List<Diagnostic> warnings) {

        public Loaded {
            Objects.requireNonNull(masking, "masking");
            warnings = List.copyOf(warnings);
        }

        public Loaded(State state, List<Diagnostic> diagnostics, Set<String> selectTags, int files,
                      MaskingPolicy masking) {
            this(state, diagnostics, selectTags, files, masking, List.of());
        }

        /** A state with no secrets of its own beyond what {@link MaskingPolicy#of(State)} finds in it. */
        public Loaded(State state, List<Diagnostic> diagnostics, Set<String> selectTags, int files) {
            this(state, diagnostics, selectTags, files, MaskingPolicy.of(state));
        }
    }

    /** The desired state: what the files say Kong should run. */
    public static Loaded loadDesired(List<Path> sources, Options options) {
        return loadDesired(sources, options, ReadOptions.defaults());
    }

    public static Loaded loadDesired(List<Path> sources, Options options, ReadOptions readOptions) {
        try {
            return checked(sources, options, readOptions);
        } catch (OutOfMemoryError e) {
            // the reader reports a file too big to parse; this is for the checks after it
            String shown = String.join(", ", sources.stream().map(s -> shownName(s, readOptions)).toList());
            return new Loaded(State.EMPTY, List.of(new Diagnostic(new Origin(shown, 0, 0, ""), "not enough memory "
                    + "to check these files; split them, or give kongsync more memory (-Xmx)")), Set.of(), 0,
                    MaskingPolicy.NONE);
        }
    }

    private static String shownName(Path source, ReadOptions readOptions) {
        String name = readOptions.sourceNames().getOrDefault(source, source.toString());
        return name.isEmpty() ? String.valueOf(source.getFileName()) : name;
    }

    private static Loaded checked(List<Path> sources, Options options, ReadOptions readOptions) {
        ReadResult read = new DeckFileReader().read(sources, readOptions);
        List<Diagnostic> problems = new ArrayList<>(read.diagnostics());
        if (!options.allowEmpty()) {
            read.emptySources().forEach(empty -> problems.add(new Diagnostic(empty.origin(), empty.message()
                    + "; an empty source is refused unless empty sources are allowed (an empty configuration would "
                    + "delete everything kongsync manages)")));
        }
        SchemaCheck schemaCheck = SchemaCheck.shipped();
        read.files().parallelStream().map(schemaCheck::check).toList().forEach(problems::addAll);
        Flattener.Result flat = Flattener.flatten(read.files());
        problems.addAll(flat.diagnostics());
        StateBuilder.Result built = StateBuilder.build(flat.entities(),
                new StateBuilder.Options(options.ownershipTag(), flat.selectTags(), true));
        problems.addAll(built.diagnostics());
        problems.addAll(SemanticValidator.validate(flat.entities(), built.state(), built.sources(),
                options.customPlugins(), options.routerFlavor()));
        return loaded(read, built.state(), problems, flat.selectTags(), Warnings.of(built.state(), built.sources()));
    }

    /**
     * A current state from a file: a decK-format file or a Kong-style echo (ids, timestamps, every default explicit,
     * references by id). Taken as it is: no schema check, no tags added.
     */
    public static Loaded loadCurrent(Path file, Options options) {
        ReadResult read = new DeckFileReader().read(List.of(file), ReadOptions.defaults());
        Flattener.Result flat = Flattener.flatten(read.files());
        StateBuilder.Result built = StateBuilder.build(flat.entities(),
                new StateBuilder.Options(options.ownershipTag(), Set.of(), false));
        List<Diagnostic> problems = new ArrayList<>(read.diagnostics());
        problems.addAll(flat.diagnostics());
        problems.addAll(built.diagnostics());
        return loaded(read, built.state(), problems, flat.selectTags(), List.of());
    }

    /** Every problem leaves masked: checks after the reader quote the substituted values they find wrong. */
    private static Loaded loaded(ReadResult read, State state, List<Diagnostic> problems, Set<String> selectTags,
                                 List<Diagnostic> warnings) {
        MaskingPolicy masking = read.masking().and(MaskingPolicy.of(state));
        List<Diagnostic> maskedWarnings = new ArrayList<>(masking.maskAll(warnings));
        maskedWarnings.sort(null);
        return new Loaded(state, distinctSorted(masking.maskAll(problems)), selectTags, read.files().size(), masking,
                maskedWarnings);
    }

    /** One problem per place: the schema check and Kong's rules often see the same mistake; the first word stands. */
    private static List<Diagnostic> distinctSorted(List<Diagnostic> problems) {
        Set<String> seen = new HashSet<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : problems) {
            if (seen.add(d.origin().file() + "\u0000" + d.origin().path())) {
                out.add(d);
            }
        }
        out.sort(null);
        return out;
    }
}
