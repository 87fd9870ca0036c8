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
}
