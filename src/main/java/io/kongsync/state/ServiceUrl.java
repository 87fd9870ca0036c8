package io.kongsync.state;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Kong's write-only {@code url} shorthand for services, expanded into protocol, host, port and path. */
final class ServiceUrl {

    private ServiceUrl() {
    }

    /**
     * Replaces {@code url} by the fields it stands for, following Kong: port defaults to 443 for https and 80
     * otherwise, and a URL without a path clears {@code path}.
     *
     * @throws IllegalArgumentException when the URL has no scheme or host
     */
    static void expand(Map<String, Object> service) {
        Object url = service.remove("url");
        if (!(url instanceof String text)) {
            return;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid url '" + text + "': " + e.getReason());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("invalid url '" + text + "': it needs a scheme and a host");
        }
        String protocol = uri.getScheme().toLowerCase();
        service.put("protocol", protocol);
        service.put("host", uri.getHost());
        service.put("port", (long) (uri.getPort() >= 0 ? uri.getPort() : "https".equals(protocol) ? 443 : 80));
        String path = uri.getRawPath();
        service.put("path", path == null || path.isEmpty() ? null : path);
    }
}
