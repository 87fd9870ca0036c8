package io.kongsync.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kongsync.git.TestRepo;
import io.kongsync.sandbox.Sandbox;
import io.kongsync.sandbox.SandboxOptions;
import io.kongsync.server.RunningService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kongsync.api.ServiceFixture.CONSUMER_KEY;
import static io.kongsync.api.ServiceFixture.JSON;
import static io.kongsync.api.ServiceFixture.TOKEN;
import static io.kongsync.api.ServiceFixture.awaitFinished;
import static io.kongsync.api.ServiceFixture.json;
import static io.kongsync.api.WebhookTest.BITBUCKET_SECRET;
import static io.kongsync.api.WebhookTest.GITHUB_SECRET;
import static io.kongsync.api.WebhookTest.GITLAB_TOKEN;
import static io.kongsync.api.WebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kongsync serve with its real provider clients (no stand-in) talking to WireMock in each provider's documented
 * shape: a signed pull-request event plans the head against the sandbox and leaves exactly one comment, edited on the
 * next commit, and a pending then final {@code kongsync/plan} status per head; the key in the files reaches no
 * provider; a provider that fails is tried again, and one that refuses never fails the dry run.
 */
class PullRequestProvidersEndToEndTest {

    static final String PUBLIC_URL = "https://kongsync.example.com";
    static final long COMMENT_ID = 5001;
    static final String FIRST_PLAN = "3 to create, 0 to update, 0 to delete";
    static final String SECOND_PLAN = "3 to create, 1 to update, 0 to delete";

    @TempDir
    Path root;
    WireMockServer wiremock;
    TestRepo repo;
    String mainHead;
    Sandbox sandbox;
    RunningService service;

    @BeforeEach
    void start() throws Exception {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
        repo = TestRepo.create(root.resolve("host/platform/routes.git"), root.resolve("work"));
        mainHead = repo.commit("first routes", "routes/nyan.yaml", routes("nyan.mydomain.com", false));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        wiremock.stop();
        repo.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Provider.class)
    void aPullRequestGetsOneCommentEditedOnTheNextCommitAndAStatusPerHeadWithoutItsKey(Provider provider)
            throws Exception {
        startService(provider.settings(wiremock.baseUrl()));
        wiremock.stubFor(get(urlEqualTo(provider.listing())).willReturn(okJson(provider.listed())));
        wiremock.stubFor(post(urlEqualTo(provider.commentsPath(provider.number())))
                .willReturn(answer(201, provider.comment(COMMENT_ID, "created"))));
        wiremock.stubFor(provider.edit(urlEqualTo(provider.commentPath(COMMENT_ID)))
                .willReturn(okJson(provider.comment(COMMENT_ID, "edited"))));
        wiremock.stubFor(post(urlPathMatching(Pattern.quote(provider.status("")) + "[0-9a-f]{40}"
                + Pattern.quote(provider.statusSuffix()))).willReturn(provider.statusAnswer()));
        repo.newBranch("orders");
        String first = repo.commit("orders route and its consumer", "routes/nyan.yaml",
                routes("nyan.mydomain.com", true));
        repo.pushHeadTo(repo.uri(), provider.pullRef());

        Map<String, Object> opened = accepted(provider.opened(first, mainHead));

        assertThat(opened).containsEntry("state", "succeeded").containsEntry("dryRun", true)
                .containsEntry("commit", first);
        assertThat(map(reviewOf(opened)).get("review")).isEqualTo(Map.of("verdict", "success",
                "description", FIRST_PLAN, "delivered", true, "problems", List.of()));
        List<LoggedRequest> created = requests("POST", provider.commentsPath(provider.number()));
        assertThat(created).hasSize(1);
        String comment = provider.body(created.get(0));
        assertThat(comment).startsWith(provider.marker() + "\nkongsync planned commit [`" + first.substring(0, 7)
                        + "`](" + provider.webUrl() + provider.commitPath() + first + ")")
                .contains("## kongsync plan").contains("| 3 | 0 | 0 |")
                .contains("route " + provider.code("orders")).contains("+ hosts: [\"orders.mydomain.com\"]")
                .contains("consumer " + provider.code("mobile-app")).contains("+ key: (sensitive)")
                .doesNotContain("nyan.example.org");
        assertStatuses(provider, first, FIRST_PLAN, (String) opened.get("id"));
        assertThat(requests(provider.editMethod(), provider.commentPath(COMMENT_ID))).isEmpty();

        // the provider now lists the comment kongsync made, as it was posted
        wiremock.stubFor(get(urlEqualTo(provider.listing())).willReturn(okJson(provider.listed(comment))));
        String second = repo.commit("and move nyan", "routes/nyan.yaml", routes("nyan.example.org", true));
        repo.pushHeadTo(repo.uri(), provider.pullRef());

        Map<String, Object> updated = accepted(provider.updated(second, first, mainHead));

        assertThat(updated).containsEntry("state", "succeeded").containsEntry("commit", second);
        assertThat(map(reviewOf(updated)).get("review")).isEqualTo(Map.of("verdict", "success",
                "description", SECOND_PLAN, "delivered", true, "problems", List.of()));
        assertThat(requests("POST", provider.commentsPath(provider.number()))).as("no second comment").hasSize(1);
        List<LoggedRequest> edits = requests(provider.editMethod(), provider.commentPath(COMMENT_ID));
        assertThat(edits).hasSize(1);
        assertThat(provider.body(edits.get(0)))
                .startsWith(provider.marker() + "\nkongsync planned commit [`" + second.substring(0, 7) + "`](")
                .contains("| 3 | 1 | 0 |").contains("route " + provider.code("nyan"))
                .contains("nyan.example.org").contains("+ key: (sensitive)");
        if (provider == Provider.BITBUCKET_DATA_CENTER) {
            JsonNode version = JSON.readTree(edits.get(0).getBodyAsString()).path("version");
            assertThat(version.isNumber()).as("the edit names the version it replaces").isTrue();
            assertThat(version.asLong())
                    .as("the version the activities listed").isEqualTo(Provider.DC_VERSION);
        }
        assertStatuses(provider, second, SECOND_PLAN, (String) updated.get("id"));

        List<LoggedRequest> all = requests(null, "/");
        assertThat(all).hasSize(2 /* listings */ + 1 /* created */ + 1 /* edited */ + 4 /* statuses */);
        for (LoggedRequest request : all) {
            assertThat(request.getHeader(provider.authHeader())).as(request.getUrl())
                    .isEqualTo(provider.authValue());
            assertThat(request.getBodyAsString() + request.getUrl()).as(request.getUrl())
                    .doesNotContain(CONSUMER_KEY).doesNotContain(Provider.SCM_TOKEN);
        }
    }

