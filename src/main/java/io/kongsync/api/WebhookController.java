package io.kongsync.api;

import io.kongsync.git.PullRequestHead;
import io.kongsync.git.RouteSource;
import io.kongsync.server.KongsyncProperties;
import io.kongsync.service.HistoryStore;
import io.kongsync.service.PullRequestRecord;
import io.kongsync.service.PullRequestReviewer;
import io.kongsync.service.SyncCoordinator;
import io.kongsync.service.SyncRecord;
import io.kongsync.service.SyncRequest;
import io.kongsync.service.SyncState;
import io.kongsync.service.Trigger;
import io.kongsync.webhook.Provider;
import io.kongsync.webhook.PullRequestEvent;
import io.kongsync.webhook.PullRequestEvents;
import io.kongsync.webhook.PushEvent;
import io.kongsync.webhook.PushEvents;
import io.kongsync.webhook.WebhookVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /api/v1/webhooks/{github|gitlab|bitbucket}}: a push to the configured branch that touches the routes
 * path starts a sync of the pushed commit; a pull request into that branch whose head touches the routes path starts a
 * dry run of its head, reported back on the pull request. The signature (GitHub, Bitbucket: HMAC-SHA256 of the raw
 * body; GitLab: the token) is checked in constant time before anything else is read; a provider without a secret is
 * disabled.
 */
