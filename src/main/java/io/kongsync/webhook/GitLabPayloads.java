package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.missing;
import static io.kongsync.webhook.PushEvents.text;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * GitLab's {@code Push Hook}. GitLab has no ping: its "Test" button sends a push event built from the last
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
