package io.kongsync.report;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.plan.Action;
import io.kongsync.plan.Change;
import io.kongsync.plan.Conflict;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static io.kongsync.plan.Fixtures.entity;
import static io.kongsync.plan.Fixtures.key;
import static io.kongsync.plan.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {

    private static final String CONFLICT_MESSAGE = "service legacy exists in Kong without the tag managed-by:kongsync; "
            + "kongsync will not take it over. Tag it, rename it in the files, or delete it in Kong.";

    private static final Entity NYAN = entity(EntityKind.SERVICE, "nyan", map("name", "nyan", "host", "nyan.ecs.local"));
    private static final EntityKey ORDERS_READ = key(EntityKind.ROUTE, "orders-read", "service", "orders");
    private static final EntityKey RATE_LIMITING = key(EntityKind.PLUGIN, "rate-limiting", "service", "nyan");

    private static final Change CREATE = new Change(Action.CREATE, NYAN.key(), List.of(
            new FieldChange("host", null, "nyan.ecs.local", false),
            new FieldChange("port", null, 8080L, false)), NYAN, null);
    private static final Change UPDATE = new Change(Action.UPDATE, ORDERS_READ, List.of(
            new FieldChange("paths", List.of("/a"), List.of("/b"), false)),
            entity(ORDERS_READ, map("name", "orders-read")), entity(ORDERS_READ, map("name", "orders-read")));
    private static final Change DELETE = new Change(Action.DELETE, RATE_LIMITING, List.of(), null,
            entity(RATE_LIMITING, map("name", "rate-limiting")));
    private static final Conflict CONFLICT = new Conflict(EntityKey.of(EntityKind.SERVICE, "legacy"),
            entity(EntityKind.SERVICE, "legacy", map("name", "legacy")),
            entity(EntityKind.SERVICE, "legacy", map("name", "legacy")), CONFLICT_MESSAGE);

    private static final Plan MIXED = new Plan(List.of(DELETE, CREATE, UPDATE), List.of(CONFLICT));

    // ---- text -------------------------------------------------------------------------------------------------------

    @Test
    void textCreate() {
        assertThat(Reports.render(new Plan(List.of(CREATE), List.of()), ReportFormat.TEXT)).isEqualTo("""
                service nyan:
                  + service nyan
                      host: "nyan.ecs.local"
                      port: 8080

                Plan: 1 to create, 0 to update, 0 to delete.
                """);
    }

    @Test
    void textUpdate() {
        assertThat(Reports.render(new Plan(List.of(UPDATE), List.of()), ReportFormat.TEXT)).isEqualTo("""
                service orders:
                  ~ route orders-read (service orders)
                      paths: ["/a"] -> ["/b"]

                Plan: 0 to create, 1 to update, 0 to delete.
                """);
    }

    @Test
    void textDelete() {
        assertThat(Reports.render(new Plan(List.of(DELETE), List.of()), ReportFormat.TEXT)).isEqualTo("""
                service nyan:
                  - plugin rate-limiting (service nyan)

                Plan: 0 to create, 0 to update, 1 to delete.
                """);
    }

    @Test
    void textConflict() {
        assertThat(Reports.render(new Plan(List.of(), List.of(CONFLICT)), ReportFormat.TEXT)).isEqualTo(
                "! " + CONFLICT_MESSAGE + "\n\nPlan: 0 to create, 0 to update, 0 to delete.\n");
    }

    @Test
    void textMixed() {
        assertThat(Reports.render(MIXED, ReportFormat.TEXT)).isEqualTo("""
                service nyan:
                  - plugin rate-limiting (service nyan)
                  + service nyan
                      host: "nyan.ecs.local"
                      port: 8080

                service orders:
                  ~ route orders-read (service orders)
                      paths: ["/a"] -> ["/b"]

                ! %s

                Plan: 1 to create, 1 to update, 1 to delete.
                """.formatted(CONFLICT_MESSAGE));
    }

    @Test
    void textEmpty() {
        assertThat(Reports.render(new Plan(List.of(), List.of()), ReportFormat.TEXT)).isEqualTo("""
                No changes. Kong matches the files.

                Plan: 0 to create, 0 to update, 0 to delete.
                """);
    }

    @Test
    void textShowsReferencesByNameAndScopeInParentOrder() {
        EntityKey key = key(EntityKind.PLUGIN, "rate-limiting", "route", "r", "consumer", "c");
        Change change = new Change(Action.CREATE, key, List.of(
                new FieldChange("route", null, EntityKey.of(EntityKind.ROUTE, "r"), false),
                new FieldChange("config", null, map("minute", 5L, "hour", 100L), false)),
                entity(key, map("name", "rate-limiting")), null);

        assertThat(Reports.render(new Plan(List.of(change), List.of()), ReportFormat.TEXT)).startsWith("""
                + plugin rate-limiting (route r, consumer c)
                    route: "r"
                    config: {"hour":100,"minute":5}
                """);
    }

    @Test
    void textEscapesControlCharactersSoANameCannotForgeLines() {
        Entity sneaky = entity(EntityKind.SERVICE, "a\n+ service b", map());
        Change change = new Change(Action.CREATE, sneaky.key(), List.of(), sneaky, null);

        assertThat(Reports.render(new Plan(List.of(change), List.of()), ReportFormat.TEXT))
                .startsWith("service a\\u000a+ service b:\n  + service a\\u000a+ service b\n");
    }

    // ---- json -------------------------------------------------------------------------------------------------------

    @Test
    void jsonCreate() {
        assertThat(Reports.render(new Plan(List.of(CREATE), List.of()), ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":1,\"update\":0,\"delete\":0},\"changes\":["
                        + "{\"action\":\"create\",\"kind\":\"service\",\"name\":\"nyan\",\"scope\":{},"
                        + "\"service\":\"nyan\",\"source\":null,\"fields\":["
                        + "{\"path\":\"host\",\"old\":null,\"new\":\"nyan.ecs.local\"},"
                        + "{\"path\":\"port\",\"old\":null,\"new\":8080}]}],\"conflicts\":[],\"warnings\":[]}\n");
    }

    @Test
    void jsonUpdate() {
        assertThat(Reports.render(new Plan(List.of(UPDATE), List.of()), ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":0,\"update\":1,\"delete\":0},\"changes\":["
                        + "{\"action\":\"update\",\"kind\":\"route\",\"name\":\"orders-read\","
                        + "\"scope\":{\"service\":\"orders\"},\"service\":\"orders\",\"source\":null,\"fields\":["
                        + "{\"path\":\"paths\",\"old\":[\"/a\"],\"new\":[\"/b\"]}]}],\"conflicts\":[],\"warnings\":[]}\n");
    }

    @Test
    void jsonDelete() {
        assertThat(Reports.render(new Plan(List.of(DELETE), List.of()), ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":0,\"update\":0,\"delete\":1},\"changes\":["
                        + "{\"action\":\"delete\",\"kind\":\"plugin\",\"name\":\"rate-limiting\","
                        + "\"scope\":{\"service\":\"nyan\"},\"service\":\"nyan\",\"source\":null,\"fields\":[]}],\"conflicts\":[],\"warnings\":[]}\n");
    }

    @Test
    void jsonConflict() {
        assertThat(Reports.render(new Plan(List.of(), List.of(CONFLICT)), ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":0,\"update\":0,\"delete\":0},\"changes\":[],\"conflicts\":["
                        + "{\"kind\":\"service\",\"name\":\"legacy\",\"scope\":{},"
                        + "\"service\":\"legacy\",\"source\":null,\"message\":\""
                        + CONFLICT_MESSAGE + "\"}],\"warnings\":[]}\n");
    }

    @Test
    void jsonMixed() {
        assertThat(Reports.render(MIXED, ReportFormat.JSON)).isEqualTo(
                "{\"summary\":{\"create\":1,\"update\":1,\"delete\":1},\"changes\":["
                        + "{\"action\":\"delete\",\"kind\":\"plugin\",\"name\":\"rate-limiting\","
                        + "\"scope\":{\"service\":\"nyan\"},\"service\":\"nyan\",\"source\":null,\"fields\":[]},"
                        + "{\"action\":\"create\",\"kind\":\"service\",\"name\":\"nyan\",\"scope\":{},"
                        + "\"service\":\"nyan\",\"source\":null,\"fields\":["
                        + "{\"path\":\"host\",\"old\":null,\"new\":\"nyan.ecs.local\"},"
                        + "{\"path\":\"port\",\"old\":null,\"new\":8080}]},"
                        + "{\"action\":\"update\",\"kind\":\"route\",\"name\":\"orders-read\","
                        + "\"scope\":{\"service\":\"orders\"},\"service\":\"orders\",\"source\":null,\"fields\":["
                        + "{\"path\":\"paths\",\"old\":[\"/a\"],\"new\":[\"/b\"]}]}],"
                        + "\"conflicts\":[{\"kind\":\"service\",\"name\":\"legacy\",\"scope\":{},"
                        + "\"service\":\"legacy\",\"source\":null,\"message\":\""
                        + CONFLICT_MESSAGE + "\"}],\"warnings\":[]}\n");
    }

    @Test
    void jsonScopeFollowsParentOrderAndReferencesAreNames() {
        EntityKey key = key(EntityKind.PLUGIN, "acl", "route", "r", "consumer", "c");
        Change change = new Change(Action.CREATE, key,
                List.of(new FieldChange("consumer", null, EntityKey.of(EntityKind.CONSUMER, "c"), false)),
                entity(key, map("name", "acl")), null);

        assertThat(Reports.render(new Plan(List.of(change), List.of()), ReportFormat.JSON))
                .contains("\"scope\":{\"route\":\"r\",\"consumer\":\"c\"}")
                .contains("{\"path\":\"consumer\",\"old\":null,\"new\":\"c\"}");
    }

    // ---- markdown ---------------------------------------------------------------------------------------------------

    private static final String TABLE_HEAD = "## kongsync plan\n\n| Create | Update | Delete |\n|-------:|-------:|-------:|\n";

    private static final String MD_NYAN = "\n### Service <code>nyan</code>\n";
    private static final String MD_ORDERS = "\n### Service <code>orders</code>\n";
    private static final String MD_CREATE = """

            <details><summary>➕ service <code>nyan</code></summary>

            ```diff
            + host: "nyan.ecs.local"
            + port: 8080
            ```

            </details>
            """;
    private static final String MD_UPDATE = """

            <details><summary>✏️ route <code>orders-read</code> (service <code>orders</code>)</summary>

            ```diff
            - paths: ["/a"]
            + paths: ["/b"]
            ```

            </details>
            """;
    private static final String MD_DELETE = """

            <details><summary>➖ plugin <code>rate-limiting</code> (service <code>nyan</code>)</summary>

            Not in the files any more: kongsync will delete it.

            </details>
            """;
    private static final String MD_CONFLICTS = """

            ### ⚠️ Conflicts

            <ul>
            <li>service legacy exists in Kong without the tag managed-by:kongsync; kongsync will not take it over. \
            Tag it, rename it in the files, or delete it in Kong.</li>
            </ul>
            """;

    @Test
    void markdownCreate() {
        assertThat(Reports.render(new Plan(List.of(CREATE), List.of()), ReportFormat.MARKDOWN))
                .isEqualTo(TABLE_HEAD + "| 1 | 0 | 0 |\n" + MD_NYAN + MD_CREATE);
    }

    @Test
    void markdownUpdate() {
        assertThat(Reports.render(new Plan(List.of(UPDATE), List.of()), ReportFormat.MARKDOWN))
                .isEqualTo(TABLE_HEAD + "| 0 | 1 | 0 |\n" + MD_ORDERS + MD_UPDATE);
    }

    @Test
    void markdownDelete() {
        assertThat(Reports.render(new Plan(List.of(DELETE), List.of()), ReportFormat.MARKDOWN))
                .isEqualTo(TABLE_HEAD + "| 0 | 0 | 1 |\n" + MD_NYAN + MD_DELETE);
    }

    @Test
    void markdownConflict() {
        assertThat(Reports.render(new Plan(List.of(), List.of(CONFLICT)), ReportFormat.MARKDOWN))
                .isEqualTo(TABLE_HEAD + "| 0 | 0 | 0 |\n" + MD_CONFLICTS);
    }

    @Test
    void markdownMixed() {
        assertThat(Reports.render(MIXED, ReportFormat.MARKDOWN))
                .isEqualTo(TABLE_HEAD + "| 1 | 1 | 1 |\n" + MD_NYAN + MD_DELETE + MD_CREATE + MD_ORDERS + MD_UPDATE
                        + MD_CONFLICTS);
    }

    @Test
    void markdownEmpty() {
        assertThat(Reports.render(new Plan(List.of(), List.of()), ReportFormat.MARKDOWN)).isEqualTo(
                "## kongsync plan\n\nNo changes. Kong matches the files.\n\n"
                        + "| Create | Update | Delete |\n|-------:|-------:|-------:|\n| 0 | 0 | 0 |\n");
    }

    @Test
    void markdownEscapesHtmlInNamesAndMessages() {
        EntityKey key = key(EntityKind.PLUGIN, "<img src=x onerror=alert(1)>", "service", "a&b\n\n# heading");
        Change change = new Change(Action.DELETE, key, List.of(), null, entity(key, map()));
        Conflict conflict = new Conflict(key, null, null, "plugin <b>x</b> exists");

        String markdown = Reports.render(new Plan(List.of(change), List.of(conflict)), ReportFormat.MARKDOWN);

        assertThat(markdown)
                .contains("<summary>➖ plugin <code>&lt;img src=x onerror=alert(1)&gt;</code> "
                        + "(service <code>a&amp;b&#10;&#10;# heading</code>)</summary>")
                .contains("<li>plugin &lt;b&gt;x&lt;/b&gt; exists</li>")
                .doesNotContain("<img")
                .doesNotContain("<b>");
    }

    @Test
    void markdownValueCannotBreakOutOfTheCodeFence() {
        Change change = new Change(Action.UPDATE, NYAN.key(), List.of(
                new FieldChange("path", "/v1", "/x\n```\n</details><script>alert(1)</script>````", false),
                new FieldChange("weird\n```key", null, 1L, false)), NYAN, NYAN);

        String markdown = Reports.render(new Plan(List.of(change), List.of()), ReportFormat.MARKDOWN);

        assertThat(markdown).contains("""
                `````diff
                - path: "/v1"
                + path: "/x\\n```\\n</details><script>alert(1)</script>````"
                - weird\\u000a```key: null
                + weird\\u000a```key: 1
                `````
                """);
    }

    // ---- api ----------------------------------------------------------------------------------------------------------

    @Test
    void formatsParseFromTheirNames() {
        assertThat(ReportFormat.parse("text")).isEqualTo(ReportFormat.TEXT);
        assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.parse("Markdown")).isEqualTo(ReportFormat.MARKDOWN);
        assertThatThrownBy(() -> ReportFormat.parse("yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text, json, markdown");
    }

    @Test
    void writerVariantWritesTheSameReport() {
        StringWriter out = new StringWriter();
        Reports.write(MIXED, ReportFormat.MARKDOWN, out);
        assertThat(out).hasToString(Reports.render(MIXED, ReportFormat.MARKDOWN));
    }
}
