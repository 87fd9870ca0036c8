package io.kongsync.infra;

import io.kongsync.testsupport.CiRequirement;
import io.kongsync.testsupport.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Terraform's own checks, where {@code terraform} is on the PATH (skipped otherwise): {@code terraform fmt -check},
 * {@code terraform validate} of the dev environment (which uses every module) on a copy under target/, its
 * {@code terraform test} (plans against a mocked AWS provider: environments/dev/tests/plan.tftest.hcl), and the
 * resource-type classification of {@link AwsResourceTypes} against the AWS provider's schema. Without network,
 * {@code TF_PLUGIN_DIR} names a provider mirror ({@code terraform init -plugin-dir}); when terraform is there but
 * cannot install the provider, the tests skip, or fail when CI is set.
 */
class TerraformCliTest {

    private static final Path INFRA = HclToolchain.PROJECT.resolve("infra-terraform");
    private static final Path WORK = HclToolchain.PROJECT.resolve("target/terraform");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path terraform;
    private static Path initializedDev;

    @BeforeAll
    static void terraformOnPath() {
        Optional<Path> found = Processes.onPath("terraform");
        assumeTrue(found.isPresent(), "terraform is not on the PATH");
        terraform = found.get();
    }

    @Test
    void terraformFmtFindsNothingToChange() {
        Processes.Result fmt = terraform(HclToolchain.PROJECT, Duration.ofMinutes(1),
                "fmt", "-check", "-recursive", "-diff", "-no-color", INFRA.toString());

        assertThat(fmt.exitCode()).as(fmt.output()).isZero();
    }

    @Test
    void terraformValidatesTheDevEnvironmentAndEveryModuleItUses() throws IOException {
        Path dev = initializedDevEnvironment();

        Processes.Result validate = terraform(dev, Duration.ofMinutes(2), "validate", "-json", "-no-color");

        JsonNode result = JSON.readTree(validate.stdout());
        assertThat(result.path("valid").asBoolean()).as(validate.output()).isTrue();
        assertThat(result.path("error_count").asInt()).as(validate.output()).isZero();
    }

    @Test
    void terraformTestPlansTheDevEnvironmentAgainstAMockedProvider() throws IOException {
        Path dev = initializedDevEnvironment();

        Processes.Result test = terraform(dev, Duration.ofMinutes(5), "test", "-no-color");

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.stdout()).contains("run \"dbless\"... pass", "run \"postgres_with_every_option\"... pass");
    }

    @Test
    void theTaggableResourceTypesAreTheOnesWhoseProviderSchemaHasTags() throws IOException {
        Path root = WORK.resolve("schema");
        copyTree(INFRA.resolve("modules/network"), root);
        init(root);

        Processes.Result schema = terraform(root, Duration.ofMinutes(2), "providers", "schema", "-json");

        assertThat(schema.exitCode()).as(schema.stderr()).isZero();
        JsonNode resources = JSON.readTree(schema.stdout()).path("provider_schemas")
                .path("registry.terraform.io/hashicorp/aws").path("resource_schemas");
        AwsResourceTypes classified = AwsResourceTypes.load();
        Set<String> used = usedResourceTypes();
        assertThat(used).isNotEmpty();
        for (String type : used) {
            assertThat(resources.has(type)).as("the AWS provider knows %s", type).isTrue();
            boolean hasTags = resources.path(type).path("block").path("attributes").has("tags");
            assertThat(classified.takesTags(type)).as("%s in %s", type, AwsResourceTypes.RESOURCE).contains(hasTags);
        }
    }

    /** infra-terraform/ copied to target/terraform/validate, and environments/dev initialized without a backend. */
    private static synchronized Path initializedDevEnvironment() throws IOException {
        if (initializedDev == null) {
            Path copy = WORK.resolve("validate");
            copyTree(INFRA, copy);
            Path dev = copy.resolve("environments/dev");
            init(dev, "-backend=false");
            initializedDev = dev;
        }
        return initializedDev;
    }

    private static Set<String> usedResourceTypes() {
        HclTree tree = HclTree.read(HclToolchain.require().tfcheck(), INFRA);
        Set<String> types = new TreeSet<>();
        tree.terraformFiles().forEach(file -> file.blocks("resource").forEach(block -> types.add(block.label(0))));
        return types;
    }

    private static void init(Path directory, String... options) {
        List<String> arguments = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        arguments.addAll(List.of(options));
        Optional.ofNullable(System.getenv("TF_PLUGIN_DIR")).filter(dir -> !dir.isBlank())
                .ifPresent(dir -> arguments.add("-plugin-dir=" + dir));
        Processes.Result init = terraform(directory, Duration.ofMinutes(5), arguments.toArray(String[]::new));
        if (!init.succeeded()) {
            CiRequirement.unavailable("terraform validate", "terraform init could not install the AWS provider "
                    + "(offline? set TF_PLUGIN_DIR to a provider mirror): " + init.output());
        }
    }

    private static Processes.Result terraform(Path directory, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>();
        environment.put("TF_IN_AUTOMATION", "1");
        environment.put("CHECKPOINT_DISABLE", "1");
        environment.put("TF_DATA_DIR", null);
        return Processes.run(directory, environment, command, timeout);
    }

    /** A fresh copy of {@code source} at {@code target}, without Terraform's working files. */
    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path path : files.toList()) {
                Path relative = source.relativize(path);
                if (relative.toString().contains(".terraform")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }
}
