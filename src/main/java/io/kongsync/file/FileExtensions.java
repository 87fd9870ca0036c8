package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * decK's file-level settings that change the entities of every file read together, applied before anything checks
 * them: {@code _plugin_configs} (shared plugin configs a plugin names with {@code _config}, its own config merged
 * over the shared one) and {@code _info.defaults} (values for the fields a service, route, upstream or target does
 * not set). A value taken from a template stays sensitive where it is copied to.
 */
final class FileExtensions {

    static final String PLUGIN_CONFIGS = "_plugin_configs";
    static final String CONFIG_SOURCE = "_config";

    /** The kinds {@code _info.defaults} may hold, where their entities sit, and the fields a default may not set. */
    private record DefaultsKind(String key, List<List<String>> places, List<String> restricted) {
    }

    private static final List<DefaultsKind> DEFAULTS_KINDS = List.of(
            new DefaultsKind("service", List.of(List.of("services")), List.of("id", "name")),
            new DefaultsKind("route", List.of(List.of("services", "routes"), List.of("routes")), List.of("id", "name")),
            new DefaultsKind("upstream", List.of(List.of("upstreams")), List.of("id", "name")),
            new DefaultsKind("target", List.of(List.of("upstreams", "targets"), List.of("targets")),
                    List.of("id", "target")));

    /** Where plugin objects sit in a decK file. */
    private static final List<List<String>> PLUGIN_PLACES = List.of(
            List.of("plugins"),
            List.of("services", "plugins"),
            List.of("services", "routes", "plugins"),
            List.of("routes", "plugins"),
            List.of("consumers", "plugins"),
            List.of("consumer_groups", "plugins"));

    private static final List<List<String>> BASIC_AUTH_PLACES = List.of(
            List.of("consumers", "basicauth_credentials"), List.of("basicauth_credentials"));
    /** How Kong stores a basic-auth password: the hex SHA-1 of the password followed by the consumer's id. */
    private static final Pattern STORED_PASSWORD = Pattern.compile("[0-9a-fA-F]{40}");

    /** The service fields the {@code url} shorthand sets: a service with a url takes no default for them. */
    private static final Set<String> URL_PARTS = Set.of("protocol", "host", "port", "path");

    /** A value declared once for all files: where it was written and the file whose templates it may hold. */
    private record Declared(Object value, DeckFileReader.Parsed file, String path) {
    }

    private FileExtensions() {
    }

    static void apply(List<DeckFileReader.Parsed> files) {
        Map<String, Declared> sharedConfigs = sharedConfigs(files);
        Map<String, Map<String, Declared>> defaults = defaults(files);
        boolean hashedPasswords = files.stream().anyMatch(f -> f.content().get("_info") instanceof Map<?, ?> info
                && Boolean.TRUE.equals(info.get("skip_hash_for_basic_auth")));
        for (DeckFileReader.Parsed file : files) {
            if (hashedPasswords) {
                for (List<String> place : BASIC_AUTH_PLACES) {
                    each(file.content(), place, "", (path, credential) -> requireHash(file, path, credential));
                }
            }
            for (List<String> place : PLUGIN_PLACES) {
                each(file.content(), place, "", (path, plugin) -> useSharedConfig(file, path, plugin, sharedConfigs));
            }
            for (DefaultsKind kind : DEFAULTS_KINDS) {
                Map<String, Declared> values = defaults.getOrDefault(kind.key(), Map.of());
                if (values.isEmpty()) {
                    continue;
                }
                for (List<String> place : kind.places()) {
                    each(file.content(), place, "", (path, entity) -> fill(file, path, entity, kind, values));
                }
            }
        }
    }

    // ---- _plugin_configs -------------------------------------------------------------------------------------------

