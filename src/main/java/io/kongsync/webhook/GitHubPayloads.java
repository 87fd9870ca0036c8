package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.missing;
import static io.kongsync.webhook.PushEvents.text;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** GitHub's {@code ping} and {@code push} events; the event name comes from the {@code X-GitHub-Event} header. */
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
