package io.kongsync.scm;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class BitbucketCloudReviewsTest extends ScmWireMock {

    private static final String USER = "kongsync-bot";
    private static final String APP_PASSWORD = "ATBBkongsyncTestAppPassword0123";
    private static final String REPO = "/2.0/repositories/acme/kong-routes";
    private static final String COMMENTS = REPO + "/pullrequests/5/comments";
    private static final String LIST = COMMENTS + "?pagelen=50";
    private static final String STATUS = REPO + "/commit/" + HEAD + "/statuses/build";
    private static final PullRequest PR = new PullRequest(ScmApi.BITBUCKET_CLOUD, "acme/kong-routes", 5, HEAD, null,
            "https://bitbucket.org/acme/kong-routes");

    private PullRequestReviews reviews() {
        return ScmReviews.from(settings().withBitbucket(new ScmSettings.Bitbucket(APP_PASSWORD, USER, base("/2.0"))));
    }

    private void stubWrites() {
        server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(answer(201, comment(7001, "created", false))));
        server.stubFor(put(urlEqualTo(COMMENTS + "/7002")).willReturn(okJson(comment(7002, "edited", false))));
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(answer(201, STATUS_ANSWER)));
    }

    @Test
    void theFirstPublishCreatesTheCommentAndSetsTheBuildStatus() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(page(null, comment(6900, "Looks good", false)))));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success(PlanMarkdown.report(3, 2), REPORT));

        assertThat(delivery.problems()).isEmpty();
        List<LoggedRequest> created = requests("POST", COMMENTS);
        assertThat(created).hasSize(1);
        assertThat(json(created.get(0)).get("content").get("raw").asString())
                .isEqualTo("[//]: # (kongsync:plan)\n" + PlanMarkdown.report(3, 2));
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + APP_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getHeader("Authorization")).isEqualTo(basic);
        }
        JsonNode status = json(requests("POST", STATUS).get(0));
        assertThat(status.get("key").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("name").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("state").asString()).isEqualTo("SUCCESSFUL");
        assertThat(status.get("description").asString()).isEqualTo("2 to create, 1 to update, 0 to delete");
        assertThat(status.get("url").asString()).isEqualTo(REPORT.toString());
    }

    @Test
    void theNextPublishEditsKongsyncsCommentAndCreatesNothing() {
        server.stubFor(get(urlEqualTo(LIST)).inScenario("comment").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(page(null))));
        server.stubFor(get(urlEqualTo(LIST)).inScenario("comment").whenScenarioStateIs("commented")
                .willReturn(okJson(page(null, comment(6999, "[//]: # (kongsync:plan)\\ndeleted", true),
                        comment(7002, "[//]: # (kongsync:plan)\\n## kongsync plan\\n\\nold plan", false)))));
        stubWrites();
        server.stubFor(post(urlEqualTo(COMMENTS)).inScenario("comment").willSetStateTo("commented")
                .willReturn(answer(201, comment(7002, "created", false))));

        Delivery first = reviews().publish(PR, success(PlanMarkdown.report(1, 1), REPORT));
        Delivery second = reviews().publish(PR, success(PlanMarkdown.report(2, 1), REPORT));

        assertThat(first.delivered()).isTrue();
        assertThat(second.delivered()).isTrue();
        assertThat(requests("POST", COMMENTS)).hasSize(1);
        List<LoggedRequest> edits = requests("PUT", COMMENTS + "/7002");
        assertThat(edits).hasSize(1);
        assertThat(json(edits.get(0)).get("content").get("raw").asString())
                .isEqualTo("[//]: # (kongsync:plan)\n" + PlanMarkdown.report(2, 1));
    }

    @Test
    void inProgressWhileItRunsThenFailedLinkingTheRepositoryWithoutAReport() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(page(null))));
        stubWrites();

        Delivery pending = reviews().pending(PR);
        Delivery failed = reviews().publish(PR, failure("## kongsync plan\n\n**invalid files**\n"));

        assertThat(pending.delivered()).isTrue();
        assertThat(failed.delivered()).isTrue();
        List<LoggedRequest> statuses = requests("POST", STATUS);
        assertThat(statuses).hasSize(2);
        assertThat(json(statuses.get(0)).get("state").asString()).isEqualTo("INPROGRESS");
        assertThat(json(statuses.get(0)).get("key").asString()).isEqualTo("kongsync/plan");
        assertThat(json(statuses.get(0)).get("url").asString()).isEqualTo("https://bitbucket.org/acme/kong-routes");
        assertThat(json(statuses.get(1)).get("state").asString()).isEqualTo("FAILED");
        assertThat(json(statuses.get(1)).get("description").asString()).isEqualTo("routes/orders.yaml is invalid");
    }

    @Test
    void withoutARepositoryAddressTheStatusLinksThePullRequest() {
        stubWrites();
        PullRequest bare = new PullRequest(ScmApi.BITBUCKET_CLOUD, "acme/kong-routes", 5, HEAD, null, null);

        reviews().pending(bare);

        assertThat(json(requests("POST", STATUS).get(0)).get("url").asString())
                .isEqualTo("https://bitbucket.org/acme/kong-routes/pull-requests/5");
    }

    @Test
    void anAccessTokenIsSentAsBearer() {
        stubWrites();

        ScmReviews.from(settings().withBitbucket(ScmSettings.Bitbucket.token("repo-access-token").withApiUrl(base("/2.0"))))
                .pending(PR);

        assertThat(requests("POST", STATUS).get(0).getHeader("Authorization")).isEqualTo("Bearer repo-access-token");
    }

    @Test
    void aServerErrorIsTriedAgain() {
        server.stubFor(get(urlEqualTo(LIST)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(502, "{\"type\":\"error\",\"error\":{\"message\":\"Bad Gateway\"}}"))
                .willSetStateTo("recovered"));
        server.stubFor(get(urlEqualTo(LIST)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(page(null))));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("GET", COMMENTS)).hasSize(2);
        assertThat(requests("POST", COMMENTS)).hasSize(1);
    }

    @Test
    void aForbiddenCommentIsAProblemAndTheStatusIsStillSet() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(page(null))));
        stubWrites();
        server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(answer(403, "{\"type\":\"error\",\"error\":{\"message\":"
                + "\"Your credentials lack one or more required privilege scopes.\",\"detail\":{\"granted\":"
                + "[\"pullrequest\"],\"required\":[\"pullrequest:write\"]}}}")));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).containsExactly("Bitbucket answered 403 to POST " + COMMENTS + " after 3 tries: "
                + "Your credentials lack one or more required privilege scopes.; "
                + "{\"granted\":[\"pullrequest\"],\"required\":[\"pullrequest:write\"]}");
        assertThat(delivery.problems().get(0)).doesNotContain(APP_PASSWORD);
        assertThat(requests("POST", COMMENTS)).hasSize(3);
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void kongsyncsCommentIsFoundOnTheSecondPage() {
        String second = COMMENTS + "?pagelen=50&page=2";
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(page(server.baseUrl() + second,
                comment(6900, "Looks good", false), comment(6901, "inline", false).replace("\"inline\":null",
                        "\"inline\":{\"from\":null,\"to\":12,\"path\":\"routes/orders.yaml\"}")))));
        server.stubFor(get(urlEqualTo(second)).willReturn(okJson(page(null,
                comment(7002, "[//]: # (kongsync:plan)\\nold", false)))));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PUT", COMMENTS + "/7002")).hasSize(1);
        assertThat(requests("POST", COMMENTS)).isEmpty();
    }

    @Test
    void aHugePlanIsCutToTheLimitWithTheTableAndTheLink() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(page(null))));
        stubWrites();
        String markdown = PlanMarkdown.report(300, 20);

        reviews().publish(PR, success(markdown, REPORT));

        String body = json(requests("POST", COMMENTS).get(0)).get("content").get("raw").asString();
        assertThat(body.length()).isLessThanOrEqualTo(32_767).isGreaterThan(30_000);
        assertThat(body).startsWith("[//]: # (kongsync:plan)\n" + PlanMarkdown.head(300))
                .contains("changes are left out to fit the comment limit: see the [full report](" + REPORT + ")")
                .endsWith(PlanMarkdown.tail());
    }

    /** A page of Bitbucket Cloud's paginated answer. */
    static String page(String next, String... values) {
        return "{\"pagelen\":50,\"page\":1,\"values\":[" + String.join(",", values) + "]"
                + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}";
    }

    /** A pull request comment as Bitbucket Cloud's API answers it; {@code raw} is already JSON-escaped. */
    static String comment(long id, String raw, boolean deleted) {
        return """
                {"id":%d,"type":"pullrequest_comment","created_on":"2026-03-04T09:12:44.204815+00:00",
                 "updated_on":"2026-03-04T09:12:44.204815+00:00",
                 "content":{"type":"rendered","raw":"%s","markup":"markdown","html":"<p>...</p>"},
                 "user":{"display_name":"kongsync","type":"user","uuid":"{b1f6ba7e-0f5a-4a38-9b9e-2f3c6a1d5e00}",
                  "account_id":"712020:5f0e4c1e","nickname":"kongsync-bot"},
                 "deleted":%s,"inline":null,"pending":false,
                 "links":{"self":{"href":"https://api.bitbucket.org/2.0/repositories/acme/kong-routes/pullrequests/5/comments/%d"},
                  "html":{"href":"https://bitbucket.org/acme/kong-routes/pull-requests/5/_/diff#comment-%d"}},
                 "pullrequest":{"type":"pullrequest","id":5,"title":"Route orders through the new service"}}
                """.formatted(id, raw, deleted, id, id);
    }

    static final String STATUS_ANSWER = """
            {"key":"kongsync/plan","type":"build","state":"SUCCESSFUL","name":"kongsync/plan",
             "description":"2 to create, 1 to update, 0 to delete","refname":null,
             "url":"https://kongsync.example.com/api/v1/syncs/17/report",
             "created_on":"2026-03-04T09:12:45.120345+00:00","updated_on":"2026-03-04T09:12:45.120345+00:00",
             "uuid":"{4c1bd2a8-6d4f-4a6e-8a7b-2b4f0c9e1d33}",
             "links":{"commit":{"href":"https://api.bitbucket.org/2.0/repositories/acme/kong-routes/commit/9c2f5bb3e1f4d7a8b6c0e2d4f6a8b0c2d4e6f8a0"}}}
            """;
}
