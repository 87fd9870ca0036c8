package io.kongsync.scm;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Data Center's REST API under {@code {base}/rest/api/latest/projects/{key}/repos/{slug}}. General pull
 * request comments are listed only through the pull request's activities ({@code GET
 * .../pull-requests/{id}/activities}, the {@code COMMENTED}/{@code ADDED} ones carrying the comment with its
 * {@code version}), paged by {@code start}/{@code nextPageStart} until {@code isLastPage}; a comment is created with
 * {@code POST .../pull-requests/{id}/comments} and edited with {@code PUT .../comments/{commentId}} naming the
 * version it replaces (a 409 means someone edited it since: its version is read again and the edit repeated once).
 * The build status goes to the repository-scoped builds API {@code POST .../commits/{sha}/builds} (Bitbucket 7.4
 * and later), rather than the older global {@code /rest/build-status/1.0/commits/{sha}}, so it is tied to the
 * repository and needs only the repository's permissions.
 */
final class BitbucketDataCenterApi implements ProviderApi {

    /**
     * Bitbucket Data Center (and Server before it) refuses a longer comment with 400 "Please enter a non-empty value
     * less than 32768 characters" (the answer quoted in jenkinsci/violation-comments-to-stash-plugin#26 and
     * jfrog/frogbot#647). Data Center is Java, so its characters are UTF-16 code units, as {@link CommentFit} counts.
     */
    static final int COMMENT_LIMIT = 32_767;

    private final ProviderHttp http;

    BitbucketDataCenterApi(ScmHttp http, ScmSettings.Bitbucket settings) {
        this.http = new ProviderHttp(http, ScmApi.BITBUCKET_DATA_CENTER.displayName(), settings.apiUrl(),
                BitbucketCloudApi.headers(settings, true), () -> ProviderHttp.secrets(settings.token()));
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
        String first = pullRequest(pr) + "/activities?limit=100";
        URI page = http.url(first);
        for (int pages = 0; page != null && pages < ProviderHttp.MAX_PAGES; pages++) {
            JsonNode body = http.get(page).body();
            for (JsonNode activity : body.path("values")) {
                JsonNode comment = activity.path("comment");
                if ("COMMENTED".equals(GitHubApi.text(activity.get("action")))
                        && "ADDED".equals(GitHubApi.text(activity.get("commentAction")))
                        && Markers.ours(GitHubApi.text(comment.get("text"))) && comment.hasNonNull("id")) {
                    return Optional.of(new OwnComment(comment.get("id").asString(),
                            comment.path("version").asLong(0)));
                }
            }
            boolean last = body.path("isLastPage").asBoolean(true);
            JsonNode next = body.get("nextPageStart");
            page = last || next == null || !next.canConvertToLong() ? null
                    : http.url(first + "&start=" + next.asLong());
        }
        return Optional.empty();
    }

    @Override
    public void createComment(PullRequest pr, String body) throws ScmCallFailed {
        http.send("POST", http.url(pullRequest(pr) + "/comments"), Map.of("text", body));
    }

    @Override
    public void editComment(PullRequest pr, OwnComment comment, String body) throws ScmCallFailed {
        URI uri = http.url(pullRequest(pr) + "/comments/" + ProviderHttp.segment(comment.id()));
        try {
            http.send("PUT", uri, Map.of("text", body, "version", comment.version()));
        } catch (ScmCallFailed failed) {
            if (failed.status() != 409) {
                throw failed;
            }
            long version = http.get(uri).body().path("version").asLong(comment.version());
            http.send("PUT", uri, Map.of("text", body, "version", version));
        }
    }

    @Override
    public void setStatus(PullRequest pr, CommitState state, String description, URI target) throws ScmCallFailed {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("key", PullRequestReviews.STATUS_NAME);
        status.put("state", BitbucketCloudApi.buildState(state));
        status.put("name", PullRequestReviews.STATUS_NAME);
        status.put("url", statusUrl(pr, target).toString());
        status.put("description", Descriptions.cut(description, Descriptions.SAFE_LIMIT));
        http.send("POST", http.url(repo(pr) + "/commits/" + ProviderHttp.segment(pr.headCommit()) + "/builds"),
                status);
    }

    /** Bitbucket requires a link: the full report, else the repository, else the pull request on this server. */
    private URI statusUrl(PullRequest pr, URI target) throws ScmCallFailed {
        if (target != null) {
            return target;
        }
        Optional<URI> repository = BitbucketCloudApi.webAddress(pr.repositoryUrl());
        if (repository.isPresent()) {
            return repository.get();
        }
        String[] parts = ProviderHttp.twoSegments(pr.repository(), "PROJECT/slug").split("/");
        return http.url("/projects/" + parts[0] + "/repos/" + parts[1] + "/pull-requests/" + pr.number());
    }

    private static String repo(PullRequest pr) throws ScmCallFailed {
        String[] parts = ProviderHttp.twoSegments(pr.repository(), "PROJECT/slug").split("/");
        return "/rest/api/latest/projects/" + parts[0] + "/repos/" + parts[1];
    }

    private static String pullRequest(PullRequest pr) throws ScmCallFailed {
        return repo(pr) + "/pull-requests/" + pr.number();
    }
}
