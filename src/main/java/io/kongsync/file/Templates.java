package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * decK's {@code ${{ FUNCTION "ARGUMENT" }}} templates in string scalars, substituted in three passes over all files:
 * collect every call, resolve each function's arguments with one {@link TemplateFunction#resolve} call, substitute.
 * Resolved values are secrets: {@link #substitute} returns them all, so that every message can be masked.
 */
final class Templates {

    /** The templates of one file and where its results go. */
    record FileTemplates(String file, List<TemplateRef> refs, List<Diagnostic> diagnostics,
                         Set<String> substitutedPaths) {
    }

    private record Call(String function, String argument) {
    }

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+\"([^\"\\\\]*)\"\\s*");

    private final Map<String, TemplateFunction> functions;

    Templates(Map<String, TemplateFunction> functions) {
        this.functions = functions;
    }

    static boolean containsTemplate(String text) {
        return text.contains("${{");
    }

    /** Substitutes every template and returns every value the functions resolved. */
    Set<String> substitute(List<FileTemplates> files) {
        Map<String, Set<String>> argumentsByFunction = collect(files);
        Map<String, Map<String, String>> resolved = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        argumentsByFunction.forEach((function, arguments) -> {
            try {
                resolved.put(function, Map.copyOf(functions.get(function).resolve(Set.copyOf(arguments))));
            } catch (RuntimeException e) {
                failures.put(function, "template function '" + function + "' failed: " + e.getMessage());
            }
        });
        for (FileTemplates file : files) {
            for (TemplateRef ref : file.refs()) {
                apply(file, ref, resolved, failures);
            }
        }
        Set<String> values = new HashSet<>();
        resolved.values().forEach(byArgument -> values.addAll(byArgument.values()));
        return values;
    }

    /** Pass 1: every usable call's arguments by function, reporting malformed templates and refused calls. */
    private Map<String, Set<String>> collect(List<FileTemplates> files) {
        Map<String, Set<String>> arguments = new LinkedHashMap<>();
        for (FileTemplates file : files) {
            for (TemplateRef ref : file.refs()) {
                List<Call> calls = calls(file, ref);
                for (Call call : calls) {
                    TemplateFunction function = functions.get(call.function());
                    if (function == null) {
                        report(file, ref, "unknown template function '" + call.function() + "' (known: "
                                + String.join(", ", new TreeSet<>(functions.keySet())) + ")");
                        continue;
                    }
                    String refusal = function.rejectArgument(call.argument());
                    if (refusal != null) {
                        report(file, ref, refusal);
                        continue;
                    }
                    arguments.computeIfAbsent(call.function(), f -> new LinkedHashSet<>()).add(call.argument());
                }
            }
        }
        return arguments;
    }

    private List<Call> calls(FileTemplates file, TemplateRef ref) {
        List<Call> calls = new ArrayList<>();
        Matcher template = TEMPLATE.matcher(ref.text());
        while (template.find()) {
            Matcher call = CALL.matcher(template.group(1));
            if (call.matches()) {
                calls.add(new Call(call.group(1), call.group(2)));
            } else {
                report(file, ref, "malformed template '" + template.group() + "': expected ${{ FUNCTION \"ARGUMENT\" }}");
            }
        }
        return calls;
    }

    /** Pass 3: substitutes a scalar when every call in it resolved; otherwise reports what did not. */
    private void apply(FileTemplates file, TemplateRef ref, Map<String, Map<String, String>> resolved,
                       Map<String, String> failures) {
        Matcher template = TEMPLATE.matcher(ref.text());
        StringBuilder out = new StringBuilder();
        Set<String> problems = new LinkedHashSet<>();
        boolean complete = true;
        while (template.find()) {
            String value = valueOf(template.group(1), resolved, failures, problems);
            if (value == null) {
                complete = false;
                continue;
            }
            template.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        problems.forEach(message -> report(file, ref, message));
        if (!complete) {
            return;
        }
        template.appendTail(out);
        String text = out.toString();
        boolean wholeTemplate = TEMPLATE.matcher(ref.text()).matches();
        ref.slot().accept(ref.plain() && wholeTemplate ? CoreScalars.resolvePlain(text) : text);
        file.substitutedPaths().add(ref.path());
    }

    /** The value of one call, or null (malformed and refused calls were reported while collecting). */
    private String valueOf(String inner, Map<String, Map<String, String>> resolved, Map<String, String> failures,
                           Set<String> problems) {
        Matcher call = CALL.matcher(inner);
        if (!call.matches()) {
            return null;
        }
        String function = call.group(1);
        String argument = call.group(2);
        TemplateFunction fn = functions.get(function);
        if (fn == null || fn.rejectArgument(argument) != null) {
            return null;
        }
        if (failures.containsKey(function)) {
            problems.add(failures.get(function));
            return null;
        }
        String value = resolved.getOrDefault(function, Map.of()).get(argument);
        if (value == null) {
            problems.add(fn.unresolvedMessage(argument));
        }
        return value;
    }

    private static void report(FileTemplates file, TemplateRef ref, String message) {
        file.diagnostics().add(new Diagnostic(new Origin(file.file(), ref.line(), ref.column(), ref.path()), message));
    }
}
