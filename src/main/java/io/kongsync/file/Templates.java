package io.kongsync.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * decK's {@code ${{ ... }}} templates, replaced in a file's text before it is parsed (as decK does, so a template may
 * sit anywhere: in a flow sequence, inside double quotes, or produce YAML structure). Three passes over all files:
 * find every action in the raw text (lines that are YAML comments are skipped), resolve each value-reading function's
 * arguments with one {@link TemplateFunction#resolve} call, then evaluate and substitute. The values read, and what
 * each template printed from them (after {@code toInt}, {@code indent} ...), are secrets: they are returned so that
 * every message can be masked.
 */
final class Templates {

    /** decK's conversion functions, beside the value-reading ones ({@code env}, {@code ssm} ...). */
    static final List<String> BUILT_IN = List.of("indent", "toBool", "toFloat", "toInt");
    /** What a template that could not be evaluated is replaced with, so the rest of its file can still be checked. */
    static final String PLACEHOLDER = "unresolved";

    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    /**
     * One {@code ${{ ... }}} action in a file as written.
     *
     * @param malformed why the action is no expression kongsync reads, or null when {@code expression} is set
     */
    record Action(int start, int end, int line, int column, String source, TemplateExpression expression,
                  String malformed) {
    }

    /** A file's actions; {@code problem} (with its line and column) when the text has an unclosed action. */
    record Scan(List<Action> actions, String problem, int line, int column) {
    }

    /** What every value-reading function returned, by function and argument, and the functions that failed. */
    record Resolution(Map<String, Map<String, String>> values, Map<String, String> failures) {

        Set<String> allValues() {
            Set<String> out = new HashSet<>();
            values.values().forEach(byArgument -> out.addAll(byArgument.values()));
            return out;
        }
    }

    /**
     * One file's text with its templates replaced.
     *
     * @param problems by action index: why the action could not be evaluated (it was replaced by {@link #PLACEHOLDER})
     * @param secrets  what the actions that read a value printed
     */
    record Substitution(SubstitutedText text, Map<Integer, Set<String>> problems, Set<String> secrets) {
    }

    private final Map<String, TemplateFunction> functions;

    Templates(Map<String, TemplateFunction> functions) {
        this.functions = functions;
    }

    // ---- pass 1: find ----------------------------------------------------------------------------------------------

    static Scan scan(String text) {
        int first = text.indexOf(OPEN);
        if (first < 0) {
            return new Scan(List.of(), null, 0, 0);
        }
        int[] lineStarts = SubstitutedText.lineStarts(text);
        List<Action> actions = new ArrayList<>();
        for (int i = first; i >= 0; i = text.indexOf(OPEN, i)) {
            if (onCommentLine(text, i)) {
                i += OPEN.length();
                continue;
            }
            int[] position = SubstitutedText.lineAndColumn(text, lineStarts, i);
            int close = closing(text, i + OPEN.length());
            if (close < 0) {
                return new Scan(actions, "unclosed template: '" + OPEN + "' without '" + CLOSE + "'",
                        position[0], position[1]);
            }
            String inner = text.substring(i + OPEN.length(), close);
            TemplateExpression expression = null;
            String malformed = null;
            try {
                expression = TemplateExpression.parse(inner);
            } catch (TemplateExpression.Malformed e) {
                malformed = e.getMessage();
            }
            int end = close + CLOSE.length();
            actions.add(new Action(i, end, position[0], position[1], text.substring(i, end), expression, malformed));
            i = end;
        }
        return new Scan(actions, null, 0, 0);
    }

    /** decK leaves templates on YAML comment lines alone. */
    private static boolean onCommentLine(String text, int at) {
        boolean comment = false;
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (!Character.isWhitespace(c)) {
                comment = c == '#';
            }
        }
        return comment;
    }

    /** The index of the {@code }}} that ends an action, skipping quoted strings; -1 when there is none. */
    private static int closing(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("\"", i + 1)) {
                int end = text.indexOf("\\\"", i + 2);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith(CLOSE, i)) {
                return i;
            }
        }
        return -1;
    }

    // ---- pass 2: resolve -------------------------------------------------------------------------------------------

    /** Calls each value-reading function once, with every argument used in all files. */
    Resolution resolve(List<List<Action>> files) {
        Map<String, Set<String>> arguments = new LinkedHashMap<>();
        for (List<Action> actions : files) {
            for (Action action : actions) {
                if (action.expression() != null) {
                    collect(action.expression(), arguments);
                }
            }
        }
        Map<String, Map<String, String>> values = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        arguments.forEach((function, used) -> {
            try {
                values.put(function, Map.copyOf(functions.get(function).resolve(Set.copyOf(used))));
            } catch (RuntimeException e) {
                failures.put(function, "template function '" + function + "' failed: " + e.getMessage());
            }
        });
        return new Resolution(values, failures);
    }

    private void collect(TemplateExpression expression, Map<String, Set<String>> arguments) {
        if (!(expression instanceof TemplateExpression.Call call)) {
            return;
        }
        TemplateFunction function = functions.get(call.function());
        String argument = singleQuoted(call);
        if (function != null && argument != null && function.rejectArgument(argument) == null) {
            arguments.computeIfAbsent(call.function(), f -> new LinkedHashSet<>()).add(argument);
        }
        call.arguments().forEach(a -> collect(a, arguments));
    }

    private static String singleQuoted(TemplateExpression.Call call) {
        return call.arguments().size() == 1 && call.arguments().get(0) instanceof TemplateExpression.Literal l
                && l.value() instanceof String s ? s : null;
    }

    // ---- pass 3: evaluate and substitute ---------------------------------------------------------------------------

    Substitution substitute(String original, List<Action> actions, Resolution resolution) {
        if (actions.isEmpty()) {
            return new Substitution(SubstitutedText.unchanged(original), Map.of(), Set.of());
        }
        StringBuilder out = new StringBuilder(original.length());
        List<SubstitutedText.Span> spans = new ArrayList<>();
        Map<Integer, Set<String>> problems = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        int copied = 0;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            out.append(original, copied, action.start());
            Set<String> actionProblems = new LinkedHashSet<>();
            String value = null;
            if (action.malformed() != null) {
                actionProblems.add("malformed template '" + action.source() + "': " + action.malformed()
                        + "; expected ${{ FUNCTION \"ARGUMENT\" }}, optionally piped on (| toInt)");
            } else {
                boolean[] readsValue = new boolean[1];
                Object result = evaluate(action.expression(), resolution, actionProblems, readsValue);
                if (result != null && actionProblems.isEmpty()) {
                    value = GoValues.render(result);
                    if (readsValue[0]) {
                        secrets.add(value);
                    }
                }
            }
            boolean resolved = value != null;
            if (!resolved) {
                problems.put(i, actionProblems);
                value = PLACEHOLDER;
            }
            int start = out.length();
            out.append(value);
            spans.add(new SubstitutedText.Span(start, out.length(), action.start(), action.end(), i, resolved));
            copied = action.end();
        }
        out.append(original, copied, original.length());
        return new Substitution(new SubstitutedText(original, out.toString(), spans), problems, secrets);
    }

    /** The value of an expression, or null with the reason in {@code problems}. */
    private Object evaluate(TemplateExpression expression, Resolution resolution, Set<String> problems,
                            boolean[] readsValue) {
        if (expression instanceof TemplateExpression.Literal literal) {
            return literal.value();
        }
        TemplateExpression.Call call = (TemplateExpression.Call) expression;
        TemplateFunction function = functions.get(call.function());
        if (function != null) {
            readsValue[0] = true;
            return read(function, call, resolution, problems);
        }
        if (!BUILT_IN.contains(call.function())) {
            Set<String> known = new TreeSet<>(functions.keySet());
            known.addAll(BUILT_IN);
            problems.add("unknown template function '" + call.function() + "' (known: " + String.join(", ", known)
                    + ")");
            return null;
        }
        List<Object> arguments = new ArrayList<>();
        for (TemplateExpression argument : call.arguments()) {
            Object value = evaluate(argument, resolution, problems, readsValue);
            if (value == null) {
                return null;
            }
            arguments.add(value);
        }
        return convert(call, arguments, problems);
    }

    private Object read(TemplateFunction function, TemplateExpression.Call call, Resolution resolution,
                        Set<String> problems) {
        String name = call.function();
        String argument = singleQuoted(call);
        if (argument == null) {
            problems.add(name + " takes one quoted argument: ${{ " + name + " \"NAME\" }}");
            return null;
        }
        String refusal = function.rejectArgument(argument);
        if (refusal != null) {
            problems.add(refusal);
            return null;
        }
        if (resolution.failures().containsKey(name)) {
            problems.add(resolution.failures().get(name));
            return null;
        }
        String value = resolution.values().getOrDefault(name, Map.of()).get(argument);
        if (value == null) {
            problems.add(function.unresolvedMessage(argument));
        }
        return value;
    }

    /** decK's conversions; a message names the expression, never the value (it may be a secret). */
    private static Object convert(TemplateExpression.Call call, List<Object> arguments, Set<String> problems) {
        String name = call.function();
        if (name.equals("indent")) {
            if (arguments.size() != 2 || !(arguments.get(0) instanceof Long spaces) || spaces < 0
                    || !(arguments.get(1) instanceof String text)) {
                problems.add("indent takes a number of spaces and a text: ${{ env \"DECK_NAME\" | indent 4 }}");
                return null;
            }
            return text.replace("\n", "\n" + " ".repeat((int) Math.min(spaces, 1000)));
        }
        if (arguments.size() != 1 || !(arguments.get(0) instanceof String text)) {
            problems.add(name + " takes one text, e.g. ${{ env \"DECK_NAME\" | " + name + " }}");
            return null;
        }
        Object value = switch (name) {
            case "toInt" -> GoValues.toInt(text);
            case "toBool" -> GoValues.toBool(text);
            default -> GoValues.toFloat(text);
        };
        if (value == null) {
            String what = switch (name) {
                case "toInt" -> "an integer";
                case "toBool" -> "a boolean (true, false, 1, 0, t, f)";
                default -> "a number";
            };
            problems.add(name + ": " + TemplateExpression.describe(call.arguments().get(0)) + " is not " + what);
        }
        return value;
    }
}
