package io.kongsync.scm;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Cloud's REST API 2.0: pull request comments ({@code GET/POST
 * /repositories/{workspace}/{slug}/pullrequests/{id}/comments}, {@code PUT .../comments/{comment_id}}, the markdown
 * in {@code content.raw}), paged 50 at a time along each page's {@code next}, and the commit build status {@code POST
 * /repositories/{workspace}/{slug}/commit/{sha}/statuses/build} keyed {@code kongsync/plan}, which a later one with
 * the same key replaces.
 */
final class BitbucketCloudApi implements ProviderApi {

    /**
     * Bitbucket Cloud documents no comment limit (its REST reference names none for {@code content.raw}). Atlantis's
     * Cloud client (runatlantis/atlantis, server/events/vcs/bitbucketcloud/client.go) notes comments of 200,000
     * characters going through, while runatlantis/atlantis#1251 shows Cloud answering a bare 400 to a long plan.
     * kongsync keeps to Bitbucket Data Center's limit (fewer than 32768 characters): safe, and long enough to read.
     */
    static final int COMMENT_LIMIT = 32_767;

    private final ProviderHttp http;

    BitbucketCloudApi(ScmHttp http, ScmSettings.Bitbucket settings) {
        this.http = new ProviderHttp(http, ScmApi.BITBUCKET_CLOUD.displayName(), settings.apiUrl(),
                headers(settings, false), () -> ProviderHttp.secrets(settings.token()));
    }

    /** Basic with the username when one is set, else Bearer; Data Center also skips its XSRF check. */
    static ProviderHttp.Headers headers(ScmSettings.Bitbucket settings, boolean dataCenter) {
        String authorization = settings.username() == null ? "Bearer " + settings.token()
                : "Basic " + Base64.getEncoder().encodeToString((settings.username() + ":" + settings.token())
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Accept", "application/json");
        if (dataCenter) {
            headers.put("X-Atlassian-Token", "no-check");
        }
        Map<String, String> fixed = Map.copyOf(headers);
        return () -> fixed;
    }

    @Override
    public String name() {
        return http.name();
    }

    @Override
    public int commentLimit() {
        return COMMENT_LIMIT;
    }

    @Override
    public String marker() {
        return Markers.MARKDOWN;
    }

    @Override
    public Optional<OwnComment> findComment(PullRequest pr) throws ScmCallFailed {
        // Bitbucket Cloud allows pagelen up to 100 globally but lets endpoints enforce less (its pull request list
        // refuses more than 50), so 50 it is.
        URI page = http.url(comments(pr) + "?pagelen=50");
        for (int pages = 0; page != null && pages < ProviderHttp.MAX_PAGES; pages++) {
            JsonNode body = http.get(page).body();
            for (JsonNode comment : body.path("values")) {
                boolean topLevel = !comment.path("deleted").asBoolean(false) && !comment.hasNonNull("inline")
                        && !comment.hasNonNull("parent");
                if (topLevel && Markers.ours(GitHubApi.text(comment.path("content").get("raw")))
                        && comment.hasNonNull("id")) {
                    return Optional.of(new OwnComment(comment.get("id").asString(), 0));
                }
            }
            String next = GitHubApi.text(body.get("next"));
            page = next == null ? null : http.nextPage(next);
        }
        return Optional.empty();
    }

    @Override
    public void createComment(PullRequest pr, String body) throws ScmCallFailed {
        http.send("POST", http.url(comments(pr)), Map.of("content", Map.of("raw", body)));
    }

    @Override
    public void editComment(PullRequest pr, OwnComment comment, String body) throws ScmCallFailed {
        http.send("PUT", http.url(comments(pr) + "/" + ProviderHttp.segment(comment.id())),
                Map.of("content", Map.of("raw", body)));
    }

    @Override
    public void setStatus(PullRequest pr, CommitState state, String description, URI target) throws ScmCallFailed {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("key", PullRequestReviews.STATUS_NAME);
        status.put("state", buildState(state));
        status.put("name", PullRequestReviews.STATUS_NAME);
        status.put("url", statusUrl(pr, target).toString());
        status.put("description", Descriptions.cut(description, Descriptions.SAFE_LIMIT));
        http.send("POST", http.url(repo(pr) + "/commit/" + ProviderHttp.segment(pr.headCommit()) + "/statuses/build"),
                status);
    }

    /** Bitbucket's build states, the same words on Cloud and Data Center. */
    static String buildState(CommitState state) {
        return switch (state) {
            case PENDING -> "INPROGRESS";
            case SUCCESS -> "SUCCESSFUL";
            case FAILURE -> "FAILED";
        };
    }

    /**
     * Bitbucket requires a build status to link somewhere: the full report, else the repository, else the pull
     * request's page on bitbucket.org.
     */
    private URI statusUrl(PullRequest pr, URI target) throws ScmCallFailed {
        if (target != null) {
            return target;
        }
        Optional<URI> repository = webAddress(pr.repositoryUrl());
        if (repository.isPresent()) {
            return repository.get();
        }
        return URI.create("https://bitbucket.org/" + ProviderHttp.twoSegments(pr.repository(), "workspace/slug")
                + "/pull-requests/" + pr.number());
    }

    /** The pull request's repository address when it is an absolute http(s) address. */
    static Optional<URI> webAddress(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String repo(PullRequest pr) throws ScmCallFailed {
        return "/repositories/" + ProviderHttp.twoSegments(pr.repository(), "workspace/slug");
    }

    private static String comments(PullRequest pr) throws ScmCallFailed {
        return repo(pr) + "/pullrequests/" + pr.number() + "/comments";
    }
}
