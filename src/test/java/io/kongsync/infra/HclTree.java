package io.kongsync.infra;

import io.kongsync.testsupport.Processes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every HCL file under a root, as tfcheck parsed it with HashiCorp's parser. */
record HclTree(Path root, List<HclFile> files) {

    record Diagnostic(String summary, String detail, int line, int column) {
    }

    /** A key of an object constructor ({@code { name = "x", value = var.y }}) and its value, when that is a literal. */
    record ObjectItem(String key, int line, JsonNode literal) {
    }

    /**
     * An attribute: its source text, its value when that is a literal (no variables, no functions), the variables it
     * references without their indexes ({@code module.kong_database.host}) and the object constructors inside it.
     */
    record Attribute(String name, int line, String expr, JsonNode literal, List<String> references,
                     List<List<ObjectItem>> objects) {

        Optional<JsonNode> literalValue() {
            return literal == null || literal.isNull() ? Optional.empty() : Optional.of(literal);
        }

        Optional<String> literalString() {
            return literalValue().filter(JsonNode::isString).map(JsonNode::asString);
        }
    }

    record Block(String type, List<String> labels, int line, List<Attribute> attributes, List<Block> blocks) {

        String label(int index) {
            return index < labels.size() ? labels.get(index) : "";
        }

        Optional<Attribute> attribute(String name) {
            return attributes.stream().filter(attribute -> attribute.name().equals(name)).findFirst();
        }

        Stream<Block> blocks(String blockType) {
            return blocks.stream().filter(block -> block.type().equals(blockType));
        }

        /** This block's attributes and those of every block nested in it. */
        Stream<Attribute> allAttributes() {
            return Stream.concat(attributes.stream(), blocks.stream().flatMap(Block::allAttributes));
        }
    }

    record HclFile(String path, List<Diagnostic> diagnostics, boolean formatted, int firstUnformattedLine,
                   List<Attribute> attributes, List<Block> blocks) {

        Path file() {
            return Path.of(path);
        }

        Path directory() {
            return file().getParent();
        }

        boolean isTerraform() {
            return path.endsWith(".tf");
        }

        Stream<Block> blocks(String type) {
            return blocks.stream().filter(block -> block.type().equals(type));
        }

        Stream<Attribute> allAttributes() {
            return Stream.concat(attributes.stream(), blocks.stream().flatMap(Block::allAttributes));
        }
    }

    private record Output(List<HclFile> files) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs tfcheck on {@code root} (a directory, walked recursively). */
    static HclTree read(Path tfcheck, Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        Processes.Result result = Processes.run(HclToolchain.PROJECT, Map.of(),
                List.of(tfcheck.toString(), absolute.toString()), Duration.ofMinutes(2));
        if (!result.succeeded()) {
            throw new IllegalStateException("tfcheck failed on " + absolute + ": " + result.output());
        }
        Output output = JSON.readValue(result.stdout(), Output.class);
        return new HclTree(absolute, List.copyOf(output.files()));
    }

    String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    String relative(HclFile file) {
        return relative(file.file());
    }

    List<HclFile> terraformFiles() {
        return files.stream().filter(HclFile::isTerraform).toList();
    }

    /** The .tf files directly in {@code directory}: one Terraform module. */
    List<HclFile> module(Path directory) {
        Path normalized = directory.toAbsolutePath().normalize();
        List<HclFile> module = new ArrayList<>();
        for (HclFile file : terraformFiles()) {
            if (file.directory().equals(normalized)) {
                module.add(file);
            }
        }
        return module;
    }
}
