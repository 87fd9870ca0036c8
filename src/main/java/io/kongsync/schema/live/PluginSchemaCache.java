package io.kongsync.schema.live;

import io.kongsync.schema.PluginSchema;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Live plugin schemas per (Kong version, plugin name), fetched once. Thread-safe: concurrent callers for one key
 * share a single fetch. A plugin Kong does not know (an empty answer) is remembered as such; a failed fetch is not,
 * so the next caller tries again.
 */
public final class PluginSchemaCache {

    /** Reactor's "never expires" for {@link Mono#cache(java.util.function.Function, java.util.function.Function, java.util.function.Supplier)}. */
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private record Key(String version, String name) {
    }

    private final BiFunction<String, String, Mono<Optional<Map<String, Object>>>> loader;
    private final Map<Key, Mono<Optional<PluginSchema>>> schemas = new ConcurrentHashMap<>();

    /**
     * @param loader fetches {@code GET /schemas/plugins/{name}} from a Kong of the given version: the decoded JSON
     *               body, or empty when Kong answers 404 (no such plugin)
     */
    public PluginSchemaCache(BiFunction<String, String, Mono<Optional<Map<String, Object>>>> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The plugin's schema as that Kong version serves it; empty when Kong has no such plugin. */
    public Mono<Optional<PluginSchema>> get(String kongVersion, String pluginName) {
        Key key = new Key(Objects.requireNonNull(kongVersion, "kongVersion"), Objects.requireNonNull(pluginName, "pluginName"));
        return schemas.computeIfAbsent(key, this::fetch);
    }

    private Mono<Optional<PluginSchema>> fetch(Key key) {
        return Mono.defer(() -> loader.apply(key.version(), key.name()))
                .map(json -> json.map(body -> KongSchemaParser.parsePlugin(key.name(), body)))
                .defaultIfEmpty(Optional.empty())
                .cache(schema -> FOREVER, error -> Duration.ZERO, () -> FOREVER);
    }
}
