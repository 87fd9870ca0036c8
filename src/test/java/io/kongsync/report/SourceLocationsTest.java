package io.kongsync.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongsync.model.State;
import io.kongsync.plan.Plan;
import io.kongsync.plan.Planner;
import io.kongsync.state.StateLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change with a desired side says where the files declare it, in every report format. */
class SourceLocationsTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String KEY = "alice-key-Q7w2ZpL9";

    @TempDir
    Path dir;
    private Path file;
    private Plan plan;

    @BeforeEach
    void plan() throws IOException {
        file = dir.resolve("team.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                - name: orders
                  host: orders.ecs.local
                  routes:
                  - name: orders-read
                    paths: [/orders]
                plugins:
                - name: correlation-id
                consumers:
                - username: alice
                  keyauth_credentials:
                  - key: %s
                """.formatted(KEY));
        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults());
        assertThat(loaded.diagnostics()).isEmpty();
        plan = Planner.plan(loaded.state(), State.EMPTY);
    }

    @Test
    void jsonCarriesFileLineAndColumnForANestedRouteATopLevelPluginAndACredential() throws IOException {
        JsonNode report = new ObjectMapper().readTree(Reports.render(plan, List.of(), ReportFormat.JSON));

        assertThat(source(report, "route", "orders-read")).isEqualTo(file + ":6:5 services[0].routes[0]");
        assertThat(source(report, "plugin", "correlation-id")).isEqualTo(file + ":9:3 plugins[0]");
        assertThat(source(report, "keyauth_credential", "(sensitive)"))
                .isEqualTo(file + ":13:5 consumers[0].keyauth_credentials[0]");
        assertThat(report.toString()).doesNotContain(KEY);
        for (JsonNode change : report.get("changes")) {
            assertThat(change.get("source").get("url").isNull()).isTrue();
        }
    }

    @Test
    void textShowsWhereEachChangeComesFromAndGroupsTheRouteUnderItsService() {
        String text = Reports.render(plan, List.of(), ReportFormat.TEXT);

        assertThat(text)
                .contains("service orders:\n  + service orders  # " + file + ":3:3\n")
                .contains("  + route orders-read  # " + file + ":6:5\n")
                .contains("+ plugin correlation-id  # " + file + ":9:3\n")
                .contains("+ keyauth_credential (sensitive) (consumer alice)  # " + file + ":13:5\n")
                .doesNotContain(KEY);
    }

    @Test
    void markdownLinksEachChangeToItsLineAtThePlannedCommit() {
        String markdown = Reports.render(plan, List.of(), ReportFormat.MARKDOWN,
                SourceLinks.of(SourceLinks.Host.GITHUB, "https://github.com/acme/routes", COMMIT));

        String base = "https://github.com/acme/routes/blob/" + COMMIT + "/";
        assertThat(markdown)
                .contains("### Service <code>orders</code>")
                .containsPattern("route <code>orders-read</code> · <a href=\"" + base + "\\S+/team\\.yaml#L6\">"
                        + "<code>\\S+team\\.yaml:6:5</code></a></summary>")
                .containsPattern("plugin <code>correlation-id</code> · <a href=\"" + base + "\\S+#L9\">")
                .containsPattern("keyauth_credential <code>\\(sensitive\\)</code> \\(consumer <code>alice</code>\\) · "
                        + "<a href=\"" + base + "\\S+#L13\">")
                .doesNotContain(KEY);
    }

    @Test
    void forBitbucketWhichShowsHtmlAsTextTheReportIsMarkdownAlone() {
        String markdown = Reports.render(plan, List.of(), ReportFormat.MARKDOWN,
                SourceLinks.of(SourceLinks.Host.BITBUCKET_CLOUD, "https://bitbucket.org/acme/routes", COMMIT));

        assertThat(markdown)
                .doesNotContain("<details>", "<code>", "<a ", "<ul>")
                .contains("### Service `orders`")
                .containsPattern("\\*\\*➕\\*\\* route `orders-read` · \\[\\S+team\\\\\\.yaml:6:5\\]"
                        + "\\(https://bitbucket\\.org/acme/routes/src/" + COMMIT + "/\\S+#lines-6\\)")
                .contains("```diff\n+ name: \"orders-read\"\n", "+ paths: [\"/orders\"]\n```\n")
                .doesNotContain(KEY);
    }

    @Test
    void markdownAloneCannotBeBrokenByANameEither() {
        io.kongsync.model.Entity sneaky = io.kongsync.plan.Fixtures.entity(io.kongsync.model.EntityKind.SERVICE,
                "x`</b>\n# heading [link](http://evil)", io.kongsync.plan.Fixtures.map());
        Plan odd = new Plan(List.of(new io.kongsync.plan.Change(io.kongsync.plan.Action.CREATE, sneaky.key(),
                List.of(), sneaky, null)), List.of());

        String markdown = Reports.render(odd, List.of(), ReportFormat.MARKDOWN,
                SourceLinks.of(SourceLinks.Host.BITBUCKET_DATA_CENTER, "https://bb.acme.io/projects/P/repos/r", COMMIT));

        assertThat(markdown).contains("### Service ``x`</b>\\u000a# heading [link](http://evil)``\n")
                .doesNotContain("\n# heading");
    }

    @Test
    void aDeleteHasNoDesiredSideAndNoSource() throws IOException {
        Plan deleteAll = Planner.plan(State.EMPTY, StateLoader.loadDesired(List.of(file),
                StateLoader.Options.defaults()).state());

        JsonNode report = new ObjectMapper().readTree(Reports.render(deleteAll, List.of(), ReportFormat.JSON));
        assertThat(report.get("changes")).isNotEmpty();
        for (JsonNode change : report.get("changes")) {
            assertThat(change.get("action").asText()).isEqualTo("delete");
            assertThat(change.get("source").isNull()).isTrue();
        }
    }

    @Test
    void eachHostSpellsItsOwnLink() {
        io.kongsync.model.Origin origin = new io.kongsync.model.Origin("routes/my team.yaml", 12, 7, "services[0]");

        assertThat(SourceLinks.of(SourceLinks.Host.GITHUB, "https://ghe.acme.io/platform/routes/", COMMIT).url(origin))
                .isEqualTo("https://ghe.acme.io/platform/routes/blob/" + COMMIT + "/routes/my%20team.yaml#L12");
        assertThat(SourceLinks.of(SourceLinks.Host.GITLAB, "https://gitlab.acme.io/platform/routes", COMMIT)
                .url(origin)).isEqualTo("https://gitlab.acme.io/platform/routes/-/blob/" + COMMIT
                + "/routes/my%20team.yaml#L12");
        assertThat(SourceLinks.of(SourceLinks.Host.BITBUCKET_CLOUD, "https://bitbucket.org/acme/routes", COMMIT)
                .url(origin)).isEqualTo("https://bitbucket.org/acme/routes/src/" + COMMIT
                + "/routes/my%20team.yaml#lines-12");
        assertThat(SourceLinks.of(SourceLinks.Host.BITBUCKET_DATA_CENTER,
                "https://bitbucket.acme.io/projects/PLAT/repos/routes/browse", COMMIT).url(origin))
                .isEqualTo("https://bitbucket.acme.io/projects/PLAT/repos/routes/browse/routes/my%20team.yaml?at="
                        + COMMIT + "#12");
        assertThat(SourceLinks.of(SourceLinks.Host.GITHUB, null, COMMIT).url(origin)).isNull();
    }

    private static String source(JsonNode report, String kind, String name) {
        for (JsonNode change : report.get("changes")) {
            if (change.get("kind").asText().equals(kind) && change.get("name").asText().equals(name)) {
                JsonNode s = change.get("source");
                return s.get("file").asText() + ":" + s.get("line").asInt() + ":" + s.get("column").asInt() + " "
                        + s.get("path").asText();
            }
        }
        throw new AssertionError("no " + kind + " " + name + " in " + report);
    }
}
