package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.text;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud's {@code repo:push} and Bitbucket Data Center's {@code repo:refs_changed} and
 * {@code diagnostics:ping} (the "Test connection" button). Neither lists changed files, so
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

    private static List<PushEvent> nonEmpty(List<PushEvent> events) {
        return events.isEmpty() ? List.of(PushEvent.other("Bitbucket push with no ref changes")) : events;
    }
}