    private static Map<String, Declared> sharedConfigs(List<DeckFileReader.Parsed> files) {
        Map<String, Declared> shared = new LinkedHashMap<>();
        for (DeckFileReader.Parsed file : files) {
            if (!(file.content().get(PLUGIN_CONFIGS) instanceof Map<?, ?> configs)) {
                continue; // anything else is reported by the schema check
            }
            configs.forEach((name, config) -> {
                String path = SourceMap.child(PLUGIN_CONFIGS, String.valueOf(name));
                Declared first = shared.putIfAbsent(String.valueOf(name), new Declared(config, file, path));
                if (first != null) {
                    report(file, path, "the shared plugin config '" + name + "' is also defined at "
                            + first.file().positions().at(first.path()).position()
                            + "; each name may be defined once across the files read together");
                }
            });
        }
        return shared;
    }

    @SuppressWarnings("unchecked")
    private static void useSharedConfig(DeckFileReader.Parsed file, String path, Map<String, Object> plugin,
                                        Map<String, Declared> shared) {
        if (!plugin.containsKey(CONFIG_SOURCE)) {
            return;
        }
        Object name = plugin.get(CONFIG_SOURCE);
        String sourcePath = SourceMap.child(path, CONFIG_SOURCE);
        Declared source = name instanceof String s ? shared.get(s) : null;
        if (source == null) {
            String known = shared.isEmpty() ? "no " + PLUGIN_CONFIGS + " are defined"
                    : "known: " + String.join(", ", new TreeSet<>(shared.keySet()));
            report(file, sourcePath, name instanceof String s
                    ? "unknown shared plugin config '" + s + "' (" + known + ")"
                    : CONFIG_SOURCE + " must name an entry of " + PLUGIN_CONFIGS + " (" + known + ")");
            file.positions().remove(plugin, CONFIG_SOURCE);
            return;
        }
        if (!(source.value() instanceof Map<?, ?> sharedConfig)) {
            report(file, sourcePath, "the shared plugin config '" + name + "' at "
                    + source.file().positions().at(source.path()).position() + " is not a mapping");
            file.positions().remove(plugin, CONFIG_SOURCE);
            return;
        }
        String configPath = SourceMap.child(path, "config");
        Object own = plugin.get("config");
        if (own != null && !(own instanceof Map<?, ?>)) {
            file.positions().remove(plugin, CONFIG_SOURCE);
            return; // a config that is no mapping is reported by the schema check
        }
        Map<String, Object> config = own == null ? new LinkedHashMap<>() : (Map<String, Object>) own;
        merge(config, (Map<String, Object>) sharedConfig, source, file, configPath);
        plugin.put("config", config);
        file.positions().remove(plugin, CONFIG_SOURCE);
    }

    // ---- _info.skip_hash_for_basic_auth ----------------------------------------------------------------------------

    /** With hashed passwords declared, a password that is no such hash is plaintext written by mistake. */
    private static void requireHash(DeckFileReader.Parsed file, String path, Map<String, Object> credential) {
        if (credential.get("password") instanceof String password && !STORED_PASSWORD.matcher(password).matches()) {
            report(file, SourceMap.child(path, "password"), "_info.skip_hash_for_basic_auth says passwords are the "
                    + "hashes Kong stores (40 hex digits, as 'kongsync dump' writes them), but this one is not");
        }
    }

    // ---- _info.defaults --------------------------------------------------------------------------------------------

    /** Every file's defaults by kind and field; two files giving one field different values is a problem. */
    private static Map<String, Map<String, Declared>> defaults(List<DeckFileReader.Parsed> files) {
        Map<String, Map<String, Declared>> byKind = new LinkedHashMap<>();
        for (DeckFileReader.Parsed file : files) {
            if (!(file.content().get("_info") instanceof Map<?, ?> info)
                    || !(info.get("defaults") instanceof Map<?, ?> declared)) {
                continue;
            }
            for (DefaultsKind kind : DEFAULTS_KINDS) {
                if (!(declared.get(kind.key()) instanceof Map<?, ?> fields)) {
                    continue; // anything else is reported by the schema check
                }
                String kindPath = "_info.defaults." + kind.key();
                fields.forEach((field, value) -> {
                    String path = SourceMap.child(kindPath, String.valueOf(field));
                    if (kind.restricted().contains(String.valueOf(field))) {
                        report(file, path, "defaults may not set " + field + ": it identifies each " + kind.key()
                                + " (decK refuses it too)");
                        return;
                    }
                    Map<String, Declared> kindDefaults = byKind.computeIfAbsent(kind.key(), k -> new LinkedHashMap<>());
                    Declared first = kindDefaults.putIfAbsent(String.valueOf(field), new Declared(value, file, path));
                    if (first != null && !Objects.equals(first.value(), value)) {
                        report(file, path, "differs from the default at "
                                + first.file().positions().at(first.path()).position()
                                + "; all files read together share one set of defaults");
                    }
                });
            }
        }
        return byKind;
    }

