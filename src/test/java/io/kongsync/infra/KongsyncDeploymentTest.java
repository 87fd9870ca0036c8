package io.kongsync.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users of infra-terraform rely on for kongsync's availability and its shared store (issue 16), read from the
 * HCL as HashiCorp's parser sees it (the same tfcheck as {@link TerraformChecksTest}, which also holds every file to
 * hclfmt's canonical format).
 */
class KongsyncDeploymentTest {

    private static final Path INFRA = HclToolchain.PROJECT.resolve("infra-terraform");

    private static HclTree tree;

    @BeforeAll
    static void read() {
        tree = HclTree.read(HclToolchain.require().tfcheck(), INFRA);
    }

    @Test
    void twoTasksByDefaultAndSeveralOnlyWithTheStore() {
        HclTree.Block desiredCount = block("modules/kongsync", "variable", "desired_count");
        assertThat(desiredCount.attribute("type").orElseThrow().expr()).isEqualTo("number");
        assertThat(desiredCount.attribute("default").orElseThrow().literal().asInt()).isEqualTo(2);
        assertThat(desiredCount.attribute("description").orElseThrow().expr()).contains("take turns");
        assertThat(block("environments/dev", "variable", "kongsync_desired_count").attribute("default")
                .orElseThrow().literal().asInt()).isEqualTo(2);
        HclTree.Block targetGroup = blocks("modules/kongsync", "resource")
                .filter(block -> block.label(0).equals("aws_lb_target_group")).findFirst().orElseThrow();
        assertThat(targetGroup.blocks("lifecycle").flatMap(l -> l.blocks("precondition"))
                .map(precondition -> expr(precondition, "condition")))
                .containsExactly("var.desired_count == 1 || var.store != null");

        HclTree.Block service = block("modules/kongsync", "module", "service");
        assertThat(expr(service, "desired_count")).isEqualTo("var.desired_count");
        assertThat(expr(block("environments/dev", "module", "kongsync"), "desired_count"))
                .isEqualTo("var.kongsync_desired_count");
    }

