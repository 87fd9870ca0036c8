package io.kongsync.api;

import io.kongsync.server.KongsyncProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Every {@code /api} call but the webhooks (which carry their own signatures) needs
 * {@code Authorization: Bearer <kongsync.api.token>}, compared in constant time. Without a configured token the API
 * listens on loopback only and needs none.
 *
 * <p>The decision is made on the path as the router reads it ({@link ProtectedPaths}), not on the raw request line:
 * {@code /api/v1;/status}, {@code /api//v1/status} and {@code /api/v1%2fstatus} all need the token.
 */
@Component
class ApiTokenFilter implements WebFilter {

    private final byte[] expectedDigest;

    ApiTokenFilter(KongsyncProperties properties) {
        String token = properties.api().token();
        this.expectedDigest = token == null || token.isBlank() ? null : sha256(token);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (expectedDigest == null || !ProtectedPaths.needsToken(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String detail;
        if (header == null) {
            detail = "this endpoint needs an Authorization: Bearer <token> header (kongsync.api.token)";
        } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            detail = "the Authorization header must use the Bearer scheme";
        } else if (!MessageDigest.isEqual(sha256(header.substring(7).trim()), expectedDigest)) {
            detail = "the Bearer token is not kongsync.api.token";
        } else {
            return chain.filter(exchange);
        }
        return unauthorized(exchange, path, detail);
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String path, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kongsync\"");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":"
                + Problems.quote(detail) + ",\"instance\":" + Problems.quote(path) + "}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    /** Hashing both sides first makes the comparison constant-time whatever the lengths. */
    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
