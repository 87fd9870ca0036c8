package io.kongsync.scm;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's REST API v4 (GitLab.com and self-managed), the project named by its URL-encoded path: merge request notes
 * ({@code GET/POST /projects/{id}/merge_requests/{iid}/notes}, {@code PUT .../notes/{note_id}}), paged 100 at a time
 * along the {@code Link} header (or {@code X-Next-Page}), and the commit status
 * {@code POST /projects/{id}/statuses/{sha}} named {@code kongsync/plan}. Authenticates with {@code PRIVATE-TOKEN}.
 */
final class GitLabApi implements ProviderApi {

    /** GitLab's notes API documentation (docs.gitlab.com, api/notes) limits a note's body to 1,000,000 characters. */
    static final int COMMENT_LIMIT = 1_000_000;

    private final ProviderHttp http;

    GitLabApi(ScmHttp http, ScmSettings.GitLab settings) {
        String token = settings.token();
        this.http = new ProviderHttp(http, ScmApi.GITLAB.displayName(), settings.apiUrl(),
                () -> Map.of("PRIVATE-TOKEN", token, "Accept", "application/json"),
                () -> ProviderHttp.secrets(token));
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
        String first = notes(pr) + "?per_page=100&sort=asc&order_by=created_at";
        URI page = http.url(first);
        for (int pages = 0; page != null && pages < ProviderHttp.MAX_PAGES; pages++) {
            ScmHttp.Answer answer = http.get(page);
            for (JsonNode note : answer.body()) {
                boolean system = note.path("system").asBoolean(false);
                if (!system && Markers.ours(GitHubApi.text(note.get("body"))) && note.hasNonNull("id")) {
                    return Optional.of(new OwnComment(note.get("id").asString(), 0));
                }
            }
            Optional<String> link = ProviderHttp.linkNext(answer.headers());
            Optional<String> nextPage = answer.headers().firstValue("X-Next-Page").map(String::strip)
                    .filter(n -> n.matches("\\d+"));
            if (link.isPresent()) {
                page = http.nextPage(link.get());
            } else {
                page = nextPage.isPresent() ? http.url(first + "&page=" + nextPage.get()) : null;
            }
        }
        return Optional.empty();
    }

    @Override
    public void createComment(PullRequest pr, String body) throws ScmCallFailed {
        http.send("POST", http.url(notes(pr)), Map.of("body", body));
    }

    @Override
    public void editComment(PullRequest pr, OwnComment comment, String body) throws ScmCallFailed {
        http.send("PUT", http.url(notes(pr) + "/" + ProviderHttp.segment(comment.id())), Map.of("body", body));
    }

    @Override
    public void setStatus(PullRequest pr, CommitState state, String description, URI target) throws ScmCallFailed {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", switch (state) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failed";
        });
        status.put("name", PullRequestReviews.STATUS_NAME);
        if (target != null) {
            status.put("target_url", target.toString());
        }
        status.put("description", Descriptions.cut(description, Descriptions.SAFE_LIMIT));
        try {
            http.send("POST", http.url(project(pr) + "/statuses/" + ProviderHttp.segment(pr.headCommit())), status);
        } catch (ScmCallFailed failed) {
            // GitLab refuses to move a status that is pending already to pending (400 "Cannot transition status via
            // :enqueue from :pending"): the commit shows pending, as asked.
            if (!(state == CommitState.PENDING && failed.status() == 400
                    && failed.getMessage().contains("Cannot transition status"))) {
                throw failed;
            }
        }
    }

    private static String project(PullRequest pr) {
        return "/projects/" + ProviderHttp.segment(pr.repository());
    }

    private static String notes(PullRequest pr) {
        return project(pr) + "/merge_requests/" + pr.number() + "/notes";
    }
}