@RestController
@Tag(name = "webhooks", description = "git push webhooks from GitHub, GitLab and Bitbucket")
class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final KongsyncProperties properties;
    private final SyncCoordinator coordinator;
    private final RouteSource source;
    private final HistoryStore history;
    private final PullRequestReviewer reviewer;

    WebhookController(KongsyncProperties properties, SyncCoordinator coordinator, RouteSource source,
                      HistoryStore history, PullRequestReviewer reviewer) {
        this.reviewer = reviewer;
        this.properties = properties;
        this.coordinator = coordinator;
        this.source = source;
        this.history = history;
    }

    @Operation(summary = "Receive a push or pull-request webhook", description = "github: X-Hub-Signature-256; "
            + "gitlab: X-Gitlab-Token; bitbucket: X-Hub-Signature (Cloud and Data Center). 401 on a missing or wrong "
            + "signature, 404 when the provider has no secret configured, 202 accepted or ignored (with the "
            + "reason), 200 for ping. Pull-request events (GitHub pull_request, GitLab Merge Request Hook, Bitbucket "
            + "pullrequest:created/updated and pr:opened/from_ref_updated/modified) start a dry run of the head, "
            + "reported on the pull request; 429 when too many dry runs run already.")
    @SecurityRequirements
    @PostMapping("/api/v1/webhooks/{provider}")
    Mono<ResponseEntity<Object>> receive(@PathVariable String provider, ServerHttpRequest request) {
        Provider which = provider(provider);
        String secret = secret(which);
        if (secret == null || secret.isBlank()) {
            throw new Problems.NotFound("the " + which.displayName() + " webhook is disabled: set kongsync.webhook."
                    + which.name().toLowerCase(Locale.ROOT) + (which == Provider.GITLAB ? "-token" : "-secret"));
        }
        int limit = (int) Math.min(Integer.MAX_VALUE, properties.webhook().maxBodySize().toBytes());
        return DataBufferUtils.join(request.getBody(), limit)
                .map(buffer -> {
                    byte[] body = new byte[buffer.readableByteCount()];
                    buffer.read(body);
                    DataBufferUtils.release(buffer);
                    return body;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> handle(which, secret, request.getHeaders()::getFirst, body))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(problem(HttpStatus.CONTENT_TOO_LARGE,
                        "the webhook body is larger than kongsync.webhook.max-body-size ("
                                + properties.webhook().maxBodySize() + ")")));
    }

    private Mono<ResponseEntity<Object>> handle(Provider provider, String secret, Function<String, String> header,
                                                byte[] body) {
        if (!WebhookVerifier.verify(provider, secret, header, body)) {
            LOG.warn("refused a {} webhook: its signature is missing or wrong", provider.displayName());
            return Mono.just(problem(HttpStatus.UNAUTHORIZED, "the " + provider.displayName() + " webhook's "
                    + "signature is missing or does not match the configured secret"));
        }
        String branch = properties.git().branch();
        PushEvent event;
        try {
            PullRequestEvent pullRequest = PullRequestEvents.parse(provider, header, body).orElse(null);
            if (pullRequest != null) {
                return pullRequest(pullRequest, branch);
            }
            event = PushEvents.parse(provider, header, body, branch);
        } catch (IllegalArgumentException e) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
        return switch (event.kind()) {
            case PING -> Mono.just(answer(HttpStatus.OK, "pong", event, event.description() + " answered", null));
            case OTHER -> Mono.just(ignored(event, "kongsync acts on pushes only"));
            case BRANCH_DELETED -> Mono.just(ignored(event, "a deleted branch is never synced"));
            case PUSH -> push(event, branch);
        };
    }

    private Mono<ResponseEntity<Object>> push(PushEvent event, String branch) {
        if (!branch.equals(event.branch())) {
            return Mono.just(ignored(event, "kongsync follows the branch " + branch));
        }
        if (!event.hasFullCommitId()) {
            // checked before git is touched: a name here would let a signed payload pick any ref
            return Mono.just(problem(HttpStatus.BAD_REQUEST, event.description().replaceFirst(" at .*$", "")
                    + ": the new head is not a full commit id (40 or 64 hex digits); nothing was synced"));
        }
        String routesPath = properties.git().path();
        if (!PushEvents.touches(event, routesPath)) {
            return Mono.just(ignored(event, "no file under " + routesPath + "/ changed"));
        }
        if (!"git".equals(source.info().kind())) {
            // a directory source has no commits to check out: it syncs what the directory holds
            return acceptOffLoop(event, null);
        }
        if (event.changedFiles() != null) {
            return acceptOffLoop(event, event.commit());
        }
        // the payload does not list files (Bitbucket, forced pushes): ask git, after a fetch, off the event loop
        return Mono.fromCallable(() -> routesUnchanged(event.commit()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(unchanged -> unchanged
                        ? ignored(event, "no file under " + routesPath + "/ changed since the last synced commit")
                        : accept(event, event.commit()));
    }

    private Mono<ResponseEntity<Object>> pullRequest(PullRequestEvent event, String branch) {
        if (!event.plan()) {
            return Mono.just(ignored(event.description(), event.ignoredBecause()));
        }
        if (!branch.equals(event.targetBranch())) {
            return Mono.just(ignored(event.description(), "kongsync plans pull requests into " + branch));
        }
        if (!event.hasCommitId()) {
            // checked before git is touched: a name here would let a signed payload pick any ref
            return Mono.just(problem(HttpStatus.BAD_REQUEST, event.description().replaceFirst(" at [^ ]* ", " ")
                    + ": the head is not a commit id (40 or 64 hex digits); nothing was planned"));
        }
        if (!"git".equals(source.info().kind())) {
            return Mono.just(ignored(event.description(), "kongsync plans pull requests only when the routes come "
                    + "from git (kongsync.git.uri)"));
        }
        PullRequestHead head;
        try {
            head = new PullRequestHead(event.headRef(), event.sourceRepository(), event.headCommit());
        } catch (IllegalArgumentException e) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, event.description() + ": " + e.getMessage()
                    + "; nothing was planned"));
        }
        return Mono.fromCallable(() -> planIfTouched(event, head)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Fetches the head and asks git whether it changes the routes since it branched off; a pull request that does not
     * is not planned and hears nothing from kongsync. When git cannot tell (the fetch failed) it is planned: the dry run
     * fails saying why, on the pull request.
     */
    private ResponseEntity<Object> planIfTouched(PullRequestEvent event, PullRequestHead head) {
        String commit = event.headCommit();
        String mergeBase = null;
        try {
            commit = source.fetchPullRequest(head);
            mergeBase = source.mergeBase(commit);
            if (!source.routesChanged(mergeBase, commit)) {
                return ignored(event.description(), "no file under " + properties.git().path()
                        + "/ changed in the pull request");
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot tell what it changes, so it is planned: {}", event.description(), e.getMessage());
        }
        PullRequestRecord pullRequest = new PullRequestRecord(event.api(), event.repository(), event.number(), commit,
                event.baseCommit(), mergeBase, event.repositoryUrl(), event.headRef(), event.sourceRepository(), null);
        reviewer.accepted(pullRequest);
        SyncRecord dryRun;
        try {
            dryRun = coordinator.submit(SyncRequest.pullRequest(pullRequest, event.description()));
        } catch (SyncCoordinator.Busy busy) {
            reviewer.refused(pullRequest, PullRequestReviewer.BUSY);
            throw busy;
        } catch (RuntimeException e) {
            reviewer.refused(pullRequest, "kongsync could not take the plan on, push again");
            throw e;
        }
        Map<String, Object> answer = body("accepted", event.description(), null);
        answer.put("sync", SyncView.brief(dryRun));
        return ResponseEntity.accepted().location(URI.create(SyncsController.location(dryRun.id()))).body(answer);
    }

    /** True only when git shows the routes the same as at the last synced commit; any doubt means a sync. */
    private boolean routesUnchanged(String commit) {
        String lastSynced = history.lastSync().filter(sync -> sync.state() == SyncState.SUCCEEDED)
                .map(SyncRecord::commit).orElse(null);
        if (lastSynced == null || commit == null) {
            return false;
        }
        try {
            source.checkout(commit);
            return !source.routesChanged(lastSynced, commit);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Accepting records the request in the history, which may be a database: off the event loop. */
    private Mono<ResponseEntity<Object>> acceptOffLoop(PushEvent event, String ref) {
        return Mono.fromCallable(() -> accept(event, ref)).subscribeOn(Schedulers.boundedElastic());
    }

    private ResponseEntity<Object> accept(PushEvent event, String ref) {
        SyncRecord sync = coordinator.submit(new SyncRequest(Trigger.WEBHOOK, false, ref, event.description()));
        Map<String, Object> body = body("accepted", event.description(), null);
        body.put("sync", SyncView.brief(sync));
        return ResponseEntity.accepted().location(URI.create(SyncsController.location(sync.id()))).body(body);
    }

    private ResponseEntity<Object> ignored(PushEvent event, String reason) {
        return ignored(event.description(), reason);
    }

    private ResponseEntity<Object> ignored(String event, String reason) {
        LOG.info("ignored a webhook: {}: {}", event, reason);
        return answer(HttpStatus.ACCEPTED, "ignored", event, reason, null);
    }

    private static ResponseEntity<Object> answer(HttpStatus status, String outcome, PushEvent event, String reason,
                                                 Object sync) {
        return answer(status, outcome, event.description(), reason, sync);
    }

    private static ResponseEntity<Object> answer(HttpStatus status, String outcome, String event, String reason,
                                                 Object sync) {
        Map<String, Object> body = body(outcome, event, reason);
        body.put("sync", sync);
        return ResponseEntity.status(status).body(body);
    }

    private static Map<String, Object> body(String outcome, String event, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome);
        body.put("event", event);
        body.put("reason", reason);
        return body;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static Provider provider(String name) {
        for (Provider p : Provider.values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new Problems.NotFound("no webhook for \"" + name + "\": use github, gitlab or bitbucket");
    }

    private String secret(Provider provider) {
        KongsyncProperties.Webhook webhook = properties.webhook();
        return switch (provider) {
            case GITHUB -> webhook.githubSecret();
            case GITLAB -> webhook.gitlabToken();
            case BITBUCKET -> webhook.bitbucketSecret();
        };
    }
}
