package io.kongsync.scm;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One provider's side of {@link ScmHttp}: its name, its API's base address, its headers (authentication included)
 * and the secrets to scrub. Next-page links are followed only to the API's own scheme, host and port, so the token
 * is never sent anywhere else.
 */
final class ProviderHttp {

    /** A provider's request headers, authentication included; may call the provider (GitHub App tokens). */
    interface Headers {
        Map<String, String> get() throws ScmCallFailed;
    }

    /** Most pages read when looking for kongsync's comment: ample for any pull request, and an end to any loop. */
    static final int MAX_PAGES = 100;

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private final ScmHttp http;
    private final String name;
    private final URI base;
    private final Headers headers;
    private final Supplier<List<String>> secrets;

    ProviderHttp(ScmHttp http, String name, URI base, Headers headers, Supplier<List<String>> secrets) {
        this.http = http;
        this.name = name;
        this.base = base;
        this.headers = headers;
        this.secrets = secrets;
    }

    String name() {
        return name;
    }

    /** The API's base address followed by {@code pathAndQuery} (already encoded). */
    URI url(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    ScmHttp.Answer get(URI uri) throws ScmCallFailed {
        return send("GET", uri, null);
    }

    ScmHttp.Answer send(String method, URI uri, Object body) throws ScmCallFailed {
        return http.send(name, method, uri, headers.get(), body, secrets.get());
    }

    /** A next-page address from the provider, refused unless it is on the API's own origin. */
    URI nextPage(String link) throws ScmCallFailed {
        URI next;
        try {
            next = base.resolve(link);
        } catch (IllegalArgumentException e) {
            throw new ScmCallFailed(0, name + " gave a next-page link that is not an address");
        }
        if (!Objects.equals(lower(next.getScheme()), lower(base.getScheme()))
                || !Objects.equals(lower(next.getHost()), lower(base.getHost()))
                || port(next) != port(base)) {
            throw new ScmCallFailed(0, name + " gave a next-page link to another address than "
                    + base.getScheme() + "://" + base.getAuthority() + "; not followed");
        }
        return next;
    }

    /** The {@code rel="next"} address of a {@code Link} header (RFC 8288), as GitHub and GitLab page. */
    static Optional<String> linkNext(HttpHeaders headers) {
        for (String value : headers.allValues("Link")) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL_NEXT.matcher(link.group(2));
                while (rel.find()) {
                    for (String each : rel.group(1).strip().split("\\s+")) {
                        if (each.equalsIgnoreCase("next")) {
                            return Optional.of(link.group(1));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A path segment percent-encoded (RFC 3986 unreserved characters kept), so {@code /} in it is {@code %2F}. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code owner/name} as two encoded segments {@code owner/name}; refuses anything but exactly two parts. */
    static String twoSegments(String repository, String what) throws ScmCallFailed {
        String[] parts = repository.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ScmCallFailed(0, "the repository '" + ScmMessages.trim(repository, List.of())
                    + "' is not " + what);
        }
        return segment(parts[0]) + "/" + segment(parts[1]);
    }

    static List<String> secrets(String... values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
