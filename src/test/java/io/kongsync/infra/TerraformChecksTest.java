package io.kongsync.infra;

import io.kongsync.testsupport.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of infra-terraform/ (issue 6), with HashiCorp's own HCL parser and formatter: tfcheck reads every file,
 * {@link TerraformRules} applies the structural rules, and each rule is shown to catch its broken fixture under
 * src/test/resources/terraform-fixtures/. Needs Go and Debian's HCL sources (see {@link HclToolchain}): skipped
 * without them, failing instead when CI is set.
 */
class TerraformChecksTest {

    private static final Path INFRA = HclToolchain.PROJECT.resolve("infra-terraform");
    private static final Path FIXTURES = HclToolchain.PROJECT.resolve("src/test/resources/terraform-fixtures");
    private static final TerraformRules RULES = new TerraformRules(AwsResourceTypes.load());

    @Test
    void infraTerraformPassesEveryRule() {
        HclTree tree = HclTree.read(HclToolchain.require().tfcheck(), INFRA);

        assertThat(RULES.check(tree)).as("violations in infra-terraform/").isEmpty();
        assertThat(tree.files()).extracting(tree::relative).contains(
                "environments/dev/main.tf", "environments/dev/terraform.tfvars.example",
                "environments/dev/backend.hcl.example", "modules/kong/main.tf", "modules/kongsync/main.tf",
                "modules/security-groups/main.tf");
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void eachRuleCatchesItsBrokenFixture(Rule rule) throws IOException {
        Path fixture = FIXTURES.resolve(rule.fixture());
        HclTree tree = HclTree.read(HclToolchain.require().tfcheck(), fixture);

        List<Violation> violations = RULES.check(tree);

        assertThat(violations).as("violations of %s", fixture).extracting(Violation::rule).containsOnly(rule);
        assertThat(violations).as("violations of %s", fixture).extracting(Violation::location)
                .containsExactlyInAnyOrderElementsOf(expected(fixture));
    }

    @Test
    void hashicorpsHclfmtAcceptsEveryFileOfInfraTerraform() {
        HclToolchain.Tools tools = HclToolchain.require();
        HclTree tree = HclTree.read(tools.tfcheck(), INFRA);

        Processes.Result hclfmt = hclfmt(tools, tree);

        assertThat(hclfmt.exitCode()).as(hclfmt.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"syntax", "format"})
    void hashicorpsHclfmtRejectsTheBrokenSyntaxAndFormatFixtures(String fixture) {
        HclToolchain.Tools tools = HclToolchain.require();
        HclTree tree = HclTree.read(tools.tfcheck(), FIXTURES.resolve(fixture));

        Processes.Result hclfmt = hclfmt(tools, tree);

        assertThat(hclfmt.exitCode()).as(hclfmt.output()).isNotZero();
        assertThat(hclfmt.stderr()).contains("main.tf");
    }

    @Test
    void secretNamesAreTheOnesThatHoldSecretsNotTheOnesThatPointAtThem() {
        assertThat(List.of("password", "KONG_PG_PASSWORD", "kongsync_api_token", "webhook-github-secret",
                "aws_secret_access_key", "private_key", "git_credentials", "dbpassword", "apiKey"))
                .allMatch(SecretRule::secretName);
        assertThat(List.of("password_secret_arn", "api_token_parameter", "master_user_secret_kms_key_id",
                "secret_name", "secrets_path", "description", "key_id", "username", "http_tokens", "secrets",
                "monkey_business"))
                .noneMatch(SecretRule::secretName);
    }

    private static Processes.Result hclfmt(HclToolchain.Tools tools, HclTree tree) {
        List<String> command = new ArrayList<>(List.of(tools.hclfmt().toString(), "-check", "-require-no-change"));
        tree.files().forEach(file -> command.add(file.path()));
        assertThat(command).hasSizeGreaterThan(3);
        return Processes.run(HclToolchain.PROJECT, Map.of(), command, Duration.ofMinutes(1));
    }

    private static List<String> expected(Path fixture) throws IOException {
        return Files.readAllLines(fixture.resolve("expected.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
