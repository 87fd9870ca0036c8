package io.kongsync.scm;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class GitHubReviewsTest extends ScmWireMock {

    private static final String TOKEN = "ghp_kongsyncTestToken0123456789abcdef";
    private static final String REPO = "/api/v3/repos/acme/kong-routes";
    private static final String COMMENTS = REPO + "/issues/12/comments";
    private static final String LIST = COMMENTS + "?per_page=100";
    private static final String STATUS = REPO + "/statuses/" + HEAD;
    private static final PullRequest PR = new PullRequest(ScmApi.GITHUB, "acme/kong-routes", 12, HEAD, null,
            "https://github.example.com/acme/kong-routes");

    private PullRequestReviews reviews() {
        return ScmReviews.from(settings().withGitHub(ScmSettings.GitHub.token(TOKEN).withApiUrl(base("/api/v3"))));
    }

    private void stubWrites() {
        server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(answer(201, comment(1001, "created"))));
        server.stubFor(patch(urlEqualTo(REPO + "/issues/comments/1002")).willReturn(okJson(comment(1002, "edited"))));
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(answer(201, STATUS_ANSWER)));
    }

    @Test
    void theFirstPublishCreatesTheCommentAndSetsTheStatus() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[" + comment(900, "LGTM, one question") + "]")));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success(PlanMarkdown.report(3, 2), REPORT));

        assertThat(delivery.problems()).isEmpty();
        List<LoggedRequest> created = requests("POST", COMMENTS);
        assertThat(created).hasSize(1);
        assertThat(json(created.get(0)).get("body").asString())
                .isEqualTo("<!-- kongsync:plan -->\n" + PlanMarkdown.report(3, 2));
        assertThat(requests("PATCH", REPO)).isEmpty();
        for (LoggedRequest request : server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        }
        JsonNode status = json(requests("POST", STATUS).get(0));
        assertThat(status.get("state").asString()).isEqualTo("success");
        assertThat(status.get("context").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("description").asString()).isEqualTo("2 to create, 1 to update, 0 to delete");
        assertThat(status.get("target_url").asString()).isEqualTo(REPORT.toString());
    }

    @Test
    void theNextPublishEditsKongsyncsCommentAndCreatesNothing() {
        server.stubFor(get(urlEqualTo(LIST)).inScenario("comment").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[" + comment(900, "LGTM") + "]")));
        server.stubFor(get(urlEqualTo(LIST)).inScenario("comment").whenScenarioStateIs("commented")
                .willReturn(okJson("[" + comment(900, "LGTM") + ","
                        + comment(1002, "<!-- kongsync:plan -->\\n## kongsync plan\\n\\nold plan") + "]")));
        stubWrites();
        server.stubFor(post(urlEqualTo(COMMENTS)).inScenario("comment").willSetStateTo("commented")
                .willReturn(answer(201, comment(1002, "created"))));

        Delivery first = reviews().publish(PR, success(PlanMarkdown.report(1, 1), REPORT));
        Delivery second = reviews().publish(PR, success(PlanMarkdown.report(2, 1), REPORT));

        assertThat(first.delivered()).isTrue();
        assertThat(second.delivered()).isTrue();
        assertThat(requests("POST", COMMENTS)).hasSize(1);
        List<LoggedRequest> edits = requests("PATCH", REPO + "/issues/comments/1002");
        assertThat(edits).hasSize(1);
        assertThat(json(edits.get(0)).get("body").asString())
                .isEqualTo("<!-- kongsync:plan -->\n" + PlanMarkdown.report(2, 1));
    }

    @Test
    void aCommentDeletedSinceItWasListedIsCreatedAgain() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[" + comment(1002, "<!-- kongsync:plan -->") + "]")));
        stubWrites();
        server.stubFor(patch(urlEqualTo(REPO + "/issues/comments/1002")).willReturn(answer(404,
                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}")));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PATCH", REPO)).hasSize(1);
        assertThat(requests("POST", COMMENTS)).hasSize(1);
    }

    @Test
    void pendingWhileItRunsThenFailure() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();

        Delivery pending = reviews().pending(PR);
        Delivery failed = reviews().publish(PR, failure("## kongsync plan\n\n**invalid files**\n"));

        assertThat(pending.delivered()).isTrue();
        assertThat(failed.delivered()).isTrue();
        List<LoggedRequest> statuses = requests("POST", STATUS);
        assertThat(statuses).hasSize(2);
        JsonNode first = json(statuses.get(0));
        assertThat(first.get("state").asString()).isEqualTo("pending");
        assertThat(first.get("context").asString()).isEqualTo("kongsync/plan");
        assertThat(first.get("description").asString()).isEqualTo("kongsync is planning this commit");
        assertThat(first.has("target_url")).isFalse();
        JsonNode last = json(statuses.get(1));
        assertThat(last.get("state").asString()).isEqualTo("failure");
        assertThat(last.get("description").asString()).isEqualTo("routes/orders.yaml is invalid");
        assertThat(last.has("target_url")).isFalse();
    }

    @Test
    void aDescriptionLongerThanGitHubTakesIsCut() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();

        reviews().publish(PR, new Review(Review.Verdict.FAILURE, "x".repeat(300), "## kongsync plan\n", null));

        String description = json(requests("POST", STATUS).get(0)).get("description").asString();
        assertThat(description).hasSize(140).endsWith("…");
    }

    @Test
    void aServerErrorIsTriedAgain() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();
        server.stubFor(post(urlEqualTo(STATUS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(500, "{\"message\":\"Server Error\"}")).willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo(STATUS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(answer(201, STATUS_ANSWER)));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("POST", STATUS)).hasSize(2);
    }

    @Test
    void aForbiddenCommentIsAProblemAndTheStatusIsStillSet() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();
        server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(answer(403,
                "{\"message\":\"Resource not accessible by integration\","
                        + "\"documentation_url\":\"https://docs.github.com/rest/issues/comments#create-an-issue-comment\","
                        + "\"status\":\"403\"}")));

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).containsExactly("GitHub answered 403 to POST " + COMMENTS
                + " after 3 tries: Resource not accessible by integration");
        assertThat(requests("POST", COMMENTS)).hasSize(3);
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void kongsyncsCommentIsFoundOnTheSecondPage() {
        StringBuilder firstPage = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            firstPage.append(i == 0 ? "" : ",").append(comment(i, "comment " + i));
        }
        String second = server.baseUrl() + "/api/v3/repositories/4242/issues/12/comments?per_page=100&page=2";
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(firstPage + "]")
                .withHeader("Link", "<" + second + ">; rel=\"next\", <" + second + ">; rel=\"last\"")));
        server.stubFor(get(urlEqualTo("/api/v3/repositories/4242/issues/12/comments?per_page=100&page=2"))
                .willReturn(okJson("[" + comment(1002, "<!-- kongsync:plan -->\\nold") + "]")
                        .withHeader("Link", "<" + server.baseUrl() + LIST + ">; rel=\"first\"")));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PATCH", REPO + "/issues/comments/1002")).hasSize(1);
        assertThat(requests("POST", COMMENTS)).isEmpty();
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedWithTheToken() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")
                .withHeader("Link", "<https://elsewhere.example.com/steal?page=2>; rel=\"next\"")));
        stubWrites();

        Delivery delivery = reviews().publish(PR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).singleElement().asString()
                .startsWith("GitHub gave a next-page link to another address than http://localhost:");
        assertThat(requests("POST", COMMENTS)).isEmpty();
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void aHugePlanIsCutToGitHubsLimitWithTheTableAndTheLink() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();
        String markdown = PlanMarkdown.report(300, 20);
        assertThat(markdown.length()).isGreaterThan(3 * GitHubApi.COMMENT_LIMIT);

        reviews().publish(PR, success(markdown, REPORT));

        String body = json(requests("POST", COMMENTS).get(0)).get("body").asString();
        assertThat(body.length()).isLessThanOrEqualTo(65_536).isGreaterThan(60_000);
        assertThat(body).startsWith("<!-- kongsync:plan -->\n" + PlanMarkdown.head(300))
                .contains("changes are left out to fit the comment limit: see the [full report](" + REPORT + ")")
                .endsWith(PlanMarkdown.tail());
    }

    /** An issue comment as GitHub's REST API answers it; {@code body} is already JSON-escaped. */
    static String comment(long id, String body) {
        return """
                {"id":%d,"node_id":"IC_kwDOA%d","url":"https://api.github.com/repos/acme/kong-routes/issues/comments/%d",
                 "html_url":"https://github.com/acme/kong-routes/pull/12#issuecomment-%d","body":"%s",
                 "user":{"login":"kongsync-bot","id":583231,"type":"Bot","site_admin":false},
                 "created_at":"2026-03-04T09:12:44Z","updated_at":"2026-03-04T09:12:44Z",
                 "issue_url":"https://api.github.com/repos/acme/kong-routes/issues/12","author_association":"NONE"}
                """.formatted(id, id, id, id, body);
    }

    static final String STATUS_ANSWER = """
            {"url":"https://api.github.com/repos/acme/kong-routes/statuses/9c2f5bb3e1f4d7a8b6c0e2d4f6a8b0c2d4e6f8a0",
             "id":1,"node_id":"MDY6U3RhdHVzMQ==","state":"success","description":"2 to create, 1 to update, 0 to delete",
             "target_url":"https://kongsync.example.com/api/v1/syncs/17/report","context":"kongsync/plan",
             "created_at":"2026-03-04T09:12:45Z","updated_at":"2026-03-04T09:12:45Z",
             "creator":{"login":"kongsync-bot","id":583231,"type":"Bot"}}
            """;
}
