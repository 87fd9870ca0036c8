package io.kongsync.webhook;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads verified webhook payloads into {@link PushEvent}s. Unknown fields are ignored. */
public final class PushEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PushEvents() {
    }

    /**
     * Parses a verified payload. When one delivery reports several refs (Bitbucket can), the first branch
     * change is returned; use {@link #parse(Provider, Function, byte[], String)} to pick a given branch.
     *
     * @throws IllegalArgumentException when the body is not JSON or lacks what its event type must carry
     */
    public static PushEvent parse(Provider provider, Function<String, String> header, byte[] body) {
        return parse(provider, header, body, null);
    }

    /**
     * As {@link #parse(Provider, Function, byte[])}, but when the delivery reports several refs, returns the
     * change to {@code branch} if there is one (else the first branch change).
     */
    public static PushEvent parse(Provider provider, Function<String, String> header, byte[] body, String branch) {
        List<PushEvent> events = parseAll(provider, header, body);
        PushEvent firstBranchChange = null;
        for (PushEvent event : events) {
            if (branch != null && branch.equals(event.branch())) {
                return event;
            }
            if (firstBranchChange == null && event.branch() != null) {
                firstBranchChange = event;
            }
        }
        return firstBranchChange != null ? firstBranchChange : events.get(0);
    }

    /** Every ref change a delivery reports, in payload order; never empty. */
    public static List<PushEvent> parseAll(Provider provider, Function<String, String> header, byte[] body) {
        Objects.requireNonNull(provider, "provider");
        return switch (provider) {
            case GITHUB -> List.of(GitHubPayloads.parse(header.apply("X-GitHub-Event"), json(provider, body)));
            case GITLAB -> List.of(GitLabPayloads.parse(header.apply("X-Gitlab-Event"), json(provider, body)));
            case BITBUCKET -> BitbucketPayloads.parse(header.apply("X-Event-Key"), json(provider, body));
        };
    }

    /**
     * True when any changed file is under {@code routesPath} (a path prefix on '/' boundaries: {@code routes}
     * matches {@code routes/a.yaml} and {@code routes} itself, not {@code routes2/a.yaml}), or when the
     * event does not know its files. An empty, "." or "/" routes path means the whole repository.
     */
    public static boolean touches(PushEvent event, String routesPath) {
        if (event.changedFiles() == null) {
            return true;
        }
        String prefix = trimSlashes(routesPath == null ? "" : routesPath.trim());
        if (prefix.isEmpty() || prefix.equals(".")) {
            return !event.changedFiles().isEmpty();
        }
        for (String file : event.changedFiles()) {
            String path = trimSlashes(file);
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String trimSlashes(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }

    static JsonNode json(Provider provider, byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException(provider.displayName() + " webhook body is empty");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(provider.displayName() + " webhook body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(provider.displayName() + " webhook body is not a JSON object");
        }
        return node;
    }

    static String text(JsonNode node) {
        return node == null || !node.isString() || node.asString().isEmpty() ? null : node.asString();
    }

    static IllegalArgumentException missing(Provider provider, String event, String field) {
        return new IllegalArgumentException(provider.displayName() + " " + event + " payload has no " + field);
    }
}
