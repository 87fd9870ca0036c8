package io.kongsync.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kongsync sandbox: an in-memory stand-in for the Kong 3.9 Admin API (not a gateway; it proxies nothing), served
 * by Reactor Netty. Faithful to Kong 3.9's Admin API: status codes, error bodies, defaults and nulls.
 * <p>
 * Every request is logged (method, path, status) to the SLF4J logger {@code io.kongsync.sandbox}: at DEBUG by
 * default, so tests and benchmarks stay quiet; {@link #start(SandboxOptions, boolean)} with {@code true} logs at
 * INFO (the {@code kongsync sandbox} command does). Key-auth keys in URLs are masked in the log lines.
 */
public final class Sandbox implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("io.kongsync.sandbox");
    private static final int LOG_CAPACITY = 100_000;
    private static final byte[] EMPTY = new byte[0];

    private final SandboxOptions options;
    private final boolean logAtInfo;
    private final AdminApi api;
    private final ArrayDeque<SandboxRequest> log = new ArrayDeque<>();
    private final AtomicLong writes = new AtomicLong();
    private DisposableServer server;

    private Sandbox(SandboxOptions options, boolean logAtInfo) {
        this.options = options;
        this.logAtInfo = logAtInfo;
        this.api = new AdminApi(options);
    }

    /** Binds and returns once the sandbox accepts requests; requests are logged at DEBUG. */
    public static Sandbox start(SandboxOptions options) {
        return start(options, false);
    }

    /** As {@link #start(SandboxOptions)}; with {@code logRequestsAtInfo} each request is logged at INFO. */
    public static Sandbox start(SandboxOptions options, boolean logRequestsAtInfo) {
        Sandbox sandbox = new Sandbox(options, logRequestsAtInfo);
        sandbox.server = HttpServer.create()
                .host(options.host())
                .port(options.port())
                .handle(sandbox::serve)
                .bindNow();
        return sandbox;
    }

    public URI url() {
        InetSocketAddress address = (InetSocketAddress) server.address();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    /** The request log, oldest first; the last 100,000 requests. */
    public List<SandboxRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** POST, PUT, PATCH and DELETE requests served since start, whatever their status. */
    public long writeCount() {
        return writes.get();
    }

    public void clearRequests() {
        synchronized (log) {
            log.clear();
        }
    }

    /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
    public void awaitTermination() {
        server.onDispose().block();
    }

    @Override
    public void close() {
        if (server != null && !server.isDisposed()) {
            server.disposeNow();
        }
    }

    // ---- serving ----------------------------------------------------------------------------------------------------

    private org.reactivestreams.Publisher<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        String method = req.method().name();
        String uri = req.uri();
        String contentType = req.requestHeaders().get("Content-Type");
        Mono<byte[]> body = req.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY);
        Mono<Response> answer = body.map(bytes -> answer(method, uri, contentType, bytes));
        if (!options.latency().isZero()) {
            answer = Mono.delay(options.latency()).then(answer);
        }
        return answer.flatMap(response -> send(method, uri, res, response));
    }

    private Response answer(String method, String uri, String contentType, byte[] body) {
        try {
            return api.handle(method, uri, contentType, body);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, pathOnly(uri), e.getClass().getName());
            return Response.of(500, Map.of("message", "An unexpected error occurred"));
        }
    }

    private Mono<Void> send(String method, String uri, HttpServerResponse res, Response response) {
        record(method, uri, response.status());
        res.status(HttpResponseStatus.valueOf(response.status()));
        res.header("X-Kongsync-Sandbox", "true");
        response.headers().forEach(res::header);
        if (response.body() == null || response.status() == 204 || response.status() == 304) {
            res.header("Content-Length", "0");
            return res.send();
        }
        byte[] bytes = response.body() instanceof byte[] raw ? raw : Json.bytes(response.body());
        if (!response.headers().containsKey("Content-Type")) {
            res.header("Content-Type", "application/json; charset=utf-8");
        }
        res.header("Content-Length", String.valueOf(bytes.length));
        if (method.equals("HEAD")) {
            return res.send();
        }
        return res.sendByteArray(Mono.just(bytes)).then();
    }

    private void record(String method, String uri, int status) {
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE")) {
            writes.incrementAndGet();
        }
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(new SandboxRequest(method, uri, status));
        }
        if (logAtInfo) {
            LOG.info("{} {} {}", method, LoggedPath.of(uri), status);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {}", method, LoggedPath.of(uri), status);
        }
    }

    private static String pathOnly(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
