package io.kongsync.report;

import io.kongsync.kong.KongInfo;
import io.kongsync.kong.KongNode;
import io.kongsync.model.Origin;
import io.kongsync.plan.Plan;
import io.kongsync.sync.NodeResult;
import io.kongsync.sync.SyncResult;
import io.kongsync.validate.Diagnostic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream warnings on plans, and per-node results of a sync of several Kong nodes, in every format. */
class WarningsAndNodesReportTest {

    private static final Plan EMPTY = new Plan(List.of(), List.of());
    private static final Diagnostic WARNING = new Diagnostic(new Origin("routes/nyan.yaml", 5, 5, "services[0]"),
            "host nyan.ecs.local: Cloud Map service nyan in namespace ecs.local has no healthy instance");
    private static final String WARNING_TEXT = "routes/nyan.yaml:5:5: services[0]: host nyan.ecs.local: Cloud Map "
            + "service nyan in namespace ecs.local has no healthy instance";

    private static final KongInfo DBLESS = new KongInfo("3.9.1", true, "kong-1", "Welcome to kong", Set.of(), null,
            false);
    private static final KongNode NODE_1 = new KongNode("i-0a1", URI.create("http://10.0.1.5:8001"));
    private static final KongNode NODE_2 = new KongNode("i-0b2", URI.create("http://10.0.2.7:8001"));

    @Test
    void textShowsWarningsBeforeThePlanLine() {
        assertThat(Reports.render(EMPTY, List.of(WARNING), ReportFormat.TEXT)).isEqualTo("""
                No changes. Kong matches the files.

                Warnings:
                  %s

                Plan: 0 to create, 0 to update, 0 to delete.
                """.formatted(WARNING_TEXT));
    }

    @Test
    void jsonHasAWarningsArrayAlwaysPresent() {
        assertThat(Reports.render(EMPTY, List.of(WARNING), ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":0,\"update\":0,\"delete\":0},\"changes\":[],\"conflicts\":[],"
                        + "\"warnings\":[\"" + WARNING_TEXT + "\"]}\n");
        assertThat(Reports.render(EMPTY, ReportFormat.JSON)).endsWith(",\"warnings\":[]}\n");
    }

    @Test
    void markdownHasAWarningsSection() {
        assertThat(Reports.render(EMPTY, List.of(WARNING), ReportFormat.MARKDOWN)).endsWith("""
                | 0 | 0 | 0 |

                ### Warnings

                <ul>
                <li>%s</li>
                </ul>
                """.formatted(WARNING_TEXT));
    }

    private static SyncResult oneNodeLeftBehind() {
        return new SyncResult(DBLESS, EMPTY, List.of(), null, List.of(), EMPTY, 12, 340, List.of(
                new NodeResult(NODE_1, NodeResult.Status.SUCCEEDED, "5f2b7c0e", 1, null),
                new NodeResult(NODE_2, NodeResult.Status.FAILED, null, 2,
                        "POST /config?check_hash=1&flatten_errors=1: connection refused (after 5 attempts)")));
    }

    @Test
    void aNodeLeftBehindFailsTheSync() {
        SyncResult result = oneNodeLeftBehind();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.nodesLeftBehind()).isEqualTo(1);
        assertThat(result.withNodes(List.of(new NodeResult(NODE_1, NodeResult.Status.SUCCEEDED, "5f2b7c0e", 1,
                null))).succeeded()).isTrue();
        // database mode: a node that did not answer while another took the sync is not left behind
        assertThat(result.withNodes(List.of(new NodeResult(NODE_1, NodeResult.Status.UNREACHABLE, null, 1, "down"),
                new NodeResult(NODE_2, NodeResult.Status.SUCCEEDED, null, 1, null))).succeeded()).isTrue();
    }

    @Test
    void textListsEveryNodeWithItsResultHashAndError() {
        String text = Reports.render(oneNodeLeftBehind(), List.of(WARNING), ReportFormat.TEXT);

        assertThat(text).endsWith("""
                Warnings:
                  %s

                Plan: 0 to create, 0 to update, 0 to delete.

                Kong nodes:
                  succeeded   i-0a1 (http://10.0.1.5:8001), configuration hash 5f2b7c0e
                  failed      i-0b2 (http://10.0.2.7:8001), 2 rounds: POST /config?check_hash=1&flatten_errors=1: \
                connection refused (after 5 attempts)

                Sync failed: 0 applied, 0 failed, 0 skipped; Kong nodes: 1 succeeded, 1 failed (340 ms, 12 \
                requests). Run it again once the cause is fixed.
                """.formatted(WARNING_TEXT));
    }

    @Test
    void jsonHasANodesArrayAndThePlansWarnings() {
        JsonNode report = JsonMapper.builder().build().readTree(
                Reports.render(oneNodeLeftBehind(), List.of(WARNING), ReportFormat.JSON));

        assertThat(report.get("result").asString()).isEqualTo("failed");
        assertThat(report.get("plan").get("warnings").get(0).asString()).isEqualTo(WARNING_TEXT);
        assertThat(report.get("nodes").toString()).isEqualTo("[{\"instance_id\":\"i-0a1\","
                + "\"admin_url\":\"http://10.0.1.5:8001\",\"result\":\"succeeded\",\"rounds\":1,"
                + "\"config_hash\":\"5f2b7c0e\",\"error\":null},{\"instance_id\":\"i-0b2\","
                + "\"admin_url\":\"http://10.0.2.7:8001\",\"result\":\"failed\",\"rounds\":2,\"config_hash\":null,"
                + "\"error\":\"POST /config?check_hash=1&flatten_errors=1: connection refused (after 5 attempts)\"}]");
    }

    @Test
    void markdownHasANodeTable() {
        String markdown = Reports.render(oneNodeLeftBehind(), List.of(WARNING), ReportFormat.MARKDOWN);

        assertThat(markdown).contains("### Warnings").contains("""
                | Kong node | Admin API | Result | Rounds | Configuration hash | Error |
                |---|---|---|---:|---|---|
                | i-0a1 | http://10.0.1.5:8001 | succeeded | 1 | 5f2b7c0e |  |
                | i-0b2 | http://10.0.2.7:8001 | failed | 2 |  | POST /config?check_hash=1&amp;flatten_errors=1: \
                connection refused (after 5 attempts) |
                """);
    }

    @Test
    void aSyncOfOneNodeShowsNoNodeSection() {
        SyncResult single = new SyncResult(DBLESS, EMPTY, List.of(), null, List.of(), EMPTY, 3, 20);

        assertThat(single.nodes()).isEmpty();
        assertThat(Reports.render(single, ReportFormat.TEXT)).doesNotContain("Kong nodes");
        assertThat(Reports.render(single, ReportFormat.MARKDOWN)).doesNotContain("Kong node");
        assertThat(Reports.render(single, ReportFormat.JSON)).contains("\"nodes\":[]");
    }
}