    @Test
    void gitHubAnswering500IsTriedAgainAndA403IsAProblemOnTheRecordThatDoesNotFailTheDryRun() throws Exception {
        Provider github = Provider.GITHUB;
        startService(github.settings(wiremock.baseUrl()));
        String repository = "/api/v3/repos/platform/routes";
        String flaky = repository + "/issues/40/comments";
        String forbidden = repository + "/issues/41/comments";
        wiremock.stubFor(get(urlEqualTo(flaky + "?per_page=100")).willReturn(okJson("[]")));
        wiremock.stubFor(post(urlEqualTo(flaky)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(500, "{\"message\":\"Server Error\"}")).willSetStateTo("failed once"));
        wiremock.stubFor(post(urlEqualTo(flaky)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(answer(500, "{\"message\":\"Server Error\"}")).willSetStateTo("failed twice"));
        wiremock.stubFor(post(urlEqualTo(flaky)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(answer(201, github.comment(COMMENT_ID, "created"))).willSetStateTo("created"));
        String refusal = "{\"message\":\"Resource not accessible by integration\","
                + "\"documentation_url\":\"https://docs.github.com/rest/issues/comments\",\"status\":\"403\"}";
        wiremock.stubFor(get(urlEqualTo(forbidden + "?per_page=100")).willReturn(answer(403, refusal)));
        wiremock.stubFor(post(urlEqualTo(forbidden)).willReturn(answer(403, refusal)));
        wiremock.stubFor(post(urlPathMatching(repository + "/statuses/[0-9a-f]{40}"))
                .willReturn(github.statusAnswer()));
        String retried = pullRequestBranch("orders", "refs/pull/40/head", routes("nyan.mydomain.com", true));
        String refused = pullRequestBranch("other", "refs/pull/41/head", routes("other.mydomain.com", true));

        RunningService.Reply first = github.send(service, githubEvent("opened", 40, retried, mainHead));
        RunningService.Reply second = github.send(service, githubEvent("opened", 41, refused, mainHead));
        Map<String, Object> retriedRun = reviewOf(accepted(first));
        Map<String, Object> refusedRun = reviewOf(accepted(second));

        assertThat(retriedRun).containsEntry("state", "succeeded");
        assertThat(map(retriedRun.get("review"))).containsEntry("delivered", true)
                .containsEntry("problems", List.of());
        List<LoggedRequest> tries = requests("POST", flaky);
        assertThat(tries).hasSize(3);
        assertThat(tries).extracting(LoggedRequest::getBodyAsString).as("the same comment each try")
                .containsOnly(tries.get(0).getBodyAsString());
        assertThat(Provider.GITHUB.body(tries.get(2)))
                .startsWith("<!-- kongsync:plan -->\nkongsync planned commit [`" + retried.substring(0, 7) + "`](");
        assertThat(wiremock.getAllScenarios().getScenarios()).singleElement()
                .satisfies(s -> assertThat(s.getState()).as("created once, on the third try").isEqualTo("created"));
        assertThat(refusedRun).containsEntry("state", "succeeded");
        assertThat(map(refusedRun.get("review"))).containsEntry("verdict", "success")
                .containsEntry("delivered", false).containsEntry("problems", List.of("GitHub answered 403 to GET "
                        + forbidden + " after 3 tries: Resource not accessible by integration"));
        assertThat(requests("GET", forbidden)).hasSize(3);
        assertThat(requests("POST", forbidden)).as("no comment without knowing whether there is one").isEmpty();
        List<String> refusedStatuses = requests("POST", repository + "/statuses/" + refused).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).get("state").asString()).toList();
        assertThat(refusedStatuses).as("the status is set all the same").containsExactly("pending", "success");
    }

