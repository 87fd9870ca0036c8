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
 * How {@link DeckFileReader} reads: size and alias limits, where standard input and environment variables come from,
 * the template functions besides the built-in {@code env}, and how sources are named in messages.
 *
 * @param codePointLimit         the largest file, in Unicode code points
 * @param maxAliasesForCollections the most aliases to mappings or sequences a file may use (snakeyaml's limit)
 * @param maxAliasExpansionNodes the most nodes that expanding aliases may produce in one file (billion laughs)
 * @param stdin                  standard input, read for the source {@code -}
 * @param environment            variable name to value, null when unset
 * @param templateFunctions      extra template functions; one named {@code env} replaces the built-in one
 * @param sourceNames            how to name a source in messages, by the path given: its files are named
 *                               {@code NAME/RELATIVE}, or {@code RELATIVE} when the name is empty. Sources not in it
 *                               are named as given.
 */
public record ReadOptions(int codePointLimit, int maxAliasesForCollections, int maxAliasExpansionNodes,
                          Supplier<InputStream> stdin, Function<String, String> environment,
                          List<TemplateFunction> templateFunctions, Map<Path, String> sourceNames) {

    public static final int DEFAULT_CODE_POINT_LIMIT = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_ALIASES_FOR_COLLECTIONS = 50;
    public static final int DEFAULT_MAX_ALIAS_EXPANSION_NODES = 1_000_000;

    public ReadOptions {
        Objects.requireNonNull(stdin);
        Objects.requireNonNull(environment);
        templateFunctions = List.copyOf(templateFunctions);
        sourceNames = Map.copyOf(sourceNames);
    }

    /** Production defaults: the process's standard input and environment. */
    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_CODE_POINT_LIMIT, DEFAULT_MAX_ALIASES_FOR_COLLECTIONS,
                DEFAULT_MAX_ALIAS_EXPANSION_NODES, () -> System.in, System::getenv, List.of(), Map.of());
    }

    public ReadOptions withCodePointLimit(int limit) {
        return new ReadOptions(limit, maxAliasesForCollections, maxAliasExpansionNodes, stdin, environment,
                templateFunctions, sourceNames);
    }

    public ReadOptions withAliasLimits(int maxAliases, int maxExpansionNodes) {
        return new ReadOptions(codePointLimit, maxAliases, maxExpansionNodes, stdin, environment, templateFunctions,
                sourceNames);
    }

    public ReadOptions withStdin(Supplier<InputStream> input) {
        return new ReadOptions(codePointLimit, maxAliasesForCollections, maxAliasExpansionNodes, input, environment,
                templateFunctions, sourceNames);
    }

    public ReadOptions withEnvironment(Function<String, String> env) {
        return new ReadOptions(codePointLimit, maxAliasesForCollections, maxAliasExpansionNodes, stdin, env,
                templateFunctions, sourceNames);
    }

    public ReadOptions withTemplateFunctions(List<TemplateFunction> functions) {
        return new ReadOptions(codePointLimit, maxAliasesForCollections, maxAliasExpansionNodes, stdin, environment,
                functions, sourceNames);
    }

    /**
     * Names {@code source} as {@code name} in messages, e.g. a checked-out snapshot directory as the path it has in
     * the repository, so that messages do not show where the server keeps it.
     */
    public ReadOptions withSourceName(Path source, String name) {
        Map<Path, String> names = new LinkedHashMap<>(sourceNames);
        names.put(source, name);
        return new ReadOptions(codePointLimit, maxAliasesForCollections, maxAliasExpansionNodes, stdin, environment,
                templateFunctions, names);
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
