package io.kongsync.file;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads decK-format files (YAML or JSON) exactly and safely: positions for every node, duplicate keys and foreign
 * tags reported, aliases and sizes bounded, one document per file, {@code _format_version: "3.0"} required, and
 * {@code ${{ ... }}} templates substituted in one batch over all files.
 */
public final class DeckFileReader {

    static final String FORMAT_VERSION = "3.0";
    private static final String FORMAT_VERSION_KEY = "_format_version";

    /** A file after parsing, before template substitution; {@code content} is null when it could not be used. */
    private record Parsed(String name, Map<String, Object> content, SourceMap positions,
                          Templates.FileTemplates templates) {
    }

    public ReadResult read(List<Path> sources, ReadOptions options) {
        List<Diagnostic> sourceProblems = new ArrayList<>();
        List<Diagnostic> emptySources = new ArrayList<>();
        // Files parse independently; an ordered parallel stream keeps the result in file order.
        List<Parsed> parsed = SourceFinder.expand(sources, options.sourceNames(), sourceProblems, emptySources).parallelStream()
                .map(input -> parse(input, options))
                .toList();
        List<Templates.FileTemplates> templates = new ArrayList<>();
        for (Parsed p : parsed) {
            templates.add(p.templates());
        }
        MaskingPolicy masking = MaskingPolicy.of(new Templates(options.functionsByName()).substitute(templates));

        List<DeckFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>(sourceProblems);
        for (Parsed p : parsed) {
            List<Diagnostic> fileDiagnostics = p.templates().diagnostics();
            if (p.content() != null) {
                // a 1.x file means other things by the same values (a regex path without '~'): checked as 3.0, its
                // paths would be reported as invalid where the one fix is to convert it
                if (!checkFormatVersion(p, fileDiagnostics)) {
                    files.add(new DeckFile(p.name(), p.content(), p.positions(), p.templates().substitutedPaths()));
                }
            }
            Collections.sort(fileDiagnostics);
            diagnostics.addAll(fileDiagnostics);
        }
        return new ReadResult(files, masking.maskAll(diagnostics), emptySources, masking);
    }

    private Parsed parse(SourceFinder.Input input, ReadOptions options) {
        ReadOptions.Limits limits = options.limits();
        String name = input.name();
        SourceMap positions = new SourceMap(name);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<TemplateRef> refs = new ArrayList<>();
        Templates.FileTemplates templates = new Templates.FileTemplates(name, refs, diagnostics, new HashSet<>());
        Map<String, Object> content = null;
        try {
            Node root = singleDocument(input, options, diagnostics);
            if (root != null) {
                content = rootMapping(root, name, positions, options, diagnostics, refs);
            }
        } catch (FileText.Refused e) {
            diagnostics.add(e.problem());
        } catch (DepthLimitedParser.TooDeep e) {
            diagnostics.add(new Diagnostic(new Origin(name, line(e.mark()), column(e.mark()), ""),
                    NodeConverter.tooDeep(limits.maxNestingDepth())));
        } catch (NodeConverter.AliasExpansionLimitExceeded e) {
            refs.clear();
            diagnostics.add(fileProblem(name, "aliases expand to more than " + limits.maxAliasExpansionNodes()
                    + " nodes (a \"billion laughs\" document?); refusing to read it"));
        } catch (MarkedYamlEngineException e) {
            diagnostics.add(syntaxError(name, e));
        } catch (YamlEngineException e) {
            Mark at = e.getMessage() != null && e.getMessage().contains("Number of aliases") && !input.isStdin()
                    ? AliasLocator.firstAliasBeyond(input.path(), limits.maxAliasesForCollections()).orElse(null)
                    : null;
            diagnostics.add(at == null ? fileProblem(name, engineMessage(e, options))
                    : new Diagnostic(new Origin(name, line(at), column(at), ""), engineMessage(e, options)));
        } catch (StackOverflowError e) {
            diagnostics.add(fileProblem(name, "the document is nested too deeply"));
        } catch (OutOfMemoryError e) {
            diagnostics.add(fileProblem(name, "not enough memory to read this file; split it, or give kongsync more "
                    + "memory (-Xmx)"));
        } catch (IOException e) {
            diagnostics.add(fileProblem(name, "cannot read: " + IoErrors.reason(e)));
        }
        if (content == null) {
            refs.clear();
        }
        return new Parsed(name, content, positions, templates);
    }

    private static Node singleDocument(SourceFinder.Input input, ReadOptions options, List<Diagnostic> diagnostics)
            throws IOException {
        return singleDocument(input.name(), FileText.read(input, options), options, diagnostics);
    }

