package io.kongsync.scm;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's REST API (github.com and Enterprise Server): the pull request's conversation comments through the issues
 * comments endpoints ({@code GET/POST /repos/{owner}/{repo}/issues/{number}/comments}, {@code PATCH
 * /repos/{owner}/{repo}/issues/comments/{id}}), paged 100 at a time along the {@code Link} header, and the commit
 * status {@code POST /repos/{owner}/{repo}/statuses/{sha}} with context {@code kongsync/plan}.
 */
final class GitHubApi implements ProviderApi {

    /**
     * GitHub refuses a longer comment body with 422 "Body is too long (maximum is 65536 characters)" (the answer
     * quoted in telia-oss/github-pr-resource#259 and cpp-linter/cpp-linter-action#208).
     */
    static final int COMMENT_LIMIT = 65_536;
    /** GitHub documents at most 140 characters for a commit status's description. */
    static final int DESCRIPTION_LIMIT = 140;
    static final String API_VERSION = "2022-11-28";

    private final ProviderHttp http;

    GitHubApi(ScmHttp http, ScmSettings.GitHub settings, GitHubAppTokens appTokens) {
        String token = settings.token();
        ProviderHttp.Headers headers = () -> {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("Authorization", "Bearer " + (token != null ? token : appTokens.token()));
            out.put("Accept", "application/vnd.github+json");
            out.put("X-GitHub-Api-Version", API_VERSION);
            return out;
        };
        this.http = new ProviderHttp(http, ScmApi.GITHUB.displayName(), settings.apiUrl(), headers,
                () -> ProviderHttp.secrets(token, appTokens == null ? null : appTokens.cached()));
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
        return Markers.HTML;
    }

    @Override
    public Optional<OwnComment> findComment(PullRequest pr) throws ScmCallFailed {
        URI page = http.url(repo(pr) + "/issues/" + pr.number() + "/comments?per_page=100");
        for (int pages = 0; page != null && pages < ProviderHttp.MAX_PAGES; pages++) {
            ScmHttp.Answer answer = http.get(page);
            for (JsonNode comment : answer.body()) {
                if (Markers.ours(text(comment.get("body"))) && comment.hasNonNull("id")) {
                    return Optional.of(new OwnComment(comment.get("id").asString(), 0));
                }
            }
            Optional<String> next = ProviderHttp.linkNext(answer.headers());
            page = next.isPresent() ? http.nextPage(next.get()) : null;
        }
        return Optional.empty();
    }

    @Override
    public void createComment(PullRequest pr, String body) throws ScmCallFailed {
        http.send("POST", http.url(repo(pr) + "/issues/" + pr.number() + "/comments"), Map.of("body", body));
    }

    @Override
    public void editComment(PullRequest pr, OwnComment comment, String body) throws ScmCallFailed {
        http.send("PATCH", http.url(repo(pr) + "/issues/comments/" + ProviderHttp.segment(comment.id())),
                Map.of("body", body));
    }

    @Override
    public void setStatus(PullRequest pr, CommitState state, String description, URI target) throws ScmCallFailed {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", switch (state) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failure";
        });
        if (target != null) {
            status.put("target_url", target.toString());
        }
        status.put("description", Descriptions.cut(description, DESCRIPTION_LIMIT));
        status.put("context", PullRequestReviews.STATUS_NAME);
        http.send("POST", http.url(repo(pr) + "/statuses/" + ProviderHttp.segment(pr.headCommit())), status);
    }

    private static String repo(PullRequest pr) throws ScmCallFailed {
        return "/repos/" + ProviderHttp.twoSegments(pr.repository(), "owner/name");
    }

    static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }
}
