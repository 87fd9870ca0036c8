package io.kongsync.file;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How {@link DeckFileReader} reads: limits, where standard input and environment variables come from, the template
 * functions besides the built-in {@code env}, and how sources are named in messages.
 *
 * @param limits            what a file may cost before it is refused
 * @param stdin             standard input, read for the source {@code -}
 * @param environment       variable name to value, null when unset
 * @param templateFunctions extra template functions; one named {@code env} replaces the built-in one
 * @param sourceNames       how to name a source in messages, by the path given: its files are named
 *                          {@code NAME/RELATIVE}, or {@code RELATIVE} when the name is empty. Sources not in it are
 *                          named as given.
 */
public record ReadOptions(Limits limits, Supplier<InputStream> stdin, Function<String, String> environment,
                          List<TemplateFunction> templateFunctions, Map<Path, String> sourceNames) {

    /**
     * @param maxFileBytes             the largest file, checked before it is parsed
     * @param maxNestingDepth          the deepest nesting of mappings and sequences (the root mapping is level 1)
     * @param maxAliasesForCollections the most aliases to mappings or sequences a file may use (snakeyaml's limit)
     * @param maxAliasExpansionNodes   the most nodes that expanding aliases may produce in one file (billion laughs)
     */
    public record Limits(long maxFileBytes, int maxNestingDepth, int maxAliasesForCollections,
                         int maxAliasExpansionNodes) {

        public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
        public static final int DEFAULT_MAX_NESTING_DEPTH = 100;
        public static final int DEFAULT_MAX_ALIASES_FOR_COLLECTIONS = 50;
        public static final int DEFAULT_MAX_ALIAS_EXPANSION_NODES = 1_000_000;

        public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_ALIASES_FOR_COLLECTIONS, DEFAULT_MAX_ALIAS_EXPANSION_NODES);

        public Limits {
            if (maxFileBytes < 1 || maxNestingDepth < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    public ReadOptions {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(stdin);
        Objects.requireNonNull(environment);
        templateFunctions = List.copyOf(templateFunctions);
        sourceNames = Map.copyOf(sourceNames);
    }

    /** Production defaults: the process's standard input and environment. */
    public static ReadOptions defaults() {
        return new ReadOptions(Limits.DEFAULTS, () -> System.in, System::getenv, List.of(), Map.of());
    }

    public ReadOptions withMaxFileBytes(long bytes) {
        return withLimits(new Limits(bytes, limits.maxNestingDepth(), limits.maxAliasesForCollections(),
                limits.maxAliasExpansionNodes()));
    }

    public ReadOptions withMaxNestingDepth(int levels) {
        return withLimits(new Limits(limits.maxFileBytes(), levels, limits.maxAliasesForCollections(),
                limits.maxAliasExpansionNodes()));
    }

    public ReadOptions withAliasLimits(int maxAliases, int maxExpansionNodes) {
        return withLimits(new Limits(limits.maxFileBytes(), limits.maxNestingDepth(), maxAliases, maxExpansionNodes));
    }

    public ReadOptions withLimits(Limits newLimits) {
        return new ReadOptions(newLimits, stdin, environment, templateFunctions, sourceNames);
    }

    public ReadOptions withStdin(Supplier<InputStream> input) {
        return new ReadOptions(limits, input, environment, templateFunctions, sourceNames);
    }

    public ReadOptions withEnvironment(Function<String, String> env) {
        return new ReadOptions(limits, stdin, env, templateFunctions, sourceNames);
    }

    public ReadOptions withTemplateFunctions(List<TemplateFunction> functions) {
        return new ReadOptions(limits, stdin, environment, functions, sourceNames);
    }

    /**
     * Names {@code source} as {@code name} in messages, e.g. a checked-out snapshot directory as the path it has in
     * the repository, so that messages do not show where the server keeps it.
     */
    public ReadOptions withSourceName(Path source, String name) {
        Map<Path, String> names = new LinkedHashMap<>(sourceNames);
        names.put(source, name);
        return new ReadOptions(limits, stdin, environment, templateFunctions, names);
    }

    /** Every usable template function by name: the built-in {@code env}, then the registered ones. */
    public Map<String, TemplateFunction> functionsByName() {
        Map<String, TemplateFunction> byName = new LinkedHashMap<>();
        byName.put(EnvTemplateFunction.NAME, new EnvTemplateFunction(environment));
        for (TemplateFunction f : templateFunctions) {
            byName.put(f.name(), f);
        }
        return byName;
    }
}