    /** The one document of {@code text}, composed with positions and within the limits; null (and why) otherwise. */
    static Node singleDocument(String name, String text, ReadOptions options, List<Diagnostic> diagnostics) {
        ReadOptions.Limits limits = options.limits();
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setUseMarks(true)
                .setSchema(new FastCoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(limits.maxAliasesForCollections())
                // the size was checked before reading, in bytes: never more code points than that
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                .build();
        Iterator<Node> documents = new Composer(settings, new DepthLimitedParser(
                new ParserImpl(settings, new StreamReader(settings, text)), limits.maxNestingDepth()));
        if (!documents.hasNext()) {
            diagnostics.add(fileProblem(name, "the file is empty: expected a mapping with "
                    + FORMAT_VERSION_KEY + ": \"" + FORMAT_VERSION + "\""));
            return null;
        }
        Node root = documents.next();
        if (documents.hasNext()) {
            Node second = documents.next();
            diagnostics.add(new Diagnostic(new Origin(name, line(second.getStartMark().orElse(null)),
                    column(second.getStartMark().orElse(null)), ""),
                    "only one YAML document per file is allowed; split the documents into separate files"));
            return null;
        }
        return root;
    }

    private static Map<String, Object> rootMapping(Node root, String name, SourceMap positions, ReadOptions options,
                                                   List<Diagnostic> diagnostics, List<TemplateRef> refs) {
        if (!(root instanceof MappingNode)) {
            diagnostics.add(new Diagnostic(new Origin(name, line(root.getStartMark().orElse(null)),
                    column(root.getStartMark().orElse(null)), ""),
                    "the root of a decK file must be a mapping (with " + FORMAT_VERSION_KEY + ", services, ...)"));
            return null;
        }
        ReadOptions.Limits limits = options.limits();
        Object value = new NodeConverter(name, positions, limits.maxAliasExpansionNodes(), limits.maxNestingDepth(),
                diagnostics, refs).convert(root);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) value;
        return content;
    }

    /** Reports a version other than 3.0; true when the file is a 1.x one, to convert rather than check. */
    private static boolean checkFormatVersion(Parsed file, List<Diagnostic> diagnostics) {
        Map<String, Object> content = file.content();
        if (!content.containsKey(FORMAT_VERSION_KEY)) {
            diagnostics.add(new Diagnostic(file.positions().at(""), FORMAT_VERSION_KEY + " is missing, which decK "
                    + "reads as \"1.1\" (Kong 2.x); kongsync reads \"" + FORMAT_VERSION + "\": " + convertHint(file)));
            return true;
        }
        Object version = content.get(FORMAT_VERSION_KEY);
        if (version instanceof Double d && d == 3.0) {
            // a version, not a number: an unquoted 3.0 means "3.0"
            content.put(FORMAT_VERSION_KEY, FORMAT_VERSION);
            return false;
        }
        if (FORMAT_VERSION.equals(version)) {
            return false;
        }
        boolean secret = file.templates().substitutedPaths().contains(FORMAT_VERSION_KEY);
        String shown = secret ? "" : " \"" + version + "\"";
        diagnostics.add(new Diagnostic(file.positions().at(FORMAT_VERSION_KEY), "unsupported " + FORMAT_VERSION_KEY
                + shown + ": kongsync reads only \"" + FORMAT_VERSION + "\"" + (!secret && isOneDotX(version) ? "; "
                + convertHint(file) : "")));
        return !secret && isOneDotX(version);
    }

    /** Kong 2.x's declarative format versions, both converted by decK's 2.x-to-3.x conversion. */
    private static boolean isOneDotX(Object version) {
        return "1.1".equals(version) || "2.1".equals(version)
                || version instanceof Double d && (d == 1.1 || d == 2.1);
    }

    /** No silent conversion: the file is refused, and the way to convert it named. */
    private static String convertHint(Parsed file) {
        return "convert it with 'kongsync convert -s " + file.name() + " --from 1.1 --to 3.0' (regex paths gain '~')";
    }

    private static String engineMessage(YamlEngineException e, ReadOptions options) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases")) {
            return "the file uses more than " + options.limits().maxAliasesForCollections()
                    + " aliases to mappings or sequences";
        }
        return message;
    }

    static Diagnostic syntaxError(String name, MarkedYamlEngineException e) {
        Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return new Diagnostic(new Origin(name, line(mark), column(mark), ""), problem + context);
    }

    static Diagnostic fileProblem(String name, String message) {
        return new Diagnostic(new Origin(name, 0, 0, ""), message);
    }

    private static int line(Mark mark) {
        return mark == null ? 1 : mark.getLine() + 1;
    }

    private static int column(Mark mark) {
        return mark == null ? 1 : mark.getColumn() + 1;
    }
}
