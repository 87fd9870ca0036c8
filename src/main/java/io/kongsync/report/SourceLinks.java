package io.kongsync.report;

import io.kongsync.model.Origin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a reviewer reads the line an entity comes from: the file at the planned commit on the git host's web pages.
 * {@link #NONE} when the files do not come from a known repository (the CLI on a working tree).
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
        return new SourceLinks(host, base, commit);
    }

    /** The link to the origin's file and line; null when there is no repository or the origin has no position. */
    public String url(Origin origin) {
        if (host == null || origin == null || !origin.hasPosition()) {
            return null;
        }
        String path = encodedPath(origin.file());
        return switch (host) {
            case GITHUB -> repositoryUrl + "/blob/" + commit + "/" + path + "#L" + origin.line();
            case GITLAB -> repositoryUrl + "/-/blob/" + commit + "/" + path + "#L" + origin.line();
            case BITBUCKET_CLOUD -> repositoryUrl + "/src/" + commit + "/" + path + "#lines-" + origin.line();
            case BITBUCKET_DATA_CENTER -> repositoryUrl + "/browse/" + path + "?at=" + commit + "#" + origin.line();
        };
    }

    private static String encodedPath(String file) {
        StringBuilder out = new StringBuilder();
        for (String segment : file.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
