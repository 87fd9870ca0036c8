package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * decK-format files as their text and YAML node tree, positions included, read within the same limits as
 * {@link DeckFileReader} but not interpreted: no format version check, no template substitution. For tools that
 * rewrite files (convert) and must keep everything they do not change.
 */
public final class RawYaml {

    /** One file: its name in messages, its path (null for standard input), its text and its root node. */
    public record Document(String name, Path path, String text, Node root) {
    }

    /** The files that could be read, and the problems of those that could not (nothing to rewrite then). */
    public record Documents(List<Document> documents, List<Diagnostic> problems) {
    }

    private RawYaml() {
    }

    public static Documents read(List<Path> sources, ReadOptions options) {
        List<Diagnostic> problems = new ArrayList<>();
        List<Diagnostic> empty = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        for (SourceFinder.Input input : SourceFinder.expand(sources, options.sourceNames(), problems, empty)) {
            read(input, options, problems).ifPresent(documents::add);
        }
        problems.addAll(empty);
        return new Documents(documents, problems);
    }

    /** The problems of {@code text} as a decK file's YAML (none when it parses as one document). */
    public static List<Diagnostic> check(String name, String text, ReadOptions options) {
        List<Diagnostic> problems = new ArrayList<>();
        try {
            DeckFileReader.singleDocument(name, text, options, problems);
        } catch (MarkedYamlEngineException e) {
            problems.add(DeckFileReader.syntaxError(name, e));
        } catch (YamlEngineException e) {
            problems.add(DeckFileReader.fileProblem(name, String.valueOf(e.getMessage())));
        }
        return problems;
    }

    private static java.util.Optional<Document> read(SourceFinder.Input input, ReadOptions options,
                                                     List<Diagnostic> problems) {
        String name = input.name();
        try {
            String text = FileText.read(input, options);
            Node root = DeckFileReader.singleDocument(name, text, options, problems);
            return root == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Document(name, input.path(), text, root));
        } catch (FileText.Refused e) {
            problems.add(e.problem());
        } catch (DepthLimitedParser.TooDeep e) {
            problems.add(new Diagnostic(new Origin(name, e.mark() == null ? 1 : e.mark().getLine() + 1,
                    e.mark() == null ? 1 : e.mark().getColumn() + 1, ""),
                    NodeConverter.tooDeep(options.limits().maxNestingDepth())));
        } catch (MarkedYamlEngineException e) {
            problems.add(DeckFileReader.syntaxError(name, e));
        } catch (YamlEngineException e) {
            problems.add(DeckFileReader.fileProblem(name, String.valueOf(e.getMessage())));
        } catch (IOException e) {
            problems.add(DeckFileReader.fileProblem(name, "cannot read: " + IoErrors.reason(e)));
        }
        return java.util.Optional.empty();
    }
}
