package io.kongsync.report;

import io.kongsync.model.Origin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a reviewer reads the line an entity comes from: the file at the planned commit on the git host's web pages.
 * {@link #NONE} when the files do not come from a known repository (the CLI on a working tree, a plain directory).
 */
public final class SourceLinks {

    public static final SourceLinks NONE = new SourceLinks(null, null, null);

    /** How each host spells a link to a file at a commit and line. */
    public enum Host { GITHUB, GITLAB, BITBUCKET_CLOUD, BITBUCKET_DATA_CENTER }

    private final Host host;
    private final String repositoryUrl;
    private final String commit;

    private SourceLinks(Host host, String repositoryUrl, String commit) {
        this.host = host;
        this.repositoryUrl = repositoryUrl;
        this.commit = commit;
    }

    /**
     * @param repositoryUrl the repository's web address, e.g. {@code https://github.com/acme/routes}; for Bitbucket
     *                      Data Center {@code https://bitbucket.example.com/projects/KEY/repos/slug} (a trailing
     *                      {@code /browse} is accepted)
     * @param commit        the full commit id the plan was made at
     * @return {@link #NONE} when either is unknown
     */
    public static SourceLinks of(Host host, String repositoryUrl, String commit) {
        Objects.requireNonNull(host, "host");
        if (repositoryUrl == null || repositoryUrl.isBlank() || commit == null || commit.isBlank()) {
            return NONE;
        }
        String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1)
                : repositoryUrl;
        if (host == Host.BITBUCKET_DATA_CENTER && base.endsWith("/browse")) {
            base = base.substring(0, base.length() - "/browse".length());
        }
        return new SourceLinks(host, base, encode(commit));
    }

    /**
     * Links into the repository kongsync fetches from {@code gitUri} ({@code https://github.com/o/r.git},
     * {@code git@github.com:o/r.git}, {@code ssh://git@github.com/o/r.git}) when it is on github.com, gitlab.com or
     * bitbucket.org, whose web addresses follow from the clone address; {@link #NONE} for any other host, whose web
     * address a clone address does not tell.
     */
    public static SourceLinks forRemote(String gitUri, String commit) {
        if (gitUri == null || gitUri.isBlank()) {
            return NONE;
        }
        String text = gitUri.trim();
        String hostName;
        String path;
        int scheme = text.indexOf("://");
        if (scheme < 0) {
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
            } catch (URISyntaxException e) {
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
        int segments = repository.split("/").length;
        return switch (hostName.toLowerCase(Locale.ROOT)) {
            case "github.com" -> segments == 2 ? of(Host.GITHUB, "https://github.com/" + repository, commit) : NONE;
            case "gitlab.com" -> segments >= 2 ? of(Host.GITLAB, "https://gitlab.com/" + repository, commit) : NONE;
            case "bitbucket.org" -> segments == 2
                    ? of(Host.BITBUCKET_CLOUD, "https://bitbucket.org/" + repository, commit) : NONE;
            default -> NONE;
        };
    }

    /** False for Bitbucket, which shows HTML in Markdown as text: reports for it are written in Markdown alone. */
    public boolean rendersHtml() {
        return host != Host.BITBUCKET_CLOUD && host != Host.BITBUCKET_DATA_CENTER;
    }

    /** The link to the origin's file and line; null when there is no repository or the origin is not in a file. */
    public String url(Origin origin) {
        if (host == null || origin == null || origin.equals(Origin.KONG) || origin.file() == null
                || origin.file().isBlank()) {
            return null;
        }
        String path = encodedPath(origin.file());
        int line = origin.line();
        return switch (host) {
            case GITHUB -> repositoryUrl + "/blob/" + commit + "/" + path + (line > 0 ? "#L" + line : "");
            case GITLAB -> repositoryUrl + "/-/blob/" + commit + "/" + path + (line > 0 ? "#L" + line : "");
            case BITBUCKET_CLOUD -> repositoryUrl + "/src/" + commit + "/" + path + (line > 0 ? "#lines-" + line : "");
            case BITBUCKET_DATA_CENTER -> repositoryUrl + "/browse/" + path + "?at=" + commit
                    + (line > 0 ? "#" + line : "");
        };
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.endsWith(".git") ? p.substring(0, p.length() - 4) : p;
    }

    private static String encodedPath(String file) {
        StringBuilder out = new StringBuilder();
        for (String segment : file.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            out.append(out.isEmpty() ? "" : "/").append(encode(segment));
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
