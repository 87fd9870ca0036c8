package io.kongsync.convert;

import io.kongsync.file.RawYaml;
import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts one decK file from format 1.1 (Kong 2.x; also a file without {@code _format_version}, which decK reads as
 * 1.1) to 3.0 by the rules of {@code deck file convert --from kong-gateway-2.x --to kong-gateway-3.x}, editing the
 * text in place so that comments, order and layout outside the changed values stay as they were. Pure: the text in,
 * the new text, every change with its reason, and the problems out.
 */
public final class FormatConverter {

    static final String FORMAT_VERSION_KEY = "_format_version";
    public static final String FROM = "1.1";
    /** Kong 2.x's declarative format versions: decK's 2.x-to-3.x conversion takes either. */
    private static final Set<String> KONG_2X_VERSIONS = Set.of(FROM, "2.1");
    public static final String TO = "3.0";
    static final String RATE_LIMITING_ADVANCED = "rate-limiting-advanced";

    /** decK's test for a regex path: any character outside these. */
    private static final Pattern NOT_PLAIN_PATH_CHARACTER = Pattern.compile("[^a-zA-Z0-9._~/%-]");

    /**
     * What became of one file. {@code text} is the converted text; unchanged when nothing changed. {@code from} is the
     * format version the file had ({@value #FROM} when it had none).
     */
    public record Conversion(RawYaml.Document document, String text, Outcome outcome, List<Diagnostic> changes,
                             List<Diagnostic> notes, List<Diagnostic> problems, String from) {
    }

    public enum Outcome { CONVERTED, ALREADY_CURRENT, INVALID }

    private final RawYaml.Document document;
    private final Supplier<String> namespaces;
    private final List<Edit> edits = new ArrayList<>();
    private String from = FROM;
    private final List<Diagnostic> changes = new ArrayList<>();
    private final List<Diagnostic> notes = new ArrayList<>();
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private FormatConverter(RawYaml.Document document, Supplier<String> namespaces) {
        this.document = document;
        this.namespaces = namespaces;
    }

    /**
     * @param namespaces the namespace given to a rate-limiting-advanced plugin that has none (decK: 32 random
     *                   letters and digits)
     */
    public static Conversion convert(RawYaml.Document document, Supplier<String> namespaces) {
        return new FormatConverter(document, namespaces).run();
    }

    private Conversion run() {
        if (!(document.root() instanceof MappingNode root)) {
            problem(document.root(), "", "the root of a decK file must be a mapping (with _format_version, "
                    + "services, ...)");
            return result(Outcome.INVALID);
        }
        Optional<Outcome> version = formatVersion(root);
        if (version.isPresent()) {
            return result(version.get());
        }
        routes(root);
        plugins(root);
        if (!problems.isEmpty()) {
            return result(Outcome.INVALID);
        }
        return result(Outcome.CONVERTED);
    }

    private Conversion result(Outcome outcome) {
        String text = outcome == Outcome.CONVERTED ? Edit.apply(document.text(), edits) : document.text();
        return new Conversion(document, text, outcome, sorted(changes), sorted(notes), sorted(problems), from);
    }

