package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.text;

import io.kongsync.scm.ScmApi;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud's {@code repo:push} and Bitbucket Data Center's {@code repo:refs_changed} and
 * {@code diagnostics:ping} (the "Test connection" button); and the pull-request events of both
 * ({@link #pullRequest}). Neither lists changed files, so
 * {@link PushEvent#changedFiles()} is always null. The event key comes from the {@code X-Event-Key} header,
 * else from Data Center's {@code eventKey} body field.
 */
final class BitbucketPayloads {

    private BitbucketPayloads() {
    }

    static List<PushEvent> parse(String eventKey, JsonNode body) {
        String event = eventKey != null && !eventKey.isBlank() ? eventKey.trim() : text(body.get("eventKey"));
        if (event == null) {
            throw new IllegalArgumentException("Bitbucket webhook has no X-Event-Key header");
        }
        return switch (event) {
            case "diagnostics:ping" -> List.of(PushEvent.ping(Provider.BITBUCKET));
            case "repo:push" -> cloudPush(body);
            case "repo:refs_changed" -> dataCenterRefsChanged(body);
            default -> List.of(PushEvent.other("Bitbucket " + event + " event"));
        };
    }

    private static List<PushEvent> cloudPush(JsonNode body) {
        JsonNode changes = body.path("push").get("changes");
        if (changes == null || !changes.isArray()) {
            throw PushEvents.missing(Provider.BITBUCKET, "repo:push", "push.changes");
        }
        List<PushEvent> events = new ArrayList<>();
        for (JsonNode change : changes) {
            events.add(cloudChange(change));
        }
        return nonEmpty(events);
    }

    private static PushEvent cloudChange(JsonNode change) {
        JsonNode newRef = change.get("new");
        JsonNode oldRef = change.get("old");
        if (newRef == null || newRef.isNull()) {
            if (oldRef != null && isCloudBranch(oldRef) && text(oldRef.get("name")) != null) {
                return PushEvent.branchDeleted(Provider.BITBUCKET, text(oldRef.get("name")));
            }
            return PushEvent.other("Bitbucket deletion of " + describeCloud(oldRef));
        }
        String name = text(newRef.get("name"));
        if (!isCloudBranch(newRef) || name == null) {
            return PushEvent.other("Bitbucket push to " + describeCloud(newRef));
        }
        String hash = text(newRef.path("target").get("hash"));
        if (hash == null) {
            throw PushEvents.missing(Provider.BITBUCKET, "repo:push", "push.changes[].new.target.hash");
        }
        return PushEvent.push(Provider.BITBUCKET, name, hash, null);
    }

    private static boolean isCloudBranch(JsonNode ref) {
        String type = text(ref.get("type"));
        return "branch".equals(type) || "named_branch".equals(type);
    }

    private static String describeCloud(JsonNode ref) {
        if (ref == null || ref.isNull()) {
            return "an unnamed ref";
        }
        String type = text(ref.get("type"));
        return (type == null ? "ref" : type) + " " + text(ref.get("name"));
    }

    private static List<PushEvent> dataCenterRefsChanged(JsonNode body) {
        JsonNode changes = body.get("changes");
        if (changes == null || !changes.isArray()) {
            throw PushEvents.missing(Provider.BITBUCKET, "repo:refs_changed", "changes");
        }
        List<PushEvent> events = new ArrayList<>();
        for (JsonNode change : changes) {
            events.add(dataCenterChange(change));
        }
        return nonEmpty(events);
    }

    private static PushEvent dataCenterChange(JsonNode change) {
        JsonNode ref = change.path("ref");
        String id = text(ref.get("id"));
        if (id == null) {
            id = text(change.get("refId"));
        }
        String name = text(ref.get("displayId"));
        boolean branch = "BRANCH".equalsIgnoreCase(text(ref.get("type"))) || (id != null && id.startsWith(Refs.HEADS));
        if (name == null && id != null) {
            name = id.startsWith(Refs.HEADS) ? id.substring(Refs.HEADS.length()) : id;
        }
        if (!branch || name == null) {
            return PushEvent.other("Bitbucket change to " + (id == null ? "an unnamed ref" : Refs.describe(id)));
        }
        String toHash = text(change.get("toHash"));
        if ("DELETE".equalsIgnoreCase(text(change.get("type"))) || Refs.isZero(toHash)) {
            return PushEvent.branchDeleted(Provider.BITBUCKET, name);
        }
        if (toHash == null) {
            throw PushEvents.missing(Provider.BITBUCKET, "repo:refs_changed", "changes[].toHash");
        }
        return PushEvent.push(Provider.BITBUCKET, name, toHash, null);
    }

    /** Cloud's {@code pullrequest:*} or Data Center's {@code pr:*} event. */
    static PullRequestEvent pullRequest(String eventKey, JsonNode body) {
        return eventKey.startsWith("pullrequest:") ? cloudPullRequest(eventKey, body)
                : dataCenterPullRequest(eventKey, body);
    }

    /**
     * {@code pullrequest:created} and {@code pullrequest:updated} (new commits, or a new destination) of an open pull
     * request are planned. Cloud keeps no pull-request refs, so the head is fetched as the source branch of the
     * source repository, a fork or the base repository itself; its commits come abbreviated to 12 hex digits.
     */
    private static PullRequestEvent cloudPullRequest(String eventKey, JsonNode body) {
        JsonNode pr = body.path("pullrequest");
        long id = PullRequestEvents.number(pr.get("id"));
        String repository = text(pr.path("destination").path("repository").get("full_name"));
        if (repository == null) {
            repository = text(body.path("repository").get("full_name"));
        }
        String head = text(pr.path("source").path("commit").get("hash"));
        String action = eventKey.substring("pullrequest:".length());
        String description = PullRequestEvents.describe(ScmApi.BITBUCKET_CLOUD, repository, id, head, action);
        String state = text(pr.get("state"));
        boolean planned = ("created".equals(action) || "updated".equals(action))
                && (state == null || "OPEN".equalsIgnoreCase(state));
        if (!planned) {
            return PullRequestEvent.ignored(ScmApi.BITBUCKET_CLOUD, description, PullRequestEvents.ignoredAction(
                    state != null && !"OPEN".equalsIgnoreCase(state) ? state.toLowerCase(java.util.Locale.ROOT)
                            : action, "that are open, when they are created or updated"));
        }
        if (id <= 0) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_CLOUD, eventKey, "pullrequest.id");
        }
        if (repository == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_CLOUD, eventKey,
                    "pullrequest.destination.repository.full_name");
        }
        String target = text(pr.path("destination").path("branch").get("name"));
        if (target == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_CLOUD, eventKey, "pullrequest.destination.branch.name");
        }
        String sourceBranch = text(pr.path("source").path("branch").get("name"));
        if (sourceBranch == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_CLOUD, eventKey, "pullrequest.source.branch.name");
        }
        if (head == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_CLOUD, eventKey, "pullrequest.source.commit.hash");
        }
        String sourceRepository = text(pr.path("source").path("repository").get("full_name"));
        boolean fork = sourceRepository != null && !sourceRepository.equalsIgnoreCase(repository);
        String base = text(pr.path("destination").path("commit").get("hash"));
        String url = text(body.path("repository").path("links").path("html").get("href"));
        return new PullRequestEvent(true, ScmApi.BITBUCKET_CLOUD, repository, id, target, head,
                Refs.isCommitId(base) ? base : null, PullRequestEvents.withoutTrailingSlash(url),
                Refs.HEADS + sourceBranch, fork ? sourceRepository : null, description, null);
    }

    /**
     * {@code pr:opened} and {@code pr:from_ref_updated} (new commits) are planned, and {@code pr:modified} when
     * {@code previousTarget} is another branch than the target now. The head is fetched from the target repository's
     * {@code refs/pull-requests/<id>/from}, which Data Center keeps for forks too.
     */
    private static PullRequestEvent dataCenterPullRequest(String eventKey, JsonNode body) {
        JsonNode pr = body.path("pullRequest");
        long id = PullRequestEvents.number(pr.get("id"));
        JsonNode toRef = pr.path("toRef");
        JsonNode targetRepository = toRef.path("repository");
        String projectKey = text(targetRepository.path("project").get("key"));
        String slug = text(targetRepository.get("slug"));
        String repository = projectKey == null || slug == null ? null : projectKey + "/" + slug;
        String head = text(pr.path("fromRef").get("latestCommit"));
        String action = eventKey.substring("pr:".length());
        String description = PullRequestEvents.describe(ScmApi.BITBUCKET_DATA_CENTER, repository, id, head, action);
        String state = text(pr.get("state"));
        boolean open = state == null || "OPEN".equalsIgnoreCase(state);
        String previousTarget = text(body.path("previousTarget").get("id"));
        boolean newTarget = previousTarget != null && !previousTarget.equals(text(toRef.get("id")));
        boolean planned = open && ("opened".equals(action) || "from_ref_updated".equals(action)
                || "modified".equals(action) && newTarget);
        if (!planned) {
            return PullRequestEvent.ignored(ScmApi.BITBUCKET_DATA_CENTER, description, "modified".equals(action) && open
                    ? "the pull request was modified but its target branch did not change"
                    : PullRequestEvents.ignoredAction(open ? eventKey : state.toLowerCase(java.util.Locale.ROOT),
                    "that are open, when they are opened, their source branch gets new commits or their target "
                            + "branch changes"));
        }
        if (id <= 0) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_DATA_CENTER, eventKey, "pullRequest.id");
        }
        if (repository == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_DATA_CENTER, eventKey,
                    "pullRequest.toRef.repository.project.key and slug");
        }
        String target = text(toRef.get("displayId"));
        String targetId = text(toRef.get("id"));
        if (targetId != null && targetId.startsWith(Refs.HEADS)) {
            target = targetId.substring(Refs.HEADS.length());
        }
        if (target == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_DATA_CENTER, eventKey, "pullRequest.toRef.id");
        }
        if (head == null) {
            throw PullRequestEvents.missing(ScmApi.BITBUCKET_DATA_CENTER, eventKey, "pullRequest.fromRef.latestCommit");
        }
        String base = text(toRef.get("latestCommit"));
        String url = null;
        JsonNode self = targetRepository.path("links").path("self");
        if (self.isArray() && !self.isEmpty()) {
            url = PullRequestEvents.withoutTrailingSlash(text(self.get(0).get("href")));
            if (url != null && url.endsWith("/browse")) {
                url = url.substring(0, url.length() - "/browse".length());
            }
        }
        return new PullRequestEvent(true, ScmApi.BITBUCKET_DATA_CENTER, repository, id, target, head,
                Refs.isCommitId(base) ? base : null, url, "refs/pull-requests/" + id + "/from", null, description,
                null);
    }

    private static List<PushEvent> nonEmpty(List<PushEvent> events) {
        return events.isEmpty() ? List.of(PushEvent.other("Bitbucket push with no ref changes")) : events;
    }
}
