package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one composed YAML document into plain values (maps, lists, core-schema scalars), recording every node's
 * position, collecting template references and reporting duplicate keys, foreign tags and recursive aliases.
 * Aliases are expanded, each expansion counted against a node budget so a "billion laughs" document fails fast.
 */
final class NodeConverter {

    /** Thrown when expanding aliases would produce more nodes than allowed. */
    static final class AliasExpansionLimitExceeded extends RuntimeException {
        AliasExpansionLimitExceeded() {
            super(null, null, false, false);
        }
    }

    private final String file;
    private final SourceMap positions;
    private final int maxExpansionNodes;
    private final int maxDepth;
    private final List<Diagnostic> diagnostics;
    private final SubstitutedText text;
    private final Set<String> substitutedPaths;
    private final Map<Integer, String> templatePaths;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
    private int expansionDepth;
    private int expandedNodes;

    /**
     * @param maxDepth         the deepest nesting of collections, aliases expanded (the parser checks it as written)
     * @param text             the text parsed, to report positions in the file as written and find substituted values
     * @param substitutedPaths receives the paths of scalars that hold (part of) a substituted template
     * @param templatePaths    receives, by template index, the path of the first scalar the template's value is in
     */
    NodeConverter(String file, SourceMap positions, int maxExpansionNodes, int maxDepth, List<Diagnostic> diagnostics,
                  SubstitutedText text, Set<String> substitutedPaths, Map<Integer, String> templatePaths) {
        this.file = file;
        this.positions = positions;
        this.maxExpansionNodes = maxExpansionNodes;
        this.maxDepth = maxDepth;
        this.diagnostics = diagnostics;
        this.text = text;
        this.substitutedPaths = substitutedPaths;
        this.templatePaths = templatePaths;
    }

    static String tooDeep(int maxDepth) {
        return "the document is nested deeper than " + maxDepth + " levels";
    }

    /** The value of the document's root node. */
    Object convert(Node root) {
        Object[] holder = new Object[1];
        convert(root, "", v -> holder[0] = v);
        positions.root(holder[0], line(root), column(root));
        return holder[0];
    }

    private void convert(Node node, String path, Consumer<Object> slot) {
        if (node.isRecursive() || ancestors.contains(node)) {
            report(node, path, "recursive alias: a node may not contain itself");
            slot.accept(null);
            return;
        }
        // every ancestor is a collection, so with this node they are its level of nesting
        if (!(node instanceof ScalarNode) && ancestors.size() + 1 > maxDepth) {
            report(node, path, tooDeep(maxDepth));
            slot.accept(null);
            return;
        }
        boolean expansion = !seen.add(node);
        if (expansion || expansionDepth > 0) {
            if (++expandedNodes > maxExpansionNodes) {
                throw new AliasExpansionLimitExceeded();
            }
        }
        if (expansion) {
            expansionDepth++;
        }
        ancestors.add(node);
        try {
            if (node instanceof MappingNode m) {
                checkTag(m, path);
                slot.accept(mapping(m, path));
            } else if (node instanceof SequenceNode s) {
                checkTag(s, path);
                slot.accept(sequence(s, path));
            } else {
                scalar((ScalarNode) node, path, slot);
            }
        } finally {
            ancestors.remove(node);
            if (expansion) {
                expansionDepth--;
            }
        }
    }

    private Map<String, Object> mapping(MappingNode node, String path) {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> firstLines = new HashMap<>();
        int[] keyPositions = new int[2 * node.getValue().size()];
        int written = 0;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                report(keyNode, path, "mapping keys must be strings");
                continue;
            }
            String key = keyScalar.getValue();
            String childPath = SourceMap.child(path, key);
            int line = line(keyNode);
            Integer firstLine = firstLines.putIfAbsent(key, line);
            if (firstLine != null) {
                report(keyNode, childPath, "duplicate key '" + key + "' (first at line " + firstLine + ")");
                continue;
            }
            checkKeyTag(keyScalar, childPath);
            markSubstituted(keyScalar, childPath);
            keyPositions[2 * written] = line;
            keyPositions[2 * written + 1] = column(keyNode);
            written++;
            Node valueNode = tuple.getValueNode();
            map.put(key, null);
            convert(valueNode, childPath, v -> map.put(key, v));
        }
        positions.container(map, keyPositions);
        return map;
    }

    private List<Object> sequence(SequenceNode node, String path) {
        List<Node> items = node.getValue();
        List<Object> list = new ArrayList<>(items.size());
        int[] itemPositions = new int[2 * items.size()];
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = SourceMap.item(path, i);
            itemPositions[2 * i] = line(item);
            itemPositions[2 * i + 1] = column(item);
            int index = i;
            list.add(null);
            convert(item, itemPath, v -> list.set(index, v));
        }
        positions.container(list, itemPositions);
        return list;
    }

    private void scalar(ScalarNode node, String path, Consumer<Object> slot) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (tag.equals(Tag.ENV_TAG) && node.isPlain()) {
            tag = Tag.STR; // snakeyaml tags plain ${NAME} for its own env feature, which kongsync does not use
        }
        if (!CoreScalars.isCoreTag(tag) || tag.equals(Tag.MAP) || tag.equals(Tag.SEQ)) {
            report(node, path, "unsupported tag " + shown(tag) + ": only the YAML core schema's str, int, float, "
                    + "bool and null are allowed on scalars");
            slot.accept(text);
            return;
        }
        Object value;
        try {
            value = CoreScalars.value(tag, text);
        } catch (IllegalArgumentException e) {
            report(node, path, "value is " + e.getMessage() + " but is tagged " + shown(tag));
            slot.accept(text);
            return;
        }
        slot.accept(value);
        markSubstituted(node, path);
    }

    /** Records the path of a scalar written (partly) by a template; a substituted key makes its value sensitive. */
    private void markSubstituted(ScalarNode node, String path) {
        if (!text.changed()) {
            return;
        }
        Mark startMark = node.getStartMark().orElse(null);
        Mark endMark = node.getEndMark().orElse(null);
        if (startMark == null || endMark == null) {
            return;
        }
        int start = text.offset(startMark.getLine(), startMark.getColumn());
        int end = text.offset(endMark.getLine(), endMark.getColumn());
        for (SubstitutedText.Span span : text.touching(start, end)) {
            templatePaths.putIfAbsent(span.template(), path);
            if (span.resolved()) {
                substitutedPaths.add(path);
            }
        }
    }

    private void checkTag(Node node, String path) {
        Tag expected = node instanceof MappingNode ? Tag.MAP : Tag.SEQ;
        if (!node.getTag().equals(expected)) {
            report(node, path, "unsupported tag " + shown(node.getTag()) + ": only the YAML core schema's map and "
                    + "seq are allowed on collections");
        }
    }

    private void checkKeyTag(ScalarNode key, String path) {
        if (!CoreScalars.isCoreTag(key.getTag()) && !key.getTag().equals(Tag.ENV_TAG)) {
            report(key, path, "unsupported tag " + shown(key.getTag()) + " on a key");
        }
    }

    private static String shown(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    private void report(Node node, String path, String message) {
        diagnostics.add(new Diagnostic(new Origin(file, line(node), column(node), path), message));
    }

    private int line(Node node) {
        Mark mark = node.getStartMark().orElse(null);
        return mark == null ? 1 : text.original(mark.getLine(), mark.getColumn())[0];
    }

    private int column(Node node) {
        Mark mark = node.getStartMark().orElse(null);
        return mark == null ? 1 : text.original(mark.getLine(), mark.getColumn())[1];
    }
}
