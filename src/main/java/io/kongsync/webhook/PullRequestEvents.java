package io.kongsync.webhook;

import static io.kongsync.webhook.PushEvents.text;

import io.kongsync.scm.ScmApi;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads verified pull-request and merge-request events: GitHub {@code pull_request}, GitLab {@code Merge Request Hook},
 * Bitbucket Cloud {@code pullrequest:*} and Bitbucket Data Center {@code pr:*}. The header names the event, so a push
 * delivery is recognised without reading its body.
 */
public final class PullRequestEvents {

    private PullRequestEvents() {
    }

    /**
     * @return the event, or empty when the delivery is not a pull-request event (a push, a ping, anything else)
     * @throws IllegalArgumentException when the body is not JSON or lacks what a pull-request event must carry
     */
    public static Optional<PullRequestEvent> parse(Provider provider, Function<String, String> header, byte[] body) {
        return switch (provider) {
            case GITHUB -> "pull_request".equals(trimmed(header.apply("X-GitHub-Event")))
                    ? Optional.of(GitHubPayloads.pullRequest(PushEvents.json(provider, body))) : Optional.empty();
            case GITLAB -> "Merge Request Hook".equals(trimmed(header.apply("X-Gitlab-Event")))
                    ? Optional.of(GitLabPayloads.mergeRequest(PushEvents.json(provider, body))) : Optional.empty();
            case BITBUCKET -> bitbucket(header.apply("X-Event-Key"), body);
        };
    }

    private static Optional<PullRequestEvent> bitbucket(String eventKey, byte[] body) {
        String key = trimmed(eventKey);
        if (key == null) {
            // Data Center also names the event in the body; only read it when the header is missing
            key = text(PushEvents.json(Provider.BITBUCKET, body).get("eventKey"));
        }
        if (key == null || !(key.startsWith("pullrequest:") || key.startsWith("pr:"))) {
            return Optional.empty();
        }
        return Optional.of(BitbucketPayloads.pullRequest(key, PushEvents.json(Provider.BITBUCKET, body)));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** "GitHub pull request platform/routes#12 at 1a2b3c4 (opened)". */
    static String describe(ScmApi api, String repository, long number, String head, String action) {
        String what = api == ScmApi.GITLAB ? " merge request " + repository + "!" : " pull request " + repository + "#";
        return api.displayName() + what + number + (head == null ? "" : " at " + PushEvent.abbreviate(head))
                + " (" + action + ")";
    }

    static String ignoredAction(String action, String planned) {
        return "kongsync plans pull requests " + planned + "; " + (action == null ? "this event" : "'" + action + "'")
                + " is not one of those";
    }

    static IllegalArgumentException missing(ScmApi api, String event, String field) {
        return new IllegalArgumentException(api.displayName() + " " + event + " payload has no " + field);
    }

    /** A positive number, from a JSON number or a numeric string; 0 when absent. */
    static long number(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        String s = text(node);
        return s != null && s.matches("[0-9]{1,18}") ? Long.parseLong(s) : 0;
    }

    static String withoutTrailingSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }
}
