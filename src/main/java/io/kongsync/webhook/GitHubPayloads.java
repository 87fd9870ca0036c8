package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.missing;
import static io.kongsync.webhook.PushEvents.text;

import io.kongsync.scm.ScmApi;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's {@code ping}, {@code push} and {@code pull_request} events; the event name comes from the
 * {@code X-GitHub-Event} header.
 */
final class GitHubPayloads {

    /** GitHub lists at most this many commits in a push event; a full list may have been cut short. */
    static final int MAX_LISTED_COMMITS = 2048;

    private GitHubPayloads() {
    }

    static PushEvent parse(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("GitHub webhook has no X-GitHub-Event header");
        }
        return switch (event.trim()) {
            case "ping" -> PushEvent.ping(Provider.GITHUB);
            case "push" -> push(body);
            default -> PushEvent.other("GitHub " + event.trim() + " event");
        };
    }

    private static PushEvent push(JsonNode body) {
        String ref = text(body.get("ref"));
        if (ref == null) {
            throw missing(Provider.GITHUB, "push", "ref");
        }
        if (!ref.startsWith(Refs.HEADS)) {
            return PushEvent.other("GitHub push to " + Refs.describe(ref));
        }
        String branch = ref.substring(Refs.HEADS.length());
        if (body.path("deleted").asBoolean(false) || Refs.isZero(text(body.get("after")))) {
            return PushEvent.branchDeleted(Provider.GITHUB, branch);
        }
        String after = text(body.get("after"));
        if (after == null) {
            throw missing(Provider.GITHUB, "push", "after");
        }
        return PushEvent.push(Provider.GITHUB, branch, after, changedFiles(body));
    }

    /**
     * {@code pull_request}: {@code opened}, {@code reopened} and {@code synchronize} (new commits) are planned, and
     * {@code edited} when {@code changes.base} says the base branch changed. The head is fetched from the base
     * repository's {@code refs/pull/<number>/head}, which GitHub keeps for forks too.
     */
    static PullRequestEvent pullRequest(JsonNode body) {
        String action = text(body.get("action"));
        JsonNode pr = body.get("pull_request");
        long number = PullRequestEvents.number(body.get("number"));
        if (number == 0 && pr != null) {
            number = PullRequestEvents.number(pr.get("number"));
        }
        String repository = text(body.path("repository").get("full_name"));
        if (repository == null && pr != null) {
            repository = text(pr.path("base").path("repo").get("full_name"));
        }
        String head = pr == null ? null : text(pr.path("head").get("sha"));
        String description = PullRequestEvents.describe(ScmApi.GITHUB, repository, number, head,
                action == null ? "no action" : action);
        boolean planned = "opened".equals(action) || "reopened".equals(action) || "synchronize".equals(action)
                || "edited".equals(action) && body.path("changes").has("base");
        if (!planned) {
            return PullRequestEvent.ignored(ScmApi.GITHUB, description, "edited".equals(action)
                    ? "the pull request was edited but its base branch did not change"
                    : PullRequestEvents.ignoredAction(action,
                    "when they are opened, reopened, get new commits or a new base branch"));
        }
        if (pr == null || !pr.isObject()) {
            throw PullRequestEvents.missing(ScmApi.GITHUB, "pull_request", "pull_request");
        }
        if (number <= 0) {
            throw PullRequestEvents.missing(ScmApi.GITHUB, "pull_request", "number");
        }
        if (repository == null) {
            throw PullRequestEvents.missing(ScmApi.GITHUB, "pull_request", "repository.full_name");
        }
        String target = text(pr.path("base").get("ref"));
        if (target == null) {
            throw PullRequestEvents.missing(ScmApi.GITHUB, "pull_request", "pull_request.base.ref");
        }
        if (head == null) {
            throw PullRequestEvents.missing(ScmApi.GITHUB, "pull_request", "pull_request.head.sha");
        }
        String base = text(pr.path("base").get("sha"));
        String url = text(body.path("repository").get("html_url"));
        return new PullRequestEvent(true, ScmApi.GITHUB, repository, number, target, head,
                Refs.isCommitId(base) ? base : null, PullRequestEvents.withoutTrailingSlash(url),
                "refs/pull/" + number + "/head", null, description, null);
    }

    /** Null when the commits do not tell the whole story: a new branch, a force push, or a cut list. */
    private static Set<String> changedFiles(JsonNode body) {
        JsonNode commits = body.get("commits");
        if (body.path("created").asBoolean(false) || body.path("forced").asBoolean(false)
                || commits == null || !commits.isArray() || commits.isEmpty()
                || commits.size() >= MAX_LISTED_COMMITS) {
            return null;
        }
        return CommitFiles.union(commits);
    }

    /** added/modified/removed lists of each commit, shared by GitHub and GitLab. */
    static final class CommitFiles {
        private CommitFiles() {
        }

        static Set<String> union(JsonNode commits) {
            Set<String> files = new HashSet<>();
            for (JsonNode commit : commits) {
                for (String list : new String[] {"added", "modified", "removed"}) {
                    JsonNode paths = commit.get(list);
                    if (paths == null || !paths.isArray()) {
                        return null;
                    }
                    for (JsonNode path : paths) {
                        String p = text(path);
                        if (p != null) {
                            files.add(p);
                        }
                    }
                }
            }
            return files;
        }
    }
}