    @SuppressWarnings("unchecked")
    private static void fill(DeckFileReader.Parsed file, String path, Map<String, Object> entity, DefaultsKind kind,
                             Map<String, Declared> defaults) {
        boolean url = kind.key().equals("service") && entity.get("url") != null;
        defaults.forEach((field, declared) -> {
            if (url && URL_PARTS.contains(field)) {
                return;
            }
            String fieldPath = SourceMap.child(path, field);
            Object own = entity.get(field);
            if (declared.value() == null) {
                return; // as in decK, a default written as null sets nothing
            }
            if (own == null) {
                entity.put(field, copy(declared.value()));
                markSensitive(declared, declared.path(), file, fieldPath);
            } else if (own instanceof Map<?, ?> ownRecord && declared.value() instanceof Map<?, ?> defaultRecord) {
                merge((Map<String, Object>) ownRecord, (Map<String, Object>) defaultRecord, declared, file, fieldPath);
            }
        });
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    /** Adds what {@code target} does not set from {@code source}, recursing into mappings both have. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> source, Declared from,
                              DeckFileReader.Parsed into, String targetPath) {
        source.forEach((key, value) -> {
            String sourcePath = SourceMap.child(from.path(), key);
            String path = SourceMap.child(targetPath, key);
            Object own = target.get(key);
            if (!target.containsKey(key)) {
                target.put(key, copy(value));
                markSensitive(from, sourcePath, into, path);
            } else if (own instanceof Map<?, ?> ownMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) ownMap, (Map<String, Object>) valueMap,
                        new Declared(valueMap, from.file(), sourcePath), into, path);
            }
        });
    }

    /** The paths under {@code sourcePath} that hold substituted values become sensitive under {@code targetPath}. */
    private static void markSensitive(Declared from, String sourcePath, DeckFileReader.Parsed into,
                                      String targetPath) {
        List<String> sensitive = new ArrayList<>();
        for (String substituted : from.file().substitutedPaths()) {
            if (substituted.equals(sourcePath) || substituted.startsWith(sourcePath + ".")
                    || substituted.startsWith(sourcePath + "[")) {
                sensitive.add(targetPath + substituted.substring(sourcePath.length()));
            }
        }
        into.substitutedPaths().addAll(sensitive);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    /** Calls {@code visitor} with each mapping at the end of {@code steps} (lists walked, each item a step). */
    @SuppressWarnings("unchecked")
    private static void each(Map<String, Object> node, List<String> steps, String path,
                             BiConsumer<String, Map<String, Object>> visitor) {
        if (!(node.get(steps.get(0)) instanceof List<?> items)) {
            return;
        }
        String listPath = SourceMap.child(path, steps.get(0));
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                continue;
            }
            String itemPath = SourceMap.item(listPath, i);
            if (steps.size() == 1) {
                visitor.accept(itemPath, (Map<String, Object>) item);
            } else {
                each((Map<String, Object>) item, steps.subList(1, steps.size()), itemPath, visitor);
            }
        }
    }

    private static void report(DeckFileReader.Parsed file, String path, String message) {
        Origin origin = file.positions().at(path);
        file.diagnostics().add(new Diagnostic(origin, message));
    }
}
