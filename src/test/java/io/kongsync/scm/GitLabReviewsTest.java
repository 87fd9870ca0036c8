package io.kongsync.scm;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class GitLabReviewsTest extends ScmWireMock {

    private static final String TOKEN = "glpat-kongsyncTest0123456789";
    private static final String PROJECT = "/api/v4/projects/platform%2Fkong-routes";
    private static final String NOTES = PROJECT + "/merge_requests/7/notes";
    private static final String LIST = NOTES + "?per_page=100&sort=asc&order_by=created_at";
    private static final String STATUS = PROJECT + "/statuses/" + HEAD;
    private static final PullRequest MR = new PullRequest(ScmApi.GITLAB, "platform/kong-routes", 7, HEAD, null,
            "https://gitlab.example.com/platform/kong-routes");

    private PullRequestReviews reviews() {
        return ScmReviews.from(settings().withGitLab(ScmSettings.GitLab.token(TOKEN).withApiUrl(base("/api/v4"))));
    }

    private void stubWrites() {
        server.stubFor(post(urlEqualTo(NOTES)).willReturn(answer(201, note(1501, "created", false))));
        server.stubFor(put(urlEqualTo(NOTES + "/1502")).willReturn(okJson(note(1502, "edited", false))));
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(answer(201, STATUS_ANSWER)));
    }

    @Test
    void theFirstPublishCreatesTheNoteAndSetsTheStatus() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[" + note(1400, "added 1 commit", true) + "]")));
        stubWrites();

        Delivery delivery = reviews().publish(MR, success(PlanMarkdown.report(3, 2), REPORT));

        assertThat(delivery.problems()).isEmpty();
        List<LoggedRequest> created = requests("POST", NOTES);
        assertThat(created).hasSize(1);
        assertThat(json(created.get(0)).get("body").asString())
                .isEqualTo("<!-- kongsync:plan -->\n" + PlanMarkdown.report(3, 2));
        for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getHeader("PRIVATE-TOKEN")).isEqualTo(TOKEN);
            assertThat(request.containsHeader("Authorization")).isFalse();
        }
        JsonNode status = json(requests("POST", STATUS).get(0));
        assertThat(status.get("state").asString()).isEqualTo("success");
        assertThat(status.get("name").asString()).isEqualTo("kongsync/plan");
        assertThat(status.get("description").asString()).isEqualTo("2 to create, 1 to update, 0 to delete");
        assertThat(status.get("target_url").asString()).isEqualTo(REPORT.toString());
    }

    @Test
    void theNextPublishEditsKongsyncsNoteAndCreatesNothing() {
        server.stubFor(get(urlEqualTo(LIST)).inScenario("note").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        server.stubFor(get(urlEqualTo(LIST)).inScenario("note").whenScenarioStateIs("noted")
                .willReturn(okJson("[" + note(1400, "<!-- kongsync:plan -->\\nsystem notes are not ours", true) + ","
                        + note(1502, "<!-- kongsync:plan -->\\n## kongsync plan\\n\\nold plan", false) + "]")));
        stubWrites();
        server.stubFor(post(urlEqualTo(NOTES)).inScenario("note").willSetStateTo("noted")
                .willReturn(answer(201, note(1502, "created", false))));

        Delivery first = reviews().publish(MR, success(PlanMarkdown.report(1, 1), REPORT));
        Delivery second = reviews().publish(MR, success(PlanMarkdown.report(2, 1), REPORT));

        assertThat(first.delivered()).isTrue();
        assertThat(second.delivered()).isTrue();
        assertThat(requests("POST", NOTES)).hasSize(1);
        List<LoggedRequest> edits = requests("PUT", NOTES + "/1502");
        assertThat(edits).hasSize(1);
        assertThat(json(edits.get(0)).get("body").asString())
                .isEqualTo("<!-- kongsync:plan -->\n" + PlanMarkdown.report(2, 1));
    }

    @Test
    void pendingWhileItRunsThenFailed() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();

        Delivery pending = reviews().pending(MR);
        Delivery failed = reviews().publish(MR, failure("## kongsync plan\n\n**invalid files**\n"));

        assertThat(pending.delivered()).isTrue();
        assertThat(failed.delivered()).isTrue();
        List<LoggedRequest> statuses = requests("POST", STATUS);
        assertThat(statuses).hasSize(2);
        assertThat(json(statuses.get(0)).get("state").asString()).isEqualTo("pending");
        assertThat(json(statuses.get(0)).get("name").asString()).isEqualTo("kongsync/plan");
        assertThat(json(statuses.get(0)).has("target_url")).isFalse();
        assertThat(json(statuses.get(1)).get("state").asString()).isEqualTo("failed");
        assertThat(json(statuses.get(1)).get("description").asString()).isEqualTo("routes/orders.yaml is invalid");
    }

    @Test
    void pendingTwiceIsStillPending() {
        server.stubFor(post(urlEqualTo(STATUS)).willReturn(answer(400,
                "{\"message\":\"Cannot transition status via :enqueue from :pending (Reason(s): Status cannot transition via \\\"enqueue\\\")\"}")));

        Delivery pending = reviews().pending(MR);

        assertThat(pending.problems()).isEmpty();
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void aServerErrorIsTriedAgain() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();
        server.stubFor(post(urlEqualTo(NOTES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(500, "{\"message\":\"500 Internal Server Error\"}")).willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo(NOTES)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(answer(201, note(1501, "created", false))));

        Delivery delivery = reviews().publish(MR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("POST", NOTES)).hasSize(2);
    }

    @Test
    void aForbiddenListingIsAProblemAndTheStatusIsStillSet() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(answer(403, "{\"message\":\"403 Forbidden\"}")));
        stubWrites();

        Delivery delivery = reviews().publish(MR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).containsExactly("GitLab answered 403 to GET " + NOTES
                + " after 3 tries: 403 Forbidden");
        assertThat(requests("GET", NOTES)).hasSize(3);
        assertThat(requests("POST", NOTES)).isEmpty();
        assertThat(requests("POST", STATUS)).hasSize(1);
    }

    @Test
    void kongsyncsNoteIsFoundOnTheSecondPage() {
        String second = NOTES + "?id=platform%2Fkong-routes&noteable_id=7&order_by=created_at&page=2&per_page=100&sort=asc";
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[" + note(1, "first", false) + "]")
                .withHeader("Link", "<" + server.baseUrl() + second + ">; rel=\"next\", <" + server.baseUrl() + second
                        + ">; rel=\"last\"")
                .withHeader("X-Next-Page", "2").withHeader("X-Page", "1").withHeader("X-Per-Page", "100")));
        server.stubFor(get(urlEqualTo(second)).willReturn(okJson("[" + note(1502, "<!-- kongsync:plan -->\\nold", false)
                + "]").withHeader("X-Next-Page", "").withHeader("X-Page", "2")));
        stubWrites();

        Delivery delivery = reviews().publish(MR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PUT", NOTES + "/1502")).hasSize(1);
        assertThat(requests("POST", NOTES)).isEmpty();
    }

    @Test
    void withoutALinkHeaderTheNextPageNumberIsFollowed() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[" + note(1, "first", false) + "]")
                .withHeader("X-Next-Page", "2")));
        server.stubFor(get(urlEqualTo(LIST + "&page=2")).willReturn(okJson("[" + note(1502, "<!-- kongsync:plan -->",
                false) + "]").withHeader("X-Next-Page", "")));
        stubWrites();

        Delivery delivery = reviews().publish(MR, success("## kongsync plan\n", REPORT));

        assertThat(delivery.problems()).isEmpty();
        assertThat(requests("PUT", NOTES + "/1502")).hasSize(1);
    }

    @Test
    void aHugePlanIsCutToGitLabsLimitWithTheTableAndTheLink() {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("[]")));
        stubWrites();
        String markdown = PlanMarkdown.report(4_000, 10);
        assertThat(markdown.length()).isGreaterThan(GitLabApi.COMMENT_LIMIT);

        reviews().publish(MR, success(markdown, REPORT));

        String body = json(requests("POST", NOTES).get(0)).get("body").asString();
        assertThat(body.length()).isLessThanOrEqualTo(1_000_000).isGreaterThan(990_000);
        assertThat(body).startsWith("<!-- kongsync:plan -->\n" + PlanMarkdown.head(4_000))
                .contains("changes are left out to fit the comment limit: see the [full report](" + REPORT + ")")
                .endsWith(PlanMarkdown.tail());
    }

    /** A merge request note as GitLab's notes API answers it; {@code body} is already JSON-escaped. */
    static String note(long id, String body, boolean system) {
        return """
                {"id":%d,"type":null,"body":"%s","attachment":null,
                 "author":{"id":31,"username":"kongsync-bot","name":"kongsync","state":"active",
                  "avatar_url":null,"web_url":"https://gitlab.example.com/kongsync-bot"},
                 "created_at":"2026-03-04T09:12:44.122Z","updated_at":"2026-03-04T09:12:44.122Z","system":%s,
                 "noteable_id":3301,"noteable_type":"MergeRequest","project_id":52,"resolvable":false,
                 "confidential":false,"internal":false,"noteable_iid":7,"commands_changes":{}}
                """.formatted(id, body, system);
    }

    static final String STATUS_ANSWER = """
            {"id":93,"sha":"9c2f5bb3e1f4d7a8b6c0e2d4f6a8b0c2d4e6f8a0","ref":"feature/orders","status":"success",
             "name":"kongsync/plan","target_url":"https://kongsync.example.com/api/v1/syncs/17/report",
             "description":"2 to create, 1 to update, 0 to delete","created_at":"2026-03-04T09:12:45.000Z",
             "started_at":null,"finished_at":"2026-03-04T09:12:45.010Z","allow_failure":false,"coverage":null,
             "pipeline_id":4411,"author":{"id":31,"username":"kongsync-bot","name":"kongsync","state":"active"}}
            """;
}