    @Test
    void severalTasksRollKeepingAtLeastHalfServingAndOneTaskIsReplacedNotDoubled() {
        HclTree.Block locals = locals("modules/kongsync");
        HclTree.Attribute rolling = locals.attribute("rolling_deployment").orElseThrow();
        assertThat(rolling.literal().get("minimum_healthy_percent").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(rolling.literal().get("maximum_percent").asInt()).isEqualTo(200);
        HclTree.Attribute single = locals.attribute("stop_then_start_deployment").orElseThrow();
        assertThat(single.literal().get("maximum_percent").asInt()).isEqualTo(100);
        assertThat(locals.attribute("deployment").orElseThrow().expr())
                .isEqualTo("var.desired_count > 1 ? local.rolling_deployment : local.stop_then_start_deployment");

        HclTree.Block service = block("modules/kongsync", "module", "service");
        assertThat(expr(service, "deployment_minimum_healthy_percent"))
                .isEqualTo("local.deployment.minimum_healthy_percent");
        assertThat(expr(service, "deployment_maximum_percent")).isEqualTo("local.deployment.maximum_percent");
    }

    @Test
    void aStopDrainsTheTargetFirstAndLeavesKongsyncItsShutdownWait() {
        HclTree.Block service = block("modules/kongsync", "module", "service");
        // kongsync.shutdown-wait (20 s) plus 5 s for in-flight requests must fit before ECS kills the container.
        assertThat(service.attribute("stop_timeout").orElseThrow().literal().asInt()).isBetween(30, 120);
        assertThat(expr(block("modules/ecs-service", "resource", "aws_ecs_task_definition"), "container_definitions"))
                .contains("local.container");
        assertThat(locals("modules/ecs-service").attribute("container").orElseThrow().expr())
                .contains("stopTimeout = var.stop_timeout");

        HclTree.Block targetGroup = block("modules/kongsync", "resource", "aws_lb_target_group");
        assertThat(targetGroup.attribute("deregistration_delay").orElseThrow().literal().asInt()).isBetween(10, 60);
        HclTree.Block health = targetGroup.blocks("health_check").findFirst().orElseThrow();
        assertThat(health.attribute("path").orElseThrow().literalString()).contains("/actuator/health");
    }

    @Test
    void theTasksAndTheStoreSpanAtLeastTwoAvailabilityZones() {
        assertThat(block("modules/network", "variable", "az_count").blocks("validation").findFirst().orElseThrow()
                .attribute("condition").orElseThrow().expr()).contains("var.az_count >= 2");
        for (String module : List.of("modules/kongsync", "modules/kongsync-store")) {
            assertThat(block(module, "variable", "private_subnet_ids").blocks("validation").findFirst().orElseThrow()
                    .attribute("condition").orElseThrow().expr())
                    .as(module).isEqualTo("length(var.private_subnet_ids) >= 2");
        }
        assertThat(expr(block("modules/kongsync", "module", "service"), "private_subnet_ids"))
                .isEqualTo("var.private_subnet_ids");
        assertThat(expr(block("modules/kongsync-store", "resource", "aws_db_subnet_group"), "subnet_ids"))
                .isEqualTo("var.private_subnet_ids");
    }

    @Test
    void onlyKongsyncsSecurityGroupReachesTheStore() {
        List<HclTree.Block> rules = blocks("modules/kongsync-store", "resource")
                .filter(block -> block.label(0).startsWith("aws_vpc_security_group_ingress_rule")
                        || block.label(0).equals("aws_security_group_rule"))
                .toList();
        assertThat(rules).hasSize(1);
        HclTree.Block rule = rules.get(0);
        assertThat(expr(rule, "referenced_security_group_id")).isEqualTo("var.kongsync_security_group_id");
        assertThat(rule.attributes()).extracting(HclTree.Attribute::name)
                .doesNotContain("cidr_ipv4", "cidr_ipv6", "prefix_list_id");
        assertThat(blocks("modules/kongsync-store", "resource")
                .filter(block -> block.label(0).equals("aws_security_group")).flatMap(HclTree.Block::allAttributes))
                .extracting(HclTree.Attribute::name).doesNotContain("ingress", "egress");
        assertThat(expr(block("environments/dev", "module", "kongsync_store"), "kongsync_security_group_id"))
                .isEqualTo("module.security_groups.kongsync_security_group_id");
    }

    @Test
    void theOwnInstanceIsEncryptedPrivateBackedUpAndProtectable() {
        HclTree.Block instance = block("modules/kongsync-store", "resource", "aws_db_instance");
        assertThat(instance.attribute("storage_encrypted").orElseThrow().literal().asBoolean()).isTrue();
        assertThat(instance.attribute("publicly_accessible").orElseThrow().literal().asBoolean()).isFalse();
        assertThat(expr(instance, "deletion_protection")).isEqualTo("var.deletion_protection");
        assertThat(expr(instance, "backup_retention_period")).isEqualTo("var.backup_retention_days");
        assertThat(block("modules/kongsync-store", "variable", "deletion_protection").attribute("default")
                .orElseThrow().literal().asBoolean()).isTrue();
        assertThat(block("modules/kongsync-store", "variable", "backup_retention_days").attribute("default")
                .orElseThrow().literal().asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theStorePasswordReachesTheTaskOnlyThroughSsmSecrets() {
        HclTree.Block parameter = block("modules/kongsync-store", "resource", "aws_ssm_parameter");
        assertThat(parameter.attribute("type").orElseThrow().literalString()).contains("SecureString");
        assertThat(expr(parameter, "value")).isEqualTo("data.aws_secretsmanager_random_password.this.random_password");
        assertThat(expr(parameter, "key_id")).isEqualTo("var.kms_key_arn");

        HclTree.Block locals = locals("modules/kongsync");
        assertThat(locals.attribute("secrets").orElseThrow().expr())
                .contains("KONGSYNC_STORE_PASSWORD = var.store.password_parameter_arn");
        assertThat(locals.attribute("environment").orElseThrow().expr())
                .contains("KONGSYNC_STORE_URL = var.store.url", "KONGSYNC_STORE_USERNAME = var.store.username");
        assertThat(expr(block("modules/kongsync", "module", "service"), "secrets")).isEqualTo("local.secrets");
        // The execution role reads exactly the task's secrets, the store's password among them.
        assertThat(expr(block("modules/kongsync", "module", "service"), "execution_role_statements"))
                .contains("resources = values(local.secrets)");

        // No environment anywhere carries a password, and the generated one goes nowhere but SSM and RDS.
        for (HclTree.HclFile file : tree.terraformFiles()) {
            file.allAttributes().filter(attribute -> attribute.name().equals("environment"))
                    .flatMap(attribute -> attribute.objects().stream().flatMap(List::stream))
                    .forEach(item -> assertThat(item.key().toUpperCase(Locale.ROOT))
                            .as("%s:%d", tree.relative(file), item.line()).doesNotContain("PASSWORD"));
            file.allAttributes().filter(attribute -> attribute.references().contains("data.aws_secretsmanager_random_password.this.random_password"))
                    .forEach(attribute -> assertThat(attribute.name()).as("%s:%d", tree.relative(file),
                            attribute.line()).isIn("value", "password"));
        }
    }

    private static Stream<HclTree.Block> blocks(String module, String type) {
        return tree.module(INFRA.resolve(module)).stream().flatMap(file -> file.blocks(type));
    }

    private static HclTree.Block block(String module, String type, String label) {
        List<HclTree.Block> found = blocks(module, type)
                .filter(block -> block.label(0).equals(label)).toList();
        assertThat(found).as("%s %s in %s", type, label, module).hasSize(1);
        return found.get(0);
    }

    private static HclTree.Block locals(String module) {
        List<HclTree.Attribute> attributes = blocks(module, "locals")
                .flatMap(block -> block.attributes().stream()).toList();
        return new HclTree.Block("locals", List.of(), 0, attributes, List.of());
    }

    private static String expr(HclTree.Block block, String attribute) {
        return block.attribute(attribute).orElseThrow(() -> new AssertionError(
                block.type() + " " + block.labels() + " has no " + attribute)).expr();
    }
}
