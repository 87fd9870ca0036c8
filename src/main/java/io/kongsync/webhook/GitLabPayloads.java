package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.missing;
import static io.kongsync.webhook.PushEvents.text;

import io.kongsync.scm.ScmApi;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * GitLab's {@code Push Hook} and {@code Merge Request Hook}. GitLab has no ping: its "Test" button sends a push event built from the last
 * commits. Tag pushes, system hooks and every other event are {@link PushEvent.Kind#OTHER}.
 */
final class GitLabPayloads {

    private GitLabPayloads() {
    }

    static PushEvent parse(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("GitLab webhook has no X-Gitlab-Event header");
        }
        if (!event.trim().equals("Push Hook")) {
            return PushEvent.other("GitLab " + event.trim());
        }
        String ref = text(body.get("ref"));
        if (ref == null) {
            throw missing(Provider.GITLAB, "push", "ref");
        }
        if (!ref.startsWith(Refs.HEADS)) {
            return PushEvent.other("GitLab push to " + Refs.describe(ref));
        }
        String branch = ref.substring(Refs.HEADS.length());
        String after = text(body.get("after"));
        if (after == null) {
            throw missing(Provider.GITLAB, "push", "after");
        }
        if (Refs.isZero(after)) {
            return PushEvent.branchDeleted(Provider.GITLAB, branch);
        }
        return PushEvent.push(Provider.GITLAB, branch, after, changedFiles(body));
    }

    /**
     * {@code Merge Request Hook}: actions {@code open} and {@code reopen} are planned, and {@code update} when it
     * brings new commits ({@code oldrev} is set) or a new target branch ({@code changes.target_branch}). The head is
     * fetched from the target project's {@code refs/merge-requests/<iid>/head}, which GitLab keeps for forks too.
     */
    static PullRequestEvent mergeRequest(JsonNode body) {
        JsonNode attributes = body.path("object_attributes");
        String action = text(attributes.get("action"));
        long iid = PullRequestEvents.number(attributes.get("iid"));
        String project = text(body.path("project").get("path_with_namespace"));
        String head = text(attributes.path("last_commit").get("id"));
        String description = PullRequestEvents.describe(ScmApi.GITLAB, project, iid, head,
                action == null ? "no action" : action);
        String state = text(attributes.get("state"));
        boolean newCommits = text(attributes.get("oldrev")) != null;
        boolean newTarget = body.path("changes").has("target_branch");
        boolean planned = "open".equals(action) || "reopen".equals(action)
                || "update".equals(action) && (newCommits || newTarget) && (state == null || "opened".equals(state));
        if (!planned) {
            return PullRequestEvent.ignored(ScmApi.GITLAB, description, "update".equals(action)
                    ? "the merge request was updated without new commits or a new target branch"
                    : PullRequestEvents.ignoredAction(action,
                    "when they are opened, reopened, get new commits or a new target branch"));
        }
        if (iid <= 0) {
            throw PullRequestEvents.missing(ScmApi.GITLAB, "merge request", "object_attributes.iid");
        }
        if (project == null) {
            throw PullRequestEvents.missing(ScmApi.GITLAB, "merge request", "project.path_with_namespace");
        }
        String target = text(attributes.get("target_branch"));
        if (target == null) {
            throw PullRequestEvents.missing(ScmApi.GITLAB, "merge request", "object_attributes.target_branch");
        }
        if (head == null) {
            throw PullRequestEvents.missing(ScmApi.GITLAB, "merge request", "object_attributes.last_commit.id");
        }
        String url = text(body.path("project").get("web_url"));
        return new PullRequestEvent(true, ScmApi.GITLAB, project, iid, target, head, null,
                PullRequestEvents.withoutTrailingSlash(url), "refs/merge-requests/" + iid + "/head", null,
                description, null);
    }

    /**
     * GitLab lists at most 20 commits ({@code total_commits_count} has the real number) and nothing at all for a
     * new branch; either way the files are unknown. GitLab does not flag force pushes: commits dropped by one are
     * not listed, so their files are missed.
     */
    private static Set<String> changedFiles(JsonNode body) {
        JsonNode commits = body.get("commits");
        if (Refs.isZero(text(body.get("before"))) || commits == null || !commits.isArray() || commits.isEmpty()) {
            return null;
        }
        JsonNode total = body.get("total_commits_count");
        if (total != null && total.isNumber() && total.asInt() > commits.size()) {
            return null;
        }
        return GitHubPayloads.CommitFiles.union(commits);
    }
}
