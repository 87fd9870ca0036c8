package io.kongsync.kong;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The only code in kongsync that talks HTTP to Kong's Admin API. Non-blocking; every failure is a {@link KongException}
 * whose message names the request and never holds a request body or the admin token.
 *
 * <p>Paths are relative to the admin URL, start with {@code /} and must already be percent-encoded
 * ({@link KongPaths#segment}). Retries follow {@link KongSettings#retry()}: GET, PUT, PATCH and DELETE are idempotent
 * and are retried on connection failures, timeouts, 5xx and 429; a plain {@link #post} is retried only when Kong cannot
 * have acted on it (failure while connecting, 429, 503), see {@link #postRepeatable} for the rest; 4xx other than 429
 * are never retried. A 429/503 {@code Retry-After} in seconds is honoured, capped by the policy's {@code maxBackoff}.
 */
public final class KongClient implements AutoCloseable {

    public static final String TOKEN_HEADER = "Kong-Admin-Token";
    private static final int PAGE_SIZE = 1000;
    private static final byte[] NO_BODY = new byte[0];
    /** Kong closes idle keep-alive connections after 60 s; drop ours first so a request never meets a dead one. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private final KongSettings settings;
    private final String base;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong requests = new AtomicLong();
    private final RequestObserver observer;

    private KongClient(KongSettings settings, RequestObserver observer) {
        this.settings = settings;
        this.observer = observer;
        String url = settings.adminUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.connections = ConnectionProvider.builder("kongsync-admin")
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(MAX_IDLE)
                .build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()))
                .responseTimeout(settings.readTimeout())
                .headers(headers -> {
                    headers.set(HttpHeaderNames.USER_AGENT, userAgent());
                    headers.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
                    if (settings.adminToken() != null) {
                        headers.set(TOKEN_HEADER, settings.adminToken());
                    }
                });
        if (settings.caCertificate() != null) {
            var caFile = settings.caCertificate().toFile();
            http = http.secure(ssl -> ssl.sslContext(
                    Http11SslContextSpec.forClient().configure(builder -> builder.trustManager(caFile))));
        }
        this.http = http;
    }

    public static KongClient create(KongSettings settings) {
        return new KongClient(settings, RequestObserver.NONE);
    }

    /** A client that tells {@code observer} of every request's method and status. */
    public static KongClient create(KongSettings settings, RequestObserver observer) {
        return new KongClient(settings, java.util.Objects.requireNonNull(observer));
    }

    public URI adminUrl() {
        return settings.adminUrl();
    }

    public KongSettings settings() {
        return settings;
    }

    /** {@code GET /}: version, DB-less or not, installed plugins, router flavor. */
    public Mono<KongInfo> info() {
        return json(HttpMethod.GET, "/", null).map(KongInfo::fromRoot);
    }

    /** {@code GET /status}. */
    public Mono<Map<String, Object>> status() {
        return json(HttpMethod.GET, "/status", null);
    }

    /**
     * Every entity of a collection, page by page ({@code size=1000}), each page one request made when the previous
     * one is consumed; follows Kong's {@code next} verbatim until it is null.
     *
     * @param allTags entities must carry all of these tags (Kong's {@code tags=a,b}); null or empty for no filter
     */
    public Flux<Map<String, Object>> list(String collectionPath, Collection<String> allTags) {
        String first = collectionPath + (collectionPath.contains("?") ? "&" : "?") + "size=" + PAGE_SIZE
                + tagsQuery(allTags);
        return page(first)
                .expand(page -> page.next() == null ? Mono.empty() : page(page.next()))
                .concatMapIterable(Page::data);
    }

    /** The entity at {@code path}; empty when Kong answers 404. */
    public Mono<Map<String, Object>> get(String path) {
        return exchange(HttpMethod.GET, path, null, Replay.ALWAYS, status -> status == 404)
                .flatMap(answer -> answer.status() == 404 ? Mono.empty() : Mono.just(readObject(answer, "GET", path)));
    }

    /** Upsert (or, for targets, update). Retried like every idempotent request. */
    public Mono<Map<String, Object>> put(String path, Map<String, Object> body) {
        return json(HttpMethod.PUT, path, body);
    }

    /**
     * Create. Retried only when Kong cannot have received it (failure while connecting) or refused it before handling
     * (429, 503): a repeat after a lost answer could create a second entity.
     */
    public Mono<Map<String, Object>> post(String path, Map<String, Object> body) {
        return json(HttpMethod.POST, path, body, Replay.IF_NOT_RECEIVED);
    }

    /**
     * Create an entity whose body carries an explicit {@code id} (or another unique key), retried like PUT. If an
     * earlier attempt was carried out but its answer lost, the repeat fails with 409: then
     * {@link KongApiException#isConflictOnRepeat()} is true and the caller may count the create as done.
     * This is how targets are created, since PUT on a target only updates.
     */
    public Mono<Map<String, Object>> postRepeatable(String path, Map<String, Object> body) {
        return json(HttpMethod.POST, path, body, Replay.ALWAYS);
    }

    /**
     * A sync's write, when only its success matters: {@code PUT} (upsert), {@code DELETE} (404 counts as done) or
     * {@code POST} of an entity carrying its id (retried as {@link #postRepeatable}). Kong's answer body is not
     * parsed, which is most of a write's cost on this side.
     */
    public Mono<Void> write(String method, String path, Map<String, Object> body) {
        return switch (method) {
            case "PUT" -> exchange(HttpMethod.PUT, path, body, Replay.ALWAYS, status -> false).then();
            case "POST" -> exchange(HttpMethod.POST, path, body, Replay.ALWAYS, status -> false).then();
            case "DELETE" -> delete(path);
            default -> Mono.error(new IllegalArgumentException("not a sync write: " + method));
        };
    }

    public Mono<Map<String, Object>> patch(String path, Map<String, Object> body) {
        return json(HttpMethod.PATCH, path, body);
    }

    /** Completes on 204 (or any 2xx) and on 404: the entity is gone either way. */
    public Mono<Void> delete(String path) {
        return exchange(HttpMethod.DELETE, path, null, Replay.ALWAYS, status -> status == 404).then();
    }

    /**
     * DB-less: replaces Kong's whole configuration. Sends {@code {"config": declarativeConfig}} to
     * {@code POST /config?flatten_errors=1} (plus {@code check_hash=1} when asked, so Kong answers 304 when the text
     * is the one it runs). Retried like an idempotent request: loading the same text twice is harmless.
     * A 400 fails with a {@link KongApiException} carrying {@code fields} and {@link KongApiException#flattenedErrors()}.
     */
    public Mono<ConfigResult> postConfig(String declarativeConfig, boolean checkHash) {
        String path = checkHash ? "/config?check_hash=1&flatten_errors=1" : "/config?flatten_errors=1";
        return exchange(HttpMethod.POST, path, Map.of("config", declarativeConfig), Replay.ALWAYS, status -> status == 304)
                .map(answer -> answer.status() == 304
                        ? new ConfigResult(304, true, Map.of())
                        : new ConfigResult(answer.status(), false, readObject(answer, "POST", path)));
    }

    /** {@code POST /schemas/plugins/validate}: empty when Kong accepts the plugin, Kong's error when it answers 400. */
    public Mono<KongError> validatePlugin(Map<String, Object> plugin) {
        String path = "/schemas/plugins/validate";
        return exchange(HttpMethod.POST, path, plugin, Replay.ALWAYS, status -> status == 400)
                .flatMap(answer -> answer.status() == 400
                        ? Mono.just(ErrorBodies.parse(json, 400, answer.body()).error())
                        : Mono.empty());
    }

    /** {@code GET /schemas/plugins/{name}}; empty when Kong has no such plugin. */
    public Mono<Map<String, Object>> pluginSchema(String name) {
        return get("/schemas/plugins/" + KongPaths.segment(name));
    }

    /** HTTP requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /** Releases the connection pool. */
    @Override
    public void close() {
        connections.dispose();
    }

    private Mono<Map<String, Object>> json(HttpMethod method, String path, Map<String, Object> body) {
        return json(method, path, body, Replay.ALWAYS);
    }

    private Mono<Map<String, Object>> json(HttpMethod method, String path, Map<String, Object> body, Replay replay) {
        return exchange(method, path, body, replay, status -> false)
                .map(answer -> readObject(answer, method.name(), path));
    }

    private Mono<Page> page(String path) {
        return json(HttpMethod.GET, path, null).map(body -> Page.of(body, path));
    }

    /**
     * Sends the request (with retries) and yields the answer when its status is 2xx or {@code alsoAccepted};
     * otherwise fails with a {@link KongException} that records how many attempts were made.
     */
    private Mono<Answer> exchange(HttpMethod method, String path, Map<String, Object> body, Replay replay,
                                  IntPredicate alsoAccepted) {
        if (!path.startsWith("/")) {
            return Mono.error(new IllegalArgumentException("path must start with '/': " + path));
        }
        byte[] payload;
        try {
            payload = body == null ? null : json.writeValueAsBytes(body);
        } catch (RuntimeException e) {
            // the message of a serialisation failure may quote the body: keep only the type
            return Mono.error(new KongException(method.name(), path,
                    "cannot write the request body as JSON (" + e.getClass().getSimpleName() + ")", 0, false, null));
        }
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException notEncoded) {
            return Mono.error(new IllegalArgumentException("path is not a percent-encoded URI path: " + path));
        }
        return Mono.defer(() -> attempt(method, uri, path, payload, replay, alsoAccepted, 1));
    }

    /**
     * Attempt number {@code attempt}; a retryable failure the policy allows another try for is followed, after its
     * backoff, by the next attempt. A plain loop rather than {@code retryWhen}, whose companion flux every request
     * would build even when it succeeds first time.
     */
    private Mono<Answer> attempt(HttpMethod method, URI uri, String path, byte[] payload, Replay replay,
                                 IntPredicate alsoAccepted, int attempt) {
        requests.incrementAndGet();
        return sendOnce(method, uri, path, payload, replay)
                .flatMap(answer -> answer.isSuccess() || alsoAccepted.test(answer.status())
                        ? Mono.just(answer)
                        : Mono.error(apiFailure(method.name(), path, replay, answer)))
                .onErrorResume(failure -> {
                    if (!(failure instanceof KongException kong)) {
                        return Mono.error(failure);
                    }
                    if (!kong.isRetryable() || !settings.retry().allowsRetry(attempt)) {
                        return Mono.error(kong.withAttempts(attempt));
                    }
                    return Mono.delay(Backoff.delay(settings.retry(), attempt, kong))
                            .then(Mono.defer(() -> attempt(method, uri, path, payload, replay, alsoAccepted,
                                    attempt + 1)));
                });
    }

    private Mono<Answer> sendOnce(HttpMethod method, URI uri, String path, byte[] payload, Replay replay) {
        HttpClient.RequestSender request = http.request(method).uri(uri);
        HttpClient.ResponseReceiver<?> ready = payload == null ? request : request.send((req, out) -> {
            req.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            return out.sendByteArray(Mono.just(payload));
        });
        Mono<Answer> answer = ready.responseSingle((response, body) -> body.asByteArray()
                .defaultIfEmpty(NO_BODY)
                .map(bytes -> new Answer(response.status().code(),
                        response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), bytes)));
        if (observer != RequestObserver.NONE) {
            answer = answer.doOnNext(a -> observer.observed(method.name(), a.status()))
                    .doOnError(e -> observer.observed(method.name(), 0));
        }
        return answer.onErrorMap(e -> !(e instanceof KongException),
                e -> Failures.connectionFailure(method.name(), path, replay, settings.readTimeout(), e));
    }

    private KongApiException apiFailure(String method, String path, Replay replay, Answer answer) {
        ErrorBodies.Parsed parsed = ErrorBodies.parse(json, answer.status(), answer.body());
        boolean retryable = Failures.retryableStatus(answer.status(), replay);
        Duration retryAfter = answer.status() == 429 || answer.status() == 503 ? answer.retryAfter() : null;
        return new KongApiException(method, path, parsed.error(), parsed.flattenedErrors(), retryAfter, 1, retryable);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readObject(Answer answer, String method, String path) {
        if (answer.body().length == 0) {
            return Map.of();
        }
        try {
            Object value = json.readValue(answer.body(), Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (RuntimeException notJson) {
            // reported below without quoting the body
        }
        throw new KongException(method, path, answer.status() + " answer is not a JSON object", 1, false, null);
    }

    private static String tagsQuery(Collection<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return "";
        }
        return "&tags=" + tags.stream()
                .map(tag -> URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining(","));
    }

    private static String userAgent() {
        String version = KongClient.class.getPackage().getImplementationVersion();
        return "kongsync/" + (version == null ? "dev" : version);
    }

    /** One HTTP answer, body unread. */
    private record Answer(int status, String retryAfterHeader, byte[] body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** {@code Retry-After} in seconds; an HTTP-date or garbage counts as absent. */
        Duration retryAfter() {
            if (retryAfterHeader == null) {
                return null;
            }
            try {
                long seconds = Long.parseLong(retryAfterHeader.trim());
                return seconds < 0 ? null : Duration.ofSeconds(seconds);
            } catch (NumberFormatException notSeconds) {
                return null;
            }
        }
    }

    /** One page of a list: its entities and the path of the next page, null on the last. */
    private record Page(List<Map<String, Object>> data, String next) {

        @SuppressWarnings("unchecked")
        static Page of(Map<String, Object> body, String path) {
            Object data = body.get("data");
            List<Map<String, Object>> entities = data instanceof List<?> list
                    ? list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList()
                    : List.of();
            Object next = body.get("next");
            return new Page(entities, next instanceof String s && !s.isEmpty() ? relative(s) : null);
        }

        /** Kong's code gives a path; its docs show an absolute URL: keep the path and query either way. */
        private static String relative(String next) {
            if (next.startsWith("/")) {
                return next;
            }
            URI uri = URI.create(next);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }
}