    /** The head's statuses, oldest first: pending, then success with the plan and the link to the full report. */
    private void assertStatuses(Provider provider, String head, String description, String syncId) {
        List<JsonNode> statuses = requests("POST", provider.status(head)).stream()
                .map(r -> JSON.readTree(r.getBodyAsString())).toList();
        assertThat(statuses).hasSize(2);
        assertThat(statuses).extracting(s -> s.get("state").asString())
                .containsExactly(provider.pendingState(), provider.successState());
        for (JsonNode status : statuses) {
            for (String field : provider.statusNameFields()) {
                assertThat(status.get(field).asString()).as(field).isEqualTo("kongsync/plan");
            }
        }
        assertThat(statuses.get(0).get("description").asString()).isEqualTo("kongsync is planning this commit");
        assertThat(statuses.get(1).get("description").asString()).isEqualTo(description);
        assertThat(statuses.get(1).get(provider.statusLinkField()).asString())
                .isEqualTo(PUBLIC_URL + "/api/v1/syncs/" + syncId + "?format=markdown");
    }

    private void startService(Map<String, String> scm) {
        // a sandbox per service: closing a service disposes Reactor Netty's global resources, which a sandbox runs on
        sandbox = Sandbox.start(SandboxOptions.defaults());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kongsync.git.uri", repo.uri());
        settings.put("kongsync.kong.admin-url", sandbox.url().toString());
        settings.put("kongsync.data-dir", root.resolve("data").toString());
        settings.put("kongsync.api.token", TOKEN);
        settings.put("kongsync.webhook.github-secret", GITHUB_SECRET);
        settings.put("kongsync.webhook.gitlab-token", GITLAB_TOKEN);
        settings.put("kongsync.webhook.bitbucket-secret", BITBUCKET_SECRET);
        settings.put("kongsync.public-url", PUBLIC_URL);
        settings.put("kongsync.scm.timeout", "5s");
        settings.put("kongsync.scm.retry.backoff", "100ms");
        settings.putAll(scm);
        // no PullRequestReviews bean: the service makes its own clients from kongsync.scm.*
        service = ServiceFixture.idle(RunningService.start(settings));
    }

    private String pullRequestBranch(String branch, String pullRef, String routes) throws Exception {
        repo.newBranch(branch);
        String head = repo.commit("change " + branch, "routes/nyan.yaml", routes);
        repo.pushHeadTo(repo.uri(), pullRef);
        repo.switchTo("main");
        return head;
    }