    /** In the order of the file. */
    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().sorted().toList();
    }

    /** Edits the version; an outcome when the file is not to be converted further. */
    private Optional<Outcome> formatVersion(MappingNode root) {
        Optional<NodeTuple> entry = entry(root, FORMAT_VERSION_KEY);
        if (entry.isEmpty()) {
            insertFirst(root, FORMAT_VERSION_KEY, TO);
            changes.add(new Diagnostic(origin(root, ""), "added " + FORMAT_VERSION_KEY + ": \"" + TO + "\" (the file "
                    + "had none, which decK reads as \"" + FROM + "\")"));
            return Optional.empty();
        }
        Node value = entry.get().getValueNode();
        String version = value instanceof ScalarNode scalar ? scalar.getValue() : null;
        if (TO.equals(version)) {
            notes.add(new Diagnostic(origin(value, FORMAT_VERSION_KEY), "already \"" + TO + "\": left as it is"));
            return Optional.of(Outcome.ALREADY_CURRENT);
        }
        if (!KONG_2X_VERSIONS.contains(version)) {
            problem(value, FORMAT_VERSION_KEY, (version == null ? "not a version" : "\"" + version + "\"")
                    + ": --from " + FROM + " converts files with " + FORMAT_VERSION_KEY + ": \"" + FROM
                    + "\" or \"2.1\" (Kong 2.x) or without one");
            return Optional.of(Outcome.INVALID);
        }
        from = version;
        edits.add(Edit.replace(document.text(), value, "\"" + TO + "\""));
        changes.add(new Diagnostic(origin(value, FORMAT_VERSION_KEY), "\"" + version + "\" -> \"" + TO + "\""));
        return Optional.empty();
    }

    private void routes(MappingNode root) {
        eachItem(root, "routes", "routes", this::route);
        eachItem(root, "services", "services", (service, path) ->
                eachItem(service, "routes", path + ".routes", this::route));
    }

    /** Kong 3.0 reads a path without {@code ~} as a prefix; decK marks the ones that look like a regex. */
    private void route(MappingNode route, String routePath) {
        Optional<NodeTuple> paths = entry(route, "paths");
        if (paths.isEmpty() || isNull(paths.get().getValueNode())) {
            return;
        }
        if (!(paths.get().getValueNode() instanceof SequenceNode list)) {
            problem(paths.get().getValueNode(), routePath + ".paths", "must be a list of paths");
            return;
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String at = routePath + ".paths[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                problem(item, at, "must be a path (a string)");
                continue;
            }
            path(scalar, at);
        }
    }

    private void path(ScalarNode scalar, String at) {
        String path = scalar.getValue();
        if (path.startsWith("~/") || !seen.add(scalar)) {
            return;
        }
        if (path.contains("${{")) {
            notes.add(new Diagnostic(origin(scalar, at), "left as it is: a template, whose value decides whether "
                    + "it is a regex (then it must start with '~')"));
            return;
        }
        Matcher special = NOT_PLAIN_PATH_CHARACTER.matcher(path);
        if (!special.find()) {
            return;
        }
        if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
            problem(scalar, at, "a regex path in a block scalar (| or >): write it on one line, starting with '~'");
            return;
        }
        int quote = scalar.getScalarStyle() == ScalarStyle.PLAIN ? 0 : 1;
        edits.add(Edit.insert(document.text(), start(scalar), quote, "~"));
        changes.add(new Diagnostic(origin(scalar, at), "\"" + path + "\" -> \"~" + path + "\": a regex (it has '"
                + special.group() + "', which a plain path does not); Kong 3.0 matches a path without '~' as a "
                + "prefix"));
    }

    /** decK gives a rate-limiting-advanced plugin with a config and no namespace a random one. */
    private void plugins(MappingNode root) {
        eachItem(root, "plugins", "plugins", this::plugin);
        for (String parent : List.of("services", "routes", "consumers", "consumer_groups")) {
            eachItem(root, parent, parent, (entity, path) -> eachItem(entity, "plugins", path + ".plugins",
                    this::plugin));
        }
        eachItem(root, "services", "services", (service, path) -> eachItem(service, "routes", path + ".routes",
                (route, routePath) -> eachItem(route, "plugins", routePath + ".plugins", this::plugin)));
    }

    private void plugin(MappingNode plugin, String at) {
        Optional<NodeTuple> name = entry(plugin, "name");
        Optional<NodeTuple> config = entry(plugin, "config");
        if (name.isEmpty() || !(name.get().getValueNode() instanceof ScalarNode named)
                || !RATE_LIMITING_ADVANCED.equals(named.getValue()) || config.isEmpty()
                || !(config.get().getValueNode() instanceof MappingNode settings) || !seen.add(settings)) {
            return;
        }
        Optional<NodeTuple> namespace = entry(settings, "namespace");
        String value = namespaces.get();
        String reason = "a generated namespace (decK gives one to a rate-limiting-advanced plugin without)";
        if (namespace.isEmpty()) {
            insertFirst(settings, "namespace", value);
            changes.add(new Diagnostic(origin(settings, at + ".config"), "added namespace: \"" + value + "\": "
                    + reason));
        } else if (isNull(namespace.get().getValueNode())) {
            Node empty = namespace.get().getValueNode();
            boolean blank = start(empty) == end(empty);
            edits.add(Edit.replace(document.text(), empty, (blank ? " \"" : "\"") + value + "\""));
            changes.add(new Diagnostic(origin(empty, at + ".config.namespace"), "null -> \"" + value + "\": "
                    + reason));
        }
    }

    /** Adds {@code key: "value"} as the first entry of {@code mapping}, in its style. */
    private void insertFirst(MappingNode mapping, String key, String value) {
        String text = document.text();
        List<NodeTuple> entries = mapping.getValue();
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            String entry = "\"" + key + "\": \"" + value + "\"";
            if (entries.isEmpty()) {
                edits.add(Edit.insert(text, start(mapping), 1, entry));
                return;
            }
            Node first = entries.get(0).getKeyNode();
            boolean ownLine = line(first) > line(mapping);
            edits.add(Edit.insert(text, start(first), 0, entry + (ownLine ? ",\n" + indent(first) : ", ")));
            return;
        }
        Node first = entries.get(0).getKeyNode();
        edits.add(Edit.insert(text, start(first), 0, key + ": \"" + value + "\"\n" + indent(first)));
    }

    private interface ItemVisitor {
        void visit(MappingNode item, String path);
    }

    /** Each mapping in the list under {@code key}; anything else there is a problem. */
    private void eachItem(MappingNode parent, String key, String path, ItemVisitor visitor) {
        Optional<NodeTuple> entry = entry(parent, key);
        if (entry.isEmpty() || isNull(entry.get().getValueNode())) {
            return;
        }
        if (!(entry.get().getValueNode() instanceof SequenceNode list)) {
            problem(entry.get().getValueNode(), path, "must be a list");
            return;
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            if (item instanceof MappingNode mapping) {
                visitor.visit(mapping, path + "[" + i + "]");
            } else {
                problem(item, path + "[" + i + "]", "must be a mapping");
            }
        }
    }

    private static Optional<NodeTuple> entry(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                return Optional.of(tuple);
            }
        }
        return Optional.empty();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Once: services are walked for their routes and for their plugins. */
    private void problem(Node node, String path, String message) {
        Diagnostic problem = new Diagnostic(origin(node, path), message);
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private Origin origin(Node node, String path) {
        Mark mark = node.getStartMark().orElse(null);
        return new Origin(document.name(), mark == null ? 1 : mark.getLine() + 1,
                mark == null ? 1 : mark.getColumn() + 1, path);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0);
    }

    private static String indent(Node node) {
        return " ".repeat(node.getStartMark().map(Mark::getColumn).orElse(0));
    }

    /** Offsets in code points, as the parser counts them. */
    static int start(Node node) {
        return node.getStartMark().map(Mark::getIndex).orElse(0);
    }

    static int end(Node node) {
        return node.getEndMark().map(Mark::getIndex).orElse(start(node));
    }
}
