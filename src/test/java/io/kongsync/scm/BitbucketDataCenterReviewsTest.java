package io.kongsync.scm;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class BitbucketDataCenterReviewsTest extends ScmWireMock {

    private static final String TOKEN = "BBDC-kongsyncTestHttpAccessToken0123";
    private static final String REPO = "/bitbucket/rest/api/latest/projects/KONG/repos/kong-routes";
    private static final String PULL_REQUEST = REPO + "/pull-requests/9";
    private static final String ACTIVITIES = PULL_REQUEST + "/activities?limit=100";
    private static final String COMMENTS = PULL_REQUEST + "/comments";
    private static final String STATUS = REPO + "/commits/" + HEAD + "/builds";
    private static final PullRequest PR = new PullRequest(ScmApi.BITBUCKET_DATA_CENTER, "KONG/kong-routes", 9, HEAD,
            null, null);

    private PullRequestReviews reviews() {
        return ScmReviews.from(settings().withBitbucket(ScmSettings.Bitbucket.token(TOKEN).withApiUrl(base("/bitbucket/"))));
    }

    private void stubWrites() {
        server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(answer(201, comment(301, 0, "created"))));
        server.stubFor(put(urlEqualTo(COMMENTS + "/302")).willReturn(okJson(comment(302, 4, "edited"))));
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void theFirstPublishCreatesTheCommentAndSetsTheBuildStatus() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(true, null, opened(),
                commented(200, comment(200, 0, "Please add a test")), rescoped()))));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success(PlanMarkdown.report(3, 2), REPORT));

        assertThat(delivery.problems()).isEmpty();
        List<LoggedRequest> created = requests("POST", COMMENTS);
        assertThat(created).hasSize(1);
        assertThat(json(created.get(0)).get("text").asString())
                .isEqualTo("[//]: # (kongsync:plan)\n" + PlanMarkdown.report(3, 2));
        for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("X-Atlassian-Token")).isEqualTo("no-check");
        }
        JsonNode status = json(requests("POST", STATUS).get(0));
        assertThat(status.get("key").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("name").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("state").asString()).isEqualTo("SUCCESSFUL");
        assertThat(status.get("description").asString()).isEqualTo("2 to create, 1 to update, 0 to delete");
        assertThat(status.get("url").asString()).isEqualTo(REPORT.toString());
    }

    @Test
    void theNextPublishEditsKongsyncsCommentNamingItsVersionAndCreatesNothing() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).inScenario("comment").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(page(true, null, opened()))));
        server.stubFor(get(urlEqualTo(ACTIVITIES)).inScenario("comment").whenScenarioStateIs("commented")
                .willReturn(okJson(page(true, null, opened(),
                        commented(302, comment(302, 3, "[//]: # (kongsync:plan)\\n## kongsync plan\\n\\nold plan"))))));
        stubWrites();
        server.stubFor(post(urlEqualTo(COMMENTS)).inScenario("comment").willSetStateTo("commented")
                .willReturn(answer(201, comment(302, 0, "created"))));

        Delivery first = reviews().publish(PR, success(PlanMarkdown.report(1, 1), REPORT));
        Delivery second = reviews().publish(PR, success(PlanMarkdown.report(2, 1), REPORT));

        assertThat(first.delivered()).isTrue();
        assertThat(second.delivered()).isTrue();
        assertThat(requests("POST", COMMENTS)).hasSize(1);
        List<LoggedRequest> edits = requests("PUT", COMMENTS + "/302");
        assertThat(edits).hasSize(1);
        JsonNode edit = json(edits.get(0));
        assertThat(edit.get("text").asString()).isEqualTo("[//]: # (kongsync:plan)\n" + PlanMarkdown.report(2, 1));
        assertThat(edit.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void anEditOnAStaleVersionReadsTheCurrentOneAndEditsAgain() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(true, null,
                commented(302, comment(302, 3, "[//]: # (kongsync:plan)\\nold"))))));
        stubWrites();
        server.stubFor(put(urlEqualTo(COMMENTS + "/302")).inScenario("stale").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(409, "{\"errors\":[{\"context\":null,\"message\":\"You are attempting to modify "
                        + "a comment based on out-of-date information.\",\"exceptionName\":"
                        + "\"com.atlassian.bitbucket.comment.CommentOutOfDateException\"}]}"))
                .willSetStateTo("reread"));
        server.stubFor(put(urlEqualTo(COMMENTS + "/302")).inScenario("stale").whenScenarioStateIs("reread")
                .willReturn(okJson(comment(302, 6, "edited"))));
        server.stubFor(get(urlEqualTo(COMMENTS + "/302")).willReturn(okJson(comment(302, 5, "edited by hand"))));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        List<LoggedRequest> edits = requests("PUT", COMMENTS + "/302");
        assertThat(edits).extracting(edit -> json(edit).get("version").asLong()).containsExactly(3L, 5L);
    }

    @Test
    void inProgressWhileItRunsThenFailedLinkingThePullRequestWithoutAReport() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(true, null))));
        stubWrites();

        Delivery pending = reviews().pending(PR);
        Delivery failed = reviews().publish(PR, failure("## kongsync plan\n\n**invalid files**\n"));

        assertThat(pending.delivered()).isTrue();
        assertThat(failed.delivered()).isTrue();
        List<LoggedRequest> statuses = requests("POST", STATUS);
        assertThat(statuses).hasSize(2);
        assertThat(json(statuses.get(0)).get("state").asString()).isEqualTo("INPROGRESS");
        assertThat(json(statuses.get(0)).get("url").asString())
                .isEqualTo(server.baseUrl() + "/bitbucket/projects/KONG/repos/kong-routes/pull-requests/9");
        assertThat(json(statuses.get(1)).get("state").asString()).isEqualTo("FAILED");
        assertThat(json(statuses.get(1)).get("description").asString()).isEqualTo("routes/orders.yaml is invalid");
    }

    @Test
    void aServerErrorIsTriedAgain() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(true, null))));
        stubWrites();
        server.stubFor(post(urlEqualTo(STATUS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(503, "{\"errors\":[{\"message\":\"Bitbucket is starting up\"}]}"))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo(STATUS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("POST", STATUS)).hasSize(2);
    }

    @Test
    void aForbiddenListingIsAProblemAndTheStatusIsStillSet() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(answer(403, "{\"errors\":[{\"context\":null,"
                + "\"message\":\"You are not permitted to access this resource\",\"exceptionName\":"
                + "\"com.atlassian.bitbucket.AuthorisationException\"}]}")));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).containsExactly("Bitbucket Data Center answered 403 to GET " + PULL_REQUEST
                + "/activities after 3 tries: You are not permitted to access this resource");
        assertThat(requests("GET", PULL_REQUEST + "/activities")).hasSize(3);
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void kongsyncsCommentIsFoundOnTheSecondPage() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(false, 100, opened(),
                commented(200, comment(200, 0, "Please add a test"))))));
        server.stubFor(get(urlEqualTo(ACTIVITIES + "&start=100")).willReturn(okJson(page(true, null,
                commented(302, comment(302, 1, "[//]: # (kongsync:plan)\\nold"))))));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PUT", COMMENTS + "/302")).hasSize(1);
        assertThat(requests("POST", COMMENTS)).isEmpty();
    }

    @Test
    void aHugePlanIsCutBelowTheDataCenterLimitWithTheTableAndTheLink() {
        server.stubFor(get(urlEqualTo(ACTIVITIES)).willReturn(okJson(page(true, null))));
        stubWrites();
        String markdown = PlanMarkdown.report(300, 20);

        reviews().publish(PR, success(markdown, REPORT));

        String body = json(requests("POST", COMMENTS).get(0)).get("text").asString();
        assertThat(body.length()).isLessThan(32_768).isGreaterThan(30_000);
        assertThat(body).startsWith("[//]: # (kongsync:plan)\n" + PlanMarkdown.head(300))
                .contains("changes are left out to fit the comment limit: see the [full report](" + REPORT + ")")
                .endsWith(PlanMarkdown.tail());
    }

    /** A page of Bitbucket Data Center's paged answer. */
    static String page(boolean last, Integer nextPageStart, String... values) {
        return "{\"size\":" + values.length + ",\"limit\":100,\"isLastPage\":" + last + ",\"start\":0,\"values\":["
                + String.join(",", values) + "]" + (nextPageStart == null ? "" : ",\"nextPageStart\":" + nextPageStart)
                + "}";
    }

    private static final String USER = """
            {"name":"kongsync","emailAddress":"kongsync@example.com","id":57,"displayName":"kongsync",
             "active":true,"slug":"kongsync","type":"NORMAL"}""";

    static String opened() {
        return "{\"id\":100,\"createdDate\":1772615000000,\"user\":" + USER + ",\"action\":\"OPENED\"}";
    }

    static String rescoped() {
        return "{\"id\":101,\"createdDate\":1772615100000,\"user\":" + USER + ",\"action\":\"RESCOPED\","
                + "\"fromHash\":\"1111111111111111111111111111111111111111\",\"previousFromHash\":"
                + "\"2222222222222222222222222222222222222222\",\"previousToHash\":"
                + "\"3333333333333333333333333333333333333333\",\"toHash\":\"4444444444444444444444444444444444444444\","
                + "\"added\":{\"commits\":[],\"total\":1},\"removed\":{\"commits\":[],\"total\":0}}";
    }

    static String commented(long id, String comment) {
        return "{\"id\":" + (id + 1000) + ",\"createdDate\":1772615200000,\"user\":" + USER
                + ",\"action\":\"COMMENTED\",\"commentAction\":\"ADDED\",\"comment\":" + comment + "}";
    }

    /** A pull request comment as Bitbucket Data Center answers it; {@code text} is already JSON-escaped. */
    static String comment(long id, int version, String text) {
        return """
                {"properties":{"repositoryId":84},"id":%d,"version":%d,"text":"%s","author":%s,
                 "createdDate":1772615200000,"updatedDate":1772615200000,"comments":[],"tasks":[],
                 "severity":"NORMAL","state":"OPEN",
                 "permittedOperations":{"editable":true,"transitionable":true,"deletable":true}}
                """.formatted(id, version, text, USER);
    }
}
