package io.kongsync.state;

import io.kongsync.file.ReadOptions;
import io.kongsync.file.TemplateFunction;
import io.kongsync.plan.Plan;
import io.kongsync.plan.Planner;
import io.kongsync.report.ReportFormat;
import io.kongsync.report.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A value that came from ${{ env ... }} is sensitive wherever it lands, even in a field that holds no secret. */
class SubstitutedValuesTest {

    @Test
    void substitutedValuesAreMaskedInEveryReportFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: ${{ env "DECK_BILLING_HOST" }}
                    routes:
                      - name: billing
                        paths: [/billing]
                        headers:
                          x-partner-token: ['${{ env "DECK_PARTNER_TOKEN" }}']
                """);
        Map<String, String> env = Map.of("DECK_BILLING_HOST", "billing-7f3a.internal",
                "DECK_PARTNER_TOKEN", "tok-5up3r-s3cret");
        ReadOptions read = ReadOptions.defaults().withEnvironment(env::get);

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);
        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.state().entities().values()).anySatisfy(e ->
                assertThat(e.fields()).containsEntry("host", "billing-7f3a.internal"));

        Plan plan = Planner.plan(loaded.state(), io.kongsync.model.State.EMPTY);
        for (ReportFormat format : ReportFormat.values()) {
            String report = Reports.render(plan, format);
            assertThat(report).as(format.name()).contains("(sensitive)")
                    .doesNotContain("billing-7f3a.internal", "tok-5up3r-s3cret");
        }
    }

    @Test
    void aSubstitutedUrlStaysMaskedOnceSplitIntoProtocolHostPortAndPath(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                  - name: billing
                    url: ${{ env "DECK_BILLING_URL" }}
                """);
        ReadOptions read = ReadOptions.defaults()
                .withEnvironment(Map.of("DECK_BILLING_URL", "https://billing-7f3a.internal:8443/v2-s3cret")::get);

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);
        assertThat(loaded.diagnostics()).isEmpty();

        Plan plan = Planner.plan(loaded.state(), io.kongsync.model.State.EMPTY);
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(Reports.render(plan, format)).as(format.name())
                    .doesNotContain("billing-7f3a.internal", "8443", "v2-s3cret");
        }
    }

    @Test
    void problemsNeverQuoteAValueFromAnyTemplateFunction(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: ${{ ssm "/billing/host" }}
                    routes:
                      - name: billing
                        paths: ['~/${{ ssm "/billing/prefix" }}[']
                """);
        TemplateFunction ssm = new TemplateFunction() {
            @Override
            public String name() {
                return "ssm";
            }

            @Override
            public Map<String, String> resolve(Set<String> names) {
                return Map.of("/billing/host", "Billing_Host!7f3a", "/billing/prefix", "pr3fix-77q");
            }
        };
        ReadOptions read = ReadOptions.defaults().withTemplateFunctions(List.of(ssm));

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);

        assertThat(loaded.diagnostics()).extracting(d -> d.format())
                .containsExactly("%s:4:5: services[0].host: invalid value: (sensitive)".formatted(file),
                        "%s:7:17: services[0].routes[0].paths[0]: invalid regex: '/(sensitive)[' (PCRE returned: "
                                .formatted(file) + "Unclosed character class)");
    }

    @Test
    void valuesThatWentThroughPipelinesStayMasked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: billing.internal
                    plugins:
                      - name: rate-limiting
                        config:
                          minute: ${{ env "DECK_LIMIT" | toInt }}
                      - name: pre-function
                        config:
                          access:
                            - |
                              ${{ env "DECK_LUA" | indent 14 }}
                """);
        String lua = "local token = 'lua-s3cr3t-Zq9'\nkong.service.request.set_header('x-token', token)";
        ReadOptions read = ReadOptions.defaults()
                .withEnvironment(Map.of("DECK_LIMIT", "0073519", "DECK_LUA", lua)::get);

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);
        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.state().entities().values()).anySatisfy(e ->
                assertThat(String.valueOf(e.fields().get("config"))).contains("73519"));

        // the printed value (73519, not the variable's 0073519) and the indented text are both secrets
        assertThat(loaded.masking().mask("minute is 73519; code: " + lua.replace("\n", "\n" + " ".repeat(14))))
                .doesNotContain("73519", "lua-s3cr3t-Zq9");
        Plan plan = Planner.plan(loaded.state(), io.kongsync.model.State.EMPTY);
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(Reports.render(plan, format)).as(format.name()).doesNotContain("73519", "lua-s3cr3t-Zq9");
        }
    }

    @Test
    void aProblemWithAPipedValueNeverQuotesIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kong.yaml"), """
                _format_version: "3.0"
                services:
                  - name: billing
                    host: billing.internal
                    port: ${{ env "DECK_PORT" | toInt }}
                    routes:
                      - name: billing
                        paths: ['~/${{ env "DECK_SEGMENT" | toFloat }}[']
                """);
        ReadOptions read = ReadOptions.defaults()
                .withEnvironment(Map.of("DECK_PORT", "9917351", "DECK_SEGMENT", "4417.25")::get);

        StateLoader.Loaded loaded = StateLoader.loadDesired(List.of(file), StateLoader.Options.defaults(), read);

        assertThat(loaded.diagnostics()).isNotEmpty().allSatisfy(d ->
                assertThat(d.format()).doesNotContain("9917351", "4417.25"));
        assertThat(loaded.diagnostics()).anySatisfy(d -> assertThat(d.format()).contains("routes[0].paths[0]"));
    }
}