    private Map<String, Object> accepted(Event event) {
        return accepted(event.provider().send(service, event));
    }

    private Map<String, Object> accepted(RunningService.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply.body())).containsEntry("status", "accepted");
        return awaitFinished(service, reply.header("Location"));
    }

    /** The record once it carries what the provider answered (stored after the last call). */
    private Map<String, Object> reviewOf(Map<String, Object> sync) {
        return ServiceFixture.await(service, "/api/v1/syncs/" + sync.get("id"), r -> r.get("review") != null);
    }

    /** The requests WireMock received, oldest first; {@code method} null for any. */
    private List<LoggedRequest> requests(String method, String urlStart) {
        List<LoggedRequest> oldestFirst = new ArrayList<>(wiremock.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> (method == null || r.getMethod().getName().equals(method))
                        && r.getUrl().startsWith(urlStart))
                .toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /** The nyan service; with {@code orders}, a second route and a consumer whose key-auth key is a secret. */
    static String routes(String nyanHost, boolean orders) {
        return """
                _format_version: "3.0"
                services:
                  - name: nyan
                    host: nyan.ecs.local
                    routes:
                      - name: nyan
                        hosts: [%s]
                """.formatted(nyanHost) + (orders ? """
                      - name: orders
                        hosts: [orders.mydomain.com]
                consumers:
                  - username: mobile-app
                    keyauth_credentials:
                      - key: %s
                """.formatted(CONSUMER_KEY) : "");
    }

    static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    /** GitHub's {@code pull_request} event. */
    static Event githubEvent(String action, long number, String head, String base) {
        String body = """
                {"action": "%s", "number": %d,
                 "pull_request": {"number": %d, "state": "open", "head": {"ref": "orders", "sha": "%s"},
                                  "base": {"ref": "main", "sha": "%s"}},
                 "repository": {"full_name": "platform/routes", "html_url": "%s"}}
                """.formatted(action, number, number, head, base, Provider.GITHUB.webUrl());
        return new Event(Provider.GITHUB, "/api/v1/webhooks/github", body, Map.of("X-GitHub-Event",
                "pull_request", "X-Hub-Signature-256", sign(GITHUB_SECRET, body)));
    }

    /** A signed webhook delivery. */
    record Event(Provider provider, String path, String body, Map<String, String> headers) {
    }

    /** Each provider: its settings, webhook payloads, API paths and answers, as its documentation shows them. */
    enum Provider {

        GITHUB(12, "https://github.com/platform/routes", "/commit/", "<!-- kongsync:plan -->") {
            @Override
            Map<String, String> settings(String wiremock) {
                return Map.of("kongsync.scm.github.token", SCM_TOKEN, "kongsync.scm.github.api-url",
                        wiremock + "/api/v3");
            }

            @Override
            String pullRef() {
                return "refs/pull/12/head";
            }

            @Override
            Event opened(String head, String base) {
                return githubEvent("opened", 12, head, base);
            }

            @Override
            Event updated(String head, String previous, String base) {
                return githubEvent("synchronize", 12, head, base);
            }


            @Override
            String commentsPath(long number) {
                return "/api/v3/repos/platform/routes/issues/" + number + "/comments";
            }

            @Override
            String listing() {
                return commentsPath(12) + "?per_page=100";
            }

            @Override
            String commentPath(long id) {
                return "/api/v3/repos/platform/routes/issues/comments/" + id;
            }

            @Override
            String listed(String... ours) {
                StringBuilder out = new StringBuilder("[" + comment(4001, "Looks right, one question", "octocat"));
                for (String body : ours) {
                    out.append(",").append(comment(COMMENT_ID, body, "kongsync-bot"));
                }
                return out.append("]").toString();
            }

            @Override
            String comment(long id, String body) {
                return comment(id, body, "kongsync-bot");
            }

            private String comment(long id, String body, String login) {
                return """
                        {"id":%d,"node_id":"IC_kwDOA%d",
                         "url":"https://api.github.com/repos/platform/routes/issues/comments/%d",
                         "html_url":"https://github.com/platform/routes/pull/12#issuecomment-%d","body":%s,
                         "user":{"login":"%s","id":583231,"type":"Bot","site_admin":false},
                         "created_at":"2026-05-04T10:20:44Z","updated_at":"2026-05-04T10:20:44Z",
                         "issue_url":"https://api.github.com/repos/platform/routes/issues/12",
                         "author_association":"NONE"}""".formatted(id, id, id, id, quoted(body), login);
            }

            @Override
            String editMethod() {
                return "PATCH";
            }

            @Override
            String body(LoggedRequest request) {
                return JSON.readTree(request.getBodyAsString()).get("body").asString();
            }

            @Override
            String status(String sha) {
                return "/api/v3/repos/platform/routes/statuses/" + sha;
            }

            @Override
            ResponseDefinitionBuilder statusAnswer() {
                return answer(201, """
                        {"url":"https://api.github.com/repos/platform/routes/statuses/0",
                         "id":1,"node_id":"MDY6U3RhdHVzMQ==","state":"success","description":"",
                         "target_url":null,"context":"kongsync/plan",
                         "created_at":"2026-05-04T10:20:45Z","updated_at":"2026-05-04T10:20:45Z",
                         "creator":{"login":"kongsync-bot","id":583231,"type":"Bot"}}""");
            }

            @Override
            String authHeader() {
                return "Authorization";
            }

            @Override
            String authValue() {
                return "Bearer " + SCM_TOKEN;
            }
        },

        GITLAB(7, "https://gitlab.example.com/platform/routes", "/-/commit/", "<!-- kongsync:plan -->") {
            @Override
            Map<String, String> settings(String wiremock) {
                return Map.of("kongsync.scm.gitlab.token", SCM_TOKEN, "kongsync.scm.gitlab.api-url",
                        wiremock + "/api/v4");
            }

            @Override
            String pullRef() {
                return "refs/merge-requests/7/head";
            }

            @Override
            Event opened(String head, String base) {
                return event("open", head, null);
            }

            @Override
            Event updated(String head, String previous, String base) {
                return event("update", head, previous);
            }

            private Event event(String action, String head, String oldrev) {
                String body = """
                        {"object_kind": "merge_request", "event_type": "merge_request",
                         "project": {"path_with_namespace": "platform/routes", "web_url": "%s"},
                         "object_attributes": {"iid": 7, "action": "%s", "state": "opened", "target_branch": "main",
                                               "source_branch": "orders", %s"last_commit": {"id": "%s"}}}
                        """.formatted(webUrl(), action, oldrev == null ? "" : "\"oldrev\": \"" + oldrev + "\", ",
                        head);
                return new Event(this, "/api/v1/webhooks/gitlab", body, Map.of("X-Gitlab-Event",
                        "Merge Request Hook", "X-Gitlab-Token", GITLAB_TOKEN));
            }

            @Override
            String commentsPath(long number) {
                return "/api/v4/projects/platform%2Froutes/merge_requests/" + number + "/notes";
            }

            @Override
            String listing() {
                return commentsPath(7) + "?per_page=100&sort=asc&order_by=created_at";
            }

            @Override
            String commentPath(long id) {
                return commentsPath(7) + "/" + id;
            }

            @Override
            String listed(String... ours) {
                StringBuilder out = new StringBuilder("[" + note(4001, "added 1 commit", true));
                for (String body : ours) {
                    out.append(",").append(note(COMMENT_ID, body, false));
                }
                return out.append("]").toString();
            }

            @Override
            String comment(long id, String body) {
                return note(id, body, false);
            }

            private String note(long id, String body, boolean system) {
                return """
                        {"id":%d,"type":null,"body":%s,"attachment":null,
                         "author":{"id":31,"username":"kongsync-bot","name":"kongsync","state":"active",
                          "avatar_url":null,"web_url":"https://gitlab.example.com/kongsync-bot"},
                         "created_at":"2026-05-04T10:20:44.122Z","updated_at":"2026-05-04T10:20:44.122Z",
                         "system":%s,"noteable_id":3301,"noteable_type":"MergeRequest","project_id":52,
                         "resolvable":false,"confidential":false,"internal":false,"noteable_iid":7,
                         "commands_changes":{}}""".formatted(id, quoted(body), system);
            }

            @Override
            String editMethod() {
                return "PUT";
            }

            @Override
            String body(LoggedRequest request) {
                return JSON.readTree(request.getBodyAsString()).get("body").asString();
            }

            @Override
            String status(String sha) {
                return "/api/v4/projects/platform%2Froutes/statuses/" + sha;
            }

            @Override
            ResponseDefinitionBuilder statusAnswer() {
                return answer(201, """
                        {"id":93,"sha":"0","ref":"orders","status":"pending","name":"kongsync/plan",
                         "target_url":null,"description":"","created_at":"2026-05-04T10:20:45.000Z",
                         "started_at":null,"finished_at":null,"allow_failure":false,"coverage":null,
                         "pipeline_id":4411,"author":{"id":31,"username":"kongsync-bot","name":"kongsync",
                         "state":"active"}}""");
            }

            @Override
            List<String> statusNameFields() {
                return List.of("name");
            }

            @Override
            String authHeader() {
                return "PRIVATE-TOKEN";
            }

            @Override
            String authValue() {
                return SCM_TOKEN;
            }
        },

        BITBUCKET_CLOUD(3, "https://bitbucket.org/platform/routes", "/commits/", "[//]: # (kongsync:plan)") {
            @Override
            Map<String, String> settings(String wiremock) {
                return Map.of("kongsync.scm.bitbucket.token", SCM_TOKEN, "kongsync.scm.bitbucket.username",
                        "kongsync-bot", "kongsync.scm.bitbucket.api-url", wiremock + "/2.0");
            }

            @Override
            String pullRef() {
                return "refs/heads/orders";
            }

            @Override
            Event opened(String head, String base) {
                return event("pullrequest:created", head, base);
            }

            @Override
            Event updated(String head, String previous, String base) {
                return event("pullrequest:updated", head, base);
            }

            /** Cloud abbreviates commits to 12 digits in its payloads. */
            private Event event(String key, String head, String base) {
                String body = """
                        {"pullrequest": {"id": 3, "state": "OPEN", "title": "Route orders",
                           "source": {"branch": {"name": "orders"}, "commit": {"hash": "%s"},
                                      "repository": {"full_name": "platform/routes"}},
                           "destination": {"branch": {"name": "main"}, "commit": {"hash": "%s"},
                                           "repository": {"full_name": "platform/routes"}}},
                         "repository": {"full_name": "platform/routes", "links": {"html": {"href": "%s"}}}}
                        """.formatted(head.substring(0, 12), base.substring(0, 12), webUrl());
                return new Event(this, "/api/v1/webhooks/bitbucket", body, Map.of("X-Event-Key", key,
                        "X-Hub-Signature", sign(BITBUCKET_SECRET, body)));
            }

            @Override
            String commentsPath(long number) {
                return "/2.0/repositories/platform/routes/pullrequests/" + number + "/comments";
            }

            @Override
            String listing() {
                return commentsPath(3) + "?pagelen=50";
            }

            @Override
            String commentPath(long id) {
                return commentsPath(3) + "/" + id;
            }

            @Override
            String listed(String... ours) {
                List<String> values = new ArrayList<>(List.of(comment(4001, "Looks right, one question")));
                for (String body : ours) {
                    values.add(comment(COMMENT_ID, body));
                }
                return "{\"pagelen\":50,\"size\":" + values.size() + ",\"page\":1,\"values\":["
                        + String.join(",", values) + "]}";
            }

            @Override
            String comment(long id, String raw) {
                return """
                        {"id":%d,"type":"pullrequest_comment","created_on":"2026-05-04T10:20:44.204815+00:00",
                         "updated_on":"2026-05-04T10:20:44.204815+00:00",
                         "content":{"type":"rendered","raw":%s,"markup":"markdown","html":"<p>...</p>"},
                         "user":{"display_name":"kongsync","type":"user",
                          "uuid":"{b1f6ba7e-0f5a-4a38-9b9e-2f3c6a1d5e00}","nickname":"kongsync-bot"},
                         "deleted":false,"pending":false,
                         "links":{"self":{"href":"https://api.bitbucket.org/2.0/repositories/platform/routes/pullrequests/3/comments/%d"}},
                         "pullrequest":{"type":"pullrequest","id":3,"title":"Route orders"}}"""
                        .formatted(id, quoted(raw), id);
            }

            @Override
            String editMethod() {
                return "PUT";
            }

            @Override
            String body(LoggedRequest request) {
                return JSON.readTree(request.getBodyAsString()).path("content").get("raw").asString();
            }

            @Override
            String status(String sha) {
                return "/2.0/repositories/platform/routes/commit/" + sha;
            }

            @Override
            String statusSuffix() {
                return "/statuses/build";
            }

            @Override
            ResponseDefinitionBuilder statusAnswer() {
                return answer(201, """
                        {"key":"kongsync/plan","type":"build","state":"INPROGRESS","name":"kongsync/plan",
                         "description":"","refname":null,"url":"https://kongsync.example.com",
                         "created_on":"2026-05-04T10:20:45.120345+00:00",
                         "updated_on":"2026-05-04T10:20:45.120345+00:00",
                         "uuid":"{4c1bd2a8-6d4f-4a6e-8a7b-2b4f0c9e1d33}"}""");
            }

            @Override
            String pendingState() {
                return "INPROGRESS";
            }

            @Override
            String successState() {
                return "SUCCESSFUL";
            }

            @Override
            List<String> statusNameFields() {
                return List.of("key", "name");
            }

            @Override
            String statusLinkField() {
                return "url";
            }

            @Override
            String authHeader() {
                return "Authorization";
            }

            @Override
            String authValue() {
                return "Basic " + Base64.getEncoder().encodeToString(("kongsync-bot:" + SCM_TOKEN)
                        .getBytes(StandardCharsets.UTF_8));
            }
        },

        BITBUCKET_DATA_CENTER(21, "https://bitbucket.example.com/projects/PLAT/repos/routes", "/commits/",
                "[//]: # (kongsync:plan)") {
            @Override
            Map<String, String> settings(String wiremock) {
                return Map.of("kongsync.scm.bitbucket.token", SCM_TOKEN, "kongsync.scm.bitbucket.api-url",
                        wiremock + "/bitbucket");
            }

            @Override
            String pullRef() {
                return "refs/pull-requests/21/from";
            }

            @Override
            Event opened(String head, String base) {
                return event("pr:opened", head, base, "");
            }

            @Override
            Event updated(String head, String previous, String base) {
                return event("pr:from_ref_updated", head, base, "\"previousFromHash\": \"" + previous + "\", ");
            }

            private Event event(String key, String head, String base, String previous) {
                String body = """
                        {"eventKey": "%s", "date": "2026-05-04T10:20:40+0000", %s
                         "pullRequest": {"id": 21, "version": 0, "title": "Route orders", "state": "OPEN",
                           "fromRef": {"id": "refs/heads/orders", "displayId": "orders", "latestCommit": "%s",
                                       "repository": {"slug": "routes", "project": {"key": "PLAT"}}},
                           "toRef": {"id": "refs/heads/main", "displayId": "main", "latestCommit": "%s",
                                     "repository": {"slug": "routes", "project": {"key": "PLAT"},
                                       "links": {"self": [{"href": "%s/browse"}]}}}}}
                        """.formatted(key, previous, head, base, webUrl());
                return new Event(this, "/api/v1/webhooks/bitbucket", body, Map.of("X-Event-Key", key,
                        "X-Hub-Signature", sign(BITBUCKET_SECRET, body)));
            }

            @Override
            String commentsPath(long number) {
                return PULL_REQUEST + number + "/comments";
            }

            @Override
            String listing() {
                return PULL_REQUEST + "21/activities?limit=100";
            }

            @Override
            String commentPath(long id) {
                return commentsPath(21) + "/" + id;
            }

            @Override
            String listed(String... ours) {
                List<String> values = new ArrayList<>();
                for (String body : ours) {
                    values.add("{\"id\":1101,\"createdDate\":1777889920000,\"user\":" + USER
                            + ",\"action\":\"COMMENTED\",\"commentAction\":\"ADDED\",\"comment\":"
                            + comment(COMMENT_ID, body, DC_VERSION) + "}");
                }
                values.add("{\"id\":1100,\"createdDate\":1777889900000,\"user\":" + USER
                        + ",\"action\":\"OPENED\"}");
                return "{\"size\":" + values.size() + ",\"limit\":100,\"isLastPage\":true,\"start\":0,\"values\":["
                        + String.join(",", values) + "]}";
            }

            @Override
            String comment(long id, String text) {
                return comment(id, text, 0);
            }

            private String comment(long id, String text, long version) {
                return """
                        {"properties":{"repositoryId":84},"id":%d,"version":%d,"text":%s,"author":%s,
                         "createdDate":1777889920000,"updatedDate":1777889920000,"comments":[],"tasks":[],
                         "severity":"NORMAL","state":"OPEN",
                         "permittedOperations":{"editable":true,"transitionable":true,"deletable":true}}"""
                        .formatted(id, version, quoted(text), USER);
            }

            @Override
            String editMethod() {
                return "PUT";
            }

            @Override
            String body(LoggedRequest request) {
                return JSON.readTree(request.getBodyAsString()).get("text").asString();
            }

            @Override
            String status(String sha) {
                return "/bitbucket/rest/api/latest/projects/PLAT/repos/routes/commits/" + sha;
            }

            @Override
            String statusSuffix() {
                return "/builds";
            }

            @Override
            ResponseDefinitionBuilder statusAnswer() {
                return aResponse().withStatus(204);
            }

            @Override
            String pendingState() {
                return "INPROGRESS";
            }

            @Override
            String successState() {
                return "SUCCESSFUL";
            }

            @Override
            List<String> statusNameFields() {
                return List.of("key", "name");
            }

            @Override
            String statusLinkField() {
                return "url";
            }

            @Override
            String authHeader() {
                return "Authorization";
            }

            @Override
            String authValue() {
                return "Bearer " + SCM_TOKEN;
            }
        };

        static final String SCM_TOKEN = "scm-token-0a1b2c3d4e5f";
        /** Data Center's comment version when listed: what the edit must name. */
        static final long DC_VERSION = 0;
        private static final String PULL_REQUEST = "/bitbucket/rest/api/latest/projects/PLAT/repos/routes"
                + "/pull-requests/";
        private static final String USER = """
                {"name":"kongsync","emailAddress":"kongsync@example.com","id":57,"displayName":"kongsync",
                 "active":true,"slug":"kongsync","type":"NORMAL"}""";

        private final long number;
        private final String webUrl;
        private final String commitPath;
        private final String marker;

        Provider(long number, String webUrl, String commitPath, String marker) {
            this.number = number;
            this.webUrl = webUrl;
            this.commitPath = commitPath;
            this.marker = marker;
        }

        long number() {
            return number;
        }

        /** The repository's web address, as the payloads give it. */
        String webUrl() {
            return webUrl;
        }

        String commitPath() {
            return commitPath;
        }

        /** A name as the comment shows it: Bitbucket renders no HTML, so it gets Markdown there. */
        String code(String name) {
            return marker.equals("[//]: # (kongsync:plan)") ? "`" + name + "`" : "<code>" + name + "</code>";
        }

        /** The hidden first line of kongsync's comment. */
        String marker() {
            return marker;
        }

        abstract Map<String, String> settings(String wiremock);

        /** Where the host keeps the pull request's head. */
        abstract String pullRef();

        abstract Event opened(String head, String base);

        abstract Event updated(String head, String previous, String base);

        /** Where comments are created (and, with a query, listed). */
        abstract String commentsPath(long number);

        /** The first page of the pull request's comments, as kongsync asks for it. */
        abstract String listing();

        /** The address of one comment, to edit. */
        abstract String commentPath(long id);

        /** The listing's answer: someone else's comment, then kongsync's with each of {@code ours} as its body. */
        abstract String listed(String... ours);

        /** One comment as the API answers it. */
        abstract String comment(long id, String body);

        abstract String editMethod();

        /** The comment text a request sent. */
        abstract String body(LoggedRequest request);

        /** The status address of a commit, up to {@link #statusSuffix()}. */
        abstract String status(String sha);

        String statusSuffix() {
            return "";
        }

        abstract ResponseDefinitionBuilder statusAnswer();

        String pendingState() {
            return "pending";
        }

        String successState() {
            return "success";
        }

        List<String> statusNameFields() {
            return List.of("context");
        }

        String statusLinkField() {
            return "target_url";
        }

        abstract String authHeader();

        abstract String authValue();

        com.github.tomakehurst.wiremock.client.MappingBuilder edit(
                com.github.tomakehurst.wiremock.matching.UrlPattern url) {
            return editMethod().equals("PATCH") ? patch(url) : put(url);
        }

        RunningService.Reply send(RunningService service, Event event) {
            return service.send(service.url().resolve(event.path()), "POST", null, event.body(), event.headers());
        }
    }
}
