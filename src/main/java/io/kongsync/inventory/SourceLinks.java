package io.kongsync.inventory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Links to a line of a route file on the web page of the git host that keeps the repository: GitHub, GitLab and
 * Bitbucket Cloud, where the address of a file at a commit is known. Other hosts (a self-hosted GitLab, Bitbucket Data
 * Center) and plain directories get no link.
 */
public final class SourceLinks {

    /** No links. */
    public static final SourceLinks NONE = new SourceLinks(null, null);

    private enum Host {
        GITHUB("github.com") {
            @Override
            String url(String repository, String commit, String file, int line) {
                return "https://github.com/" + repository + "/blob/" + commit + "/" + file + (line > 0 ? "#L" + line : "");
            }
        },
        GITLAB("gitlab.com") {
            @Override
            String url(String repository, String commit, String file, int line) {
                return "https://gitlab.com/" + repository + "/-/blob/" + commit + "/" + file
                        + (line > 0 ? "#L" + line : "");
            }
        },
        BITBUCKET("bitbucket.org") {
            @Override
            String url(String repository, String commit, String file, int line) {
                return "https://bitbucket.org/" + repository + "/src/" + commit + "/" + file
                        + (line > 0 ? "#lines-" + line : "");
            }
        };

        private final String name;

        Host(String name) {
            this.name = name;
        }

        abstract String url(String repository, String commit, String file, int line);
    }

    private final Host host;
    private final String repository;

    private SourceLinks(Host host, String repository) {
        this.host = host;
        this.repository = repository;
    }

    /**
     * Links into the repository at {@code uri} (as kongsync fetches it: {@code https://github.com/o/r.git},
     * {@code git@github.com:o/r.git}, {@code ssh://git@github.com/o/r.git}); {@link #NONE} for any other host.
     */
    public static SourceLinks forRepository(String uri) {
        if (uri == null || uri.isBlank()) {
            return NONE;
        }
        String hostName;
        String path;
        String text = uri.trim();
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            // scp-like: [user@]host:path
            int colon = text.indexOf(':');
            if (colon < 0) {
                return NONE;
            }
            hostName = text.substring(text.lastIndexOf('@', colon) + 1, colon);
            path = text.substring(colon + 1);
        } else {
            try {
                URI parsed = new URI(text);
                hostName = parsed.getHost();
                path = parsed.getPath();
            } catch (java.net.URISyntaxException e) {
                return NONE;
            }
        }
        if (hostName == null || path == null) {
            return NONE;
        }
        String repository = trimmed(path);
        if (!repository.matches("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*") || repository.contains("..")) {
            return NONE;
        }
        for (Host known : Host.values()) {
            if (known.name.equals(hostName.toLowerCase(Locale.ROOT))) {
                int segments = repository.split("/").length;
                boolean fits = known == Host.GITLAB ? segments >= 2 : segments == 2;
                return fits ? new SourceLinks(known, repository) : NONE;
            }
        }
        return NONE;
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith(".git")) {
            p = p.substring(0, p.length() - 4);
        }
        return p;
    }

    /** The page showing {@code line} of {@code file} (a path in the repository) at {@code commit}; null without one. */
    public String url(String commit, String file, int line) {
        if (host == null || commit == null || file == null || file.isBlank()) {
            return null;
        }
        String path = file;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return host.url(repository, encode(commit), encodePath(path), line);
    }

    private static String encodePath(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            out.append(i == 0 ? "" : "/").append(encode(segments[i]));
        }
        return out.toString();
    }

    /** Percent-encodes all but RFC 3986's unreserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
