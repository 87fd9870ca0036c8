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
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads decK-format files (YAML or JSON) exactly and safely: positions for every node, duplicate keys and foreign
 * tags reported, aliases and sizes bounded, one document per file, {@code _format_version: "3.0"} required,
 * {@code ${{ ... }}} templates substituted in the raw text in one batch over all files (positions still those of the
 * file as written), and decK's file-level settings applied ({@link FileExtensions}).
 */
public final class DeckFileReader {

    static final String FORMAT_VERSION = "3.0";
    private static final String FORMAT_VERSION_KEY = "_format_version";

    /** A file's text and the templates in it, before anything is resolved; {@code text} is null when unreadable. */
    private record Scanned(SourceFinder.Input input, String text, Templates.Scan templates,
                           List<Diagnostic> diagnostics) {
    }

    /** A file after substitution and parsing; {@code content} is null when it could not be used. */
    record Parsed(String name, Map<String, Object> content, SourceMap positions, Set<String> substitutedPaths,
                          List<Diagnostic> diagnostics) {
    }

    public ReadResult read(List<Path> sources, ReadOptions options) {
        List<Diagnostic> sourceProblems = new ArrayList<>();
        List<Diagnostic> emptySources = new ArrayList<>();
        // Files are read and parsed independently; ordered parallel streams keep the results in file order.
        List<Scanned> scanned = SourceFinder.expand(sources, options.sourceNames(), sourceProblems, emptySources)
                .parallelStream().map(input -> scan(input, options)).toList();
        Templates templates = new Templates(options.functionsByName());
        List<List<Templates.Action>> actions = new ArrayList<>();
        scanned.forEach(s -> actions.add(s.templates().actions()));
        Templates.Resolution resolution = templates.resolve(actions);
        List<Substituted> substituted = scanned.parallelStream()
                .map(s -> new Substituted(s, s.text() == null ? null
                        : templates.substitute(s.text(), s.templates().actions(), resolution)))
                .toList();
        Set<String> secrets = new HashSet<>(resolution.allValues());
        substituted.forEach(s -> {
            if (s.substitution() != null) {
                secrets.addAll(s.substitution().secrets());
            }
        });
        MaskingPolicy masking = MaskingPolicy.of(secrets);
        List<Parsed> parsed = substituted.parallelStream().map(s -> parse(s, options)).toList();

        List<DeckFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>(sourceProblems);
        List<Parsed> accepted = new ArrayList<>();
        Set<Parsed> acceptedFiles = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parsed p : parsed) {
            // a 1.x file means other things by the same values (a regex path without '~'): checked as 3.0, its
            // paths would be reported as invalid where the one fix is to convert it
            if (p.content() != null && !checkFormatVersion(p, p.diagnostics())) {
                accepted.add(p);
                acceptedFiles.add(p);
            }
        }
        FileExtensions.apply(accepted);
        accepted.forEach(DeckScalars::apply);
        for (Parsed p : parsed) {
            if (acceptedFiles.contains(p)) {
                files.add(new DeckFile(p.name(), p.content(), p.positions(), p.substitutedPaths()));
            }
            List<Diagnostic> fileDiagnostics = new ArrayList<>(p.diagnostics());
            Collections.sort(fileDiagnostics);
            diagnostics.addAll(fileDiagnostics);
        }
        return new ReadResult(files, masking.maskAll(diagnostics), emptySources, masking);
    }

    private record Substituted(Scanned scanned, Templates.Substitution substitution) {
    }

    private static Scanned scan(SourceFinder.Input input, ReadOptions options) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String name = input.name();
        try {
            String text = FileText.read(input, options);
            Templates.Scan templates = Templates.scan(text);
            if (templates.problem() != null) {
                diagnostics.add(new Diagnostic(new Origin(name, templates.line(), templates.column(), ""),
                        templates.problem()));
            }
            return new Scanned(input, text, templates, diagnostics);
        } catch (FileText.Refused e) {
            diagnostics.add(e.problem());
        } catch (OutOfMemoryError e) {
            diagnostics.add(fileProblem(name, "not enough memory to read this file; split it, or give kongsync more "
                    + "memory (-Xmx)"));
        } catch (IOException e) {
            diagnostics.add(fileProblem(name, "cannot read: " + IoErrors.reason(e)));
        }
        return new Scanned(input, null, new Templates.Scan(List.of(), null, 0, 0), diagnostics);
    }

    private Parsed parse(Substituted substituted, ReadOptions options) {
        Scanned scanned = substituted.scanned();
        SourceFinder.Input input = scanned.input();
        ReadOptions.Limits limits = options.limits();
        String name = input.name();
        SourceMap positions = new SourceMap(name);
        List<Diagnostic> diagnostics = new ArrayList<>(scanned.diagnostics());
        Set<String> substitutedPaths = new HashSet<>();
        if (substituted.substitution() == null) {
            return new Parsed(name, null, positions, substitutedPaths, diagnostics);
        }
        SubstitutedText text = substituted.substitution().text();
        Map<Integer, String> templatePaths = new HashMap<>();
        Map<String, Object> content = null;
        try {
            Node root = singleDocument(name, text.text(), options, diagnostics, text);
            if (root != null) {
                content = rootMapping(root, name, positions, options, diagnostics, text, substitutedPaths,
                        templatePaths);
            }
        } catch (DepthLimitedParser.TooDeep e) {
            diagnostics.add(new Diagnostic(at(name, e.mark(), text), NodeConverter.tooDeep(limits.maxNestingDepth())));
        } catch (NodeConverter.AliasExpansionLimitExceeded e) {
            diagnostics.add(fileProblem(name, "aliases expand to more than " + limits.maxAliasExpansionNodes()
                    + " nodes (a \"billion laughs\" document?); refusing to read it"));
        } catch (MarkedYamlEngineException e) {
            diagnostics.add(syntaxError(name, e, text));
        } catch (YamlEngineException e) {
            Mark mark = e.getMessage() != null && e.getMessage().contains("Number of aliases") && !input.isStdin()
                    ? AliasLocator.firstAliasBeyond(input.path(), limits.maxAliasesForCollections()).orElse(null)
                    : null;
            // the locator reads the file as written: its mark needs no mapping
            diagnostics.add(mark == null ? fileProblem(name, engineMessage(e, options))
                    : new Diagnostic(new Origin(name, line(mark), column(mark), ""), engineMessage(e, options)));
        } catch (StackOverflowError e) {
            diagnostics.add(fileProblem(name, "the document is nested too deeply"));
        } catch (OutOfMemoryError e) {
            diagnostics.add(fileProblem(name, "not enough memory to read this file; split it, or give kongsync more "
                    + "memory (-Xmx)"));
        }
        List<Templates.Action> actions = scanned.templates().actions();
        substituted.substitution().problems().forEach((index, messages) -> {
            Templates.Action action = actions.get(index);
            Origin origin = new Origin(name, action.line(), action.column(), templatePaths.getOrDefault(index, ""));
            messages.forEach(message -> diagnostics.add(new Diagnostic(origin, message)));
        });
        return new Parsed(name, content, positions, substitutedPaths, diagnostics);
    }

    /** The one document of {@code text}, composed with positions and within the limits; null (and why) otherwise. */
    static Node singleDocument(String name, String text, ReadOptions options, List<Diagnostic> diagnostics) {
        return singleDocument(name, text, options, diagnostics, SubstitutedText.unchanged(text));
    }

    private static Node singleDocument(String name, String text, ReadOptions options, List<Diagnostic> diagnostics,
                                       SubstitutedText positions) {
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
            diagnostics.add(new Diagnostic(at(name, second.getStartMark().orElse(null), positions),
                    "only one YAML document per file is allowed; split the documents into separate files"));
            return null;
        }
        return root;
    }

    private static Map<String, Object> rootMapping(Node root, String name, SourceMap positions, ReadOptions options,
                                                   List<Diagnostic> diagnostics, SubstitutedText text,
                                                   Set<String> substitutedPaths, Map<Integer, String> templatePaths) {
        if (!(root instanceof MappingNode)) {
            diagnostics.add(new Diagnostic(at(name, root.getStartMark().orElse(null), text),
                    "the root of a decK file must be a mapping (with " + FORMAT_VERSION_KEY + ", services, ...)"));
            return null;
        }
        ReadOptions.Limits limits = options.limits();
        Object value = new NodeConverter(name, positions, limits.maxAliasExpansionNodes(), limits.maxNestingDepth(),
                diagnostics, text, substitutedPaths, templatePaths).convert(root);
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
        boolean secret = file.substitutedPaths().contains(FORMAT_VERSION_KEY);
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
        return new Diagnostic(new Origin(name, line(mark), column(mark), ""), syntaxProblem(e));
    }

    /** A syntax error; when it begins in a substituted value, the template it came from is named too. */
    private static Diagnostic syntaxError(String name, MarkedYamlEngineException e, SubstitutedText text) {
        Origin origin = at(name, e.getProblemMark().or(e::getContextMark).orElse(null), text);
        String hint = "";
        for (Mark mark : List.of(e.getContextMark(), e.getProblemMark()).stream().flatMap(m -> m.stream()).toList()) {
            int offset = text.offset(mark.getLine(), mark.getColumn());
            List<SubstitutedText.Span> spans = text.touching(offset, offset);
            if (!spans.isEmpty() && hint.isEmpty()) {
                Origin template = at(name, mark, text);
                hint = " (the YAML there comes from the value substituted for the template at line " + template.line()
                        + ", column " + template.column() + "; the parser's own words are left out, since they may "
                        + "quote part of that value)";
            }
        }
        // the parser quotes what it found, which inside a substituted value is a piece of a secret that masking
        // cannot recognise (a token without its first character, say)
        return new Diagnostic(origin, (hint.isEmpty() ? syntaxProblem(e) : "invalid YAML") + hint);
    }

    private static String syntaxProblem(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return problem + context;
    }

    /** Where a mark of the parsed text is in the file as written. */
    private static Origin at(String name, Mark mark, SubstitutedText text) {
        if (mark == null) {
            return new Origin(name, 1, 1, "");
        }
        int[] position = text.original(mark.getLine(), mark.getColumn());
        return new Origin(name, position[0], position[1], "");
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
