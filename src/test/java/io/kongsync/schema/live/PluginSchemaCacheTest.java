package io.kongsync.schema.live;

import io.kongsync.schema.PluginSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSchemaCacheTest {

    private static final Map<String, Object> MY_AUTH = LiveSchemaJson.load("my-auth.json");

    @Test
    void concurrentCallersShareOneFetch() throws InterruptedException {
        AtomicInteger fetches = new AtomicInteger();
        Sinks.One<Optional<Map<String, Object>>> answer = Sinks.one();
        PluginSchemaCache cache = new PluginSchemaCache((version, name) ->
                answer.asMono().doOnSubscribe(s -> fetches.incrementAndGet()));

        int callers = 16;
        CountDownLatch done = new CountDownLatch(callers);
        ConcurrentLinkedQueue<PluginSchema> results = new ConcurrentLinkedQueue<>();
        Flux.range(0, callers).parallel(callers).runOn(Schedulers.parallel())
                .subscribe(i -> cache.get("3.9.1", "my-auth").subscribe(s -> {
                    results.add(s.orElseThrow());
                    done.countDown();
                }));
        answer.tryEmitValue(Optional.of(MY_AUTH));

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fetches).hasValue(1);
        assertThat(results).hasSize(callers).allSatisfy(s -> assertThat(s).isSameAs(results.peek()));
        assertThat(results.peek().config().field("timeout").defaultValue()).isEqualTo(1000);
    }

    @Test
    void keyedByVersionAndName() {
        List<String> fetched = new java.util.concurrent.CopyOnWriteArrayList<>();
        PluginSchemaCache cache = new PluginSchemaCache((version, name) -> Mono.fromCallable(() -> {
            fetched.add(version + "/" + name);
            return Optional.of(MY_AUTH);
        }));

        for (int i = 0; i < 2; i++) {
            cache.get("3.9.1", "my-auth").block();
            cache.get("3.8.0", "my-auth").block();
            cache.get("3.9.1", "other").block();
        }

        assertThat(fetched).containsExactly("3.9.1/my-auth", "3.8.0/my-auth", "3.9.1/other");
        assertThat(cache.get("3.9.1", "other").block()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("other"));
    }

    @Test
    void anUnknownPluginIsRememberedAsUnknown() {
        AtomicInteger fetches = new AtomicInteger();
        PluginSchemaCache cache = new PluginSchemaCache((version, name) ->
                Mono.fromCallable(() -> Optional.<Map<String, Object>>empty()).doOnSubscribe(s -> fetches.incrementAndGet()));

        StepVerifier.create(cache.get("3.9.1", "nope")).expectNext(Optional.empty()).verifyComplete();
        StepVerifier.create(cache.get("3.9.1", "nope")).expectNext(Optional.empty()).verifyComplete();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aFailedFetchIsNotRememberedSoTheNextCallerRetries() {
        AtomicInteger fetches = new AtomicInteger();
        PluginSchemaCache cache = new PluginSchemaCache((version, name) -> Mono.defer(() ->
                fetches.incrementAndGet() == 1
                        ? Mono.error(new IllegalStateException("connection refused"))
                        : Mono.just(Optional.of(MY_AUTH))));

        StepVerifier.create(cache.get("3.9.1", "my-auth")).expectErrorMessage("connection refused").verify();
        StepVerifier.create(cache.get("3.9.1", "my-auth")).assertNext(s -> assertThat(s).isPresent()).verifyComplete();
        StepVerifier.create(cache.get("3.9.1", "my-auth")).assertNext(s -> assertThat(s).isPresent()).verifyComplete();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aMalformedSchemaIsAnErrorNotAnEmptyAnswer() {
        PluginSchemaCache cache = new PluginSchemaCache((version, name) ->
                Mono.just(Optional.of(Map.<String, Object>of("message", "An unexpected error occurred"))));

        StepVerifier.create(cache.get("3.9.1", "my-auth")).expectError(IllegalArgumentException.class).verify();
    }
}
