package io.kongsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link Rule#MODULE_LAYOUT}, {@link Rule#MODULE_UNDECLARED_INPUT}, {@link Rule#MODULE_MISSING_INPUT} and
 * {@link Rule#MODULE_UNKNOWN_OUTPUT}. Only local module sources ({@code ./...}, {@code ../...}) are checked; a
 * registry module's interface is not in the tree.
 */
final class ModuleRules implements TreeRule {

    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "depends_on",
            "providers");
    /** Blocks that name resource addresses ({@code module.x.aws_y.z}), not module outputs. */
    private static final Set<String> ADDRESS_BLOCKS = Set.of("moved", "removed");
    private static final List<String> MODULE_FILES = List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf",
            "README.md");

    /** A module call's target, as the tree declares it. */
    private record Interface(Path directory, Set<String> variables, Set<String> required, Set<String> outputs) {
    }

    @Override
    public void check(HclTree tree, List<Violation> violations) {
        layout(tree, violations);
        for (HclTree.HclFile file : tree.terraformFiles()) {
            file.blocks("module").forEach(call -> inputs(tree, file, call, violations));
        }
        outputs(tree, violations);
    }

    private void layout(HclTree tree, List<Violation> violations) {
        Path modules = tree.root().resolve("modules");
        if (!Files.isDirectory(modules)) {
            return;
        }
        for (Path module : directories(modules)) {
            for (String name : MODULE_FILES) {
                if (!Files.isRegularFile(module.resolve(name))) {
                    violations.add(new Violation(Rule.MODULE_LAYOUT, tree.relative(module.resolve(name)), 0,
                            "module " + tree.relative(module) + " has no " + name));
                }
            }
            tree.module(module).stream().filter(file -> file.file().getFileName().toString().equals("versions.tf"))
                    .findFirst().ifPresent(versions -> versions(tree, versions, violations));
        }
    }

    private void versions(HclTree tree, HclTree.HclFile versions, List<Violation> violations) {
        String path = tree.relative(versions);
        Optional<HclTree.Block> terraform = versions.blocks("terraform").findFirst();
        if (terraform.isEmpty()) {
            violations.add(new Violation(Rule.MODULE_LAYOUT, path, 0, "no terraform block"));
            return;
        }
        int line = terraform.get().line();
        boolean terraformBound = terraform.get().attribute("required_version")
                .flatMap(HclTree.Attribute::literalString).filter(ModuleRules::lowerBound).isPresent();
        if (!terraformBound) {
            violations.add(new Violation(Rule.MODULE_LAYOUT, path, line, "no required_version lower bound (>= ...)"));
        }
        boolean awsBound = terraform.get().blocks("required_providers")
                .flatMap(providers -> providers.attribute("aws").stream())
                .flatMap(aws -> aws.objects().stream().flatMap(List::stream))
                .filter(item -> item.key().equals("version"))
                .anyMatch(item -> item.literal() != null && item.literal().isString()
                        && lowerBound(item.literal().asString()));
        if (!awsBound) {
            violations.add(new Violation(Rule.MODULE_LAYOUT, path, line,
                    "required_providers gives the aws provider no version lower bound (>= ...)"));
        }
    }

    private static boolean lowerBound(String constraint) {
        return constraint.contains(">=") || constraint.contains("~>");
    }

    private void inputs(HclTree tree, HclTree.HclFile file, HclTree.Block call, List<Violation> violations) {
        Optional<Interface> target = target(tree, file, call);
        String path = tree.relative(file);
        String name = call.label(0);
        if (target.isEmpty()) {
            if (localSource(call).isPresent()) {
                violations.add(new Violation(Rule.MODULE_UNDECLARED_INPUT, path, call.line(),
                        "module \"" + name + "\": source " + localSource(call).get() + " holds no .tf file"));
            }
            return;
        }
        String source = localSource(call).orElseThrow();
        for (HclTree.Attribute argument : call.attributes()) {
            if (!META_ARGUMENTS.contains(argument.name()) && !target.get().variables().contains(argument.name())) {
                violations.add(new Violation(Rule.MODULE_UNDECLARED_INPUT, path, argument.line(), "module \"" + name
                        + "\" passes \"" + argument.name() + "\", which " + source + " does not declare"));
            }
        }
        Set<String> passed = call.attributes().stream().map(HclTree.Attribute::name).collect(Collectors.toSet());
        for (String required : target.get().required()) {
            if (!passed.contains(required)) {
                violations.add(new Violation(Rule.MODULE_MISSING_INPUT, path, call.line(), "module \"" + name
                        + "\" does not pass \"" + required + "\", which " + source + " requires (it has no default)"));
            }
        }
    }

    private void outputs(HclTree tree, List<Violation> violations) {
        Map<Path, List<HclTree.HclFile>> byDirectory = new LinkedHashMap<>();
        for (HclTree.HclFile file : tree.terraformFiles()) {
            byDirectory.computeIfAbsent(file.directory(), directory -> new ArrayList<>()).add(file);
        }
        byDirectory.forEach((directory, files) -> {
            Map<String, Optional<Interface>> calls = new LinkedHashMap<>();
            for (HclTree.HclFile file : files) {
                file.blocks("module").forEach(call -> calls.put(call.label(0), target(tree, file, call)));
            }
            for (HclTree.HclFile file : files) {
                expressions(file).forEach(attribute -> attribute.references().stream()
                        .filter(reference -> reference.startsWith("module."))
                        .map(reference -> reference.split("\\."))
                        .forEach(parts -> {
                            if (!calls.containsKey(parts[1])) {
                                violations.add(new Violation(Rule.MODULE_UNKNOWN_OUTPUT, tree.relative(file),
                                        attribute.line(), "no module \"" + parts[1] + "\" is called in this directory"));
                            } else if (parts.length > 2 && calls.get(parts[1]).isPresent()
                                    && !calls.get(parts[1]).get().outputs().contains(parts[2])) {
                                violations.add(new Violation(Rule.MODULE_UNKNOWN_OUTPUT, tree.relative(file),
                                        attribute.line(), "module \"" + parts[1] + "\" has no output \"" + parts[2]
                                        + "\""));
                            }
                        }));
            }
        });
    }

    private static Stream<HclTree.Attribute> expressions(HclTree.HclFile file) {
        return Stream.concat(file.attributes().stream(), file.blocks().stream()
                .filter(block -> !ADDRESS_BLOCKS.contains(block.type()))
                .flatMap(HclTree.Block::allAttributes));
    }

    private static Optional<String> localSource(HclTree.Block call) {
        return call.attribute("source").flatMap(HclTree.Attribute::literalString)
                .filter(source -> source.startsWith("./") || source.startsWith("../"));
    }

    private static Optional<Interface> target(HclTree tree, HclTree.HclFile file, HclTree.Block call) {
        Optional<String> source = localSource(call);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Path directory = file.directory().resolve(source.get()).normalize();
        List<HclTree.HclFile> module = tree.module(directory);
        if (module.isEmpty()) {
            return Optional.empty();
        }
        Set<String> variables = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        Set<String> outputs = new TreeSet<>();
        for (HclTree.HclFile moduleFile : module) {
            moduleFile.blocks("variable").forEach(variable -> {
                variables.add(variable.label(0));
                if (variable.attribute("default").isEmpty()) {
                    required.add(variable.label(0));
                }
            });
            moduleFile.blocks("output").forEach(output -> outputs.add(output.label(0)));
        }
        return Optional.of(new Interface(directory, variables, required, outputs));
    }

    private static List<Path> directories(Path parent) {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
