package io.kongsync.file;

import java.util.ArrayList;
import java.util.List;

/**
 * The inside of one {@code ${{ ... }}} action, in the part of Go's template language decK's files use: function
 * calls with quoted string and number arguments, pipelines ({@code env "DECK_PORT" | toInt}, the piped value being
 * the last argument) and parenthesised sub-expressions ({@code indent 4 (env "DECK_CERT")}).
 */
sealed interface TemplateExpression {

    /** A quoted string, a number ({@code Long} or {@code Double}) or {@code true}/{@code false}. */
    record Literal(Object value) implements TemplateExpression {
    }

    record Call(String function, List<TemplateExpression> arguments) implements TemplateExpression {

        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** Thrown for text that is no expression of this language; the message says what was expected. */
    final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Go's template control words: decK's files have no data to range over, so kongsync does not read them. */
    List<String> CONTROL_WORDS = List.of("if", "else", "end", "range", "with", "define", "template", "block",
            "break", "continue", "nil");

    static TemplateExpression parse(String inner) {
        Parser parser = new Parser(inner);
        TemplateExpression expression = parser.pipeline();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw new Malformed("unexpected '" + parser.rest() + "'");
        }
        return expression;
    }

    /** A short, value-free rendering for messages: {@code env "DECK_PORT"}. */
    static String describe(TemplateExpression expression) {
        if (expression instanceof Literal l) {
            return l.value() instanceof String s ? '"' + s + '"' : String.valueOf(l.value());
        }
        Call call = (Call) expression;
        StringBuilder out = new StringBuilder(call.function());
        for (TemplateExpression argument : call.arguments()) {
            out.append(' ');
            out.append(argument instanceof Call ? "(" + describe(argument) + ")" : describe(argument));
        }
        return out.toString();
    }

    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        String rest() {
            return text.substring(at).strip();
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        TemplateExpression pipeline() {
            TemplateExpression value = command();
            skipSpace();
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                TemplateExpression next = command();
                if (!(next instanceof Call call)) {
                    throw new Malformed("a value cannot be piped into a constant: expected a function after '|'");
                }
                List<TemplateExpression> arguments = new ArrayList<>(call.arguments());
                arguments.add(value);
                value = new Call(call.function(), arguments);
                skipSpace();
            }
            return value;
        }

        private TemplateExpression command() {
            List<Object> operands = new ArrayList<>();
            while (true) {
                skipSpace();
                if (atEnd() || text.charAt(at) == '|' || text.charAt(at) == ')') {
                    break;
                }
                operands.add(operand());
            }
            if (operands.isEmpty()) {
                throw new Malformed(atEnd() ? "an empty expression" : "expected a function or a value before '"
                        + text.charAt(at) + "'");
            }
            if (operands.get(0) instanceof String function) {
                List<TemplateExpression> arguments = new ArrayList<>();
                for (Object operand : operands.subList(1, operands.size())) {
                    arguments.add(operand instanceof String name ? new Call(name, List.of()) : (TemplateExpression) operand);
                }
                return new Call(function, arguments);
            }
            if (operands.size() > 1) {
                throw new Malformed("a constant cannot take arguments: " + describe((TemplateExpression) operands.get(0)));
            }
            return (TemplateExpression) operands.get(0);
        }

        /** A function name (a String) or an expression. */
        private Object operand() {
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                TemplateExpression inner = pipeline();
                skipSpace();
                if (atEnd() || text.charAt(at) != ')') {
                    throw new Malformed("unclosed '('");
                }
                at++;
                return inner;
            }
            if (c == '"') {
                return new Literal(quoted());
            }
            if (c == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                // a template inside a JSON string, its quotes escaped for JSON: \"DECK_HOST\"
                int close = text.indexOf("\\\"", at + 2);
                if (close < 0) {
                    throw new Malformed("unterminated quoted string");
                }
                String value = text.substring(at + 2, close);
                at = close + 2;
                return new Literal(value);
            }
            if (c == '`') {
                int close = text.indexOf('`', at + 1);
                if (close < 0) {
                    throw new Malformed("unterminated raw string");
                }
                String raw = text.substring(at + 1, close);
                at = close + 1;
                return new Literal(raw);
            }
            if (Character.isDigit(c) || (c == '-' || c == '+') && at + 1 < text.length()
                    && Character.isDigit(text.charAt(at + 1))) {
                return new Literal(number());
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String word = text.substring(start, at);
                if (word.equals("true") || word.equals("false")) {
                    return new Literal(Boolean.parseBoolean(word));
                }
                if (CONTROL_WORDS.contains(word)) {
                    throw new Malformed("'" + word + "' is a template control word kongsync does not read");
                }
                return word;
            }
            throw new Malformed("unexpected '" + c + "' (variables, fields and other Go template syntax are not read)");
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\\' && at < text.length()) {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '\\', '"', '\'' -> out.append(e);
                        default -> throw new Malformed("unknown escape '\\" + e + "' in a quoted string");
                    }
                } else {
                    out.append(c);
                }
            }
            throw new Malformed("unterminated quoted string");
        }

        private Object number() {
            int start = at;
            at++;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.'
                    || (text.charAt(at) == '-' || text.charAt(at) == '+')
                    && (text.charAt(at - 1) == 'e' || text.charAt(at - 1) == 'E'))) {
                at++;
            }
            String literal = text.substring(start, at);
            try {
                return literal.matches("[-+]?[0-9]+") ? (Object) Long.parseLong(literal) : (Object) Double.parseDouble(
                        GoValues.requireDecimalFloat(literal));
            } catch (NumberFormatException e) {
                throw new Malformed("'" + literal + "' is not a number");
            }
        }
    }
}
