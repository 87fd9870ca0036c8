package io.kongsync.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites PCRE2 10.44 syntax (Kong's regex engine) that Java's engine reads otherwise or not at all into Java syntax
 * that compiles the same way, so that Java can stand in for PCRE when judging whether a regex compiles. Only compiling
 * is at stake, never matching: a rewritten construct may match other text.
 * <ul>
 *   <li>a {@code {} that does not open a quantifier is a literal; {@code {,m}} is a quantifier ({@code {0,m}});
 *   spaces and tabs inside braces go;</li>
 *   <li>{@code (?#...)} comments go; leading option settings such as {@code (*UCP)} go; backtracking verbs and
 *   alphabetic assertions become Java groups;</li>
 *   <li>{@code \o{...}} is an octal character, {@code \N} any character but a newline, {@code \p{Greek}} a script,
 *   {@code \p{L&}} a cased letter;</li>
 *   <li>in a character class, {@code [} and {@code &} are literals and {@code [:alpha:]} is a POSIX class.</li>
 * </ul>
 */
final class PcreSyntax {

    private static final Pattern QUANTIFIER = Pattern.compile(
            "\\{[ \\t]*(?:(\\d+)[ \\t]*(?:(,)[ \\t]*(\\d*)[ \\t]*)?|,[ \\t]*(\\d+)[ \\t]*)}");
    private static final Pattern START_OPTION = Pattern.compile(
            "\\(\\*(?:UTF8?|UCP|CR|LF|CRLF|ANYCRLF|ANY|NUL|BSR_ANYCRLF|BSR_UNICODE|NO_AUTO_POSSESS|NO_DOTSTAR_ANCHOR"
                    + "|NO_JIT|NO_START_OPT|NOTEMPTY|NOTEMPTY_ATSTART|LIMIT_(?:MATCH|DEPTH|HEAP|RECURSION)=\\d+)\\)");
    private static final Pattern VERB = Pattern.compile(
            "\\(\\*(?:(?:ACCEPT|FAIL|F|COMMIT|PRUNE|SKIP|THEN)(?::[^)]*)?|(?:MARK)?:[^)]*)\\)");
    private static final Pattern ALPHA_ASSERTION = Pattern.compile("\\(\\*([a-z_]+):");
    private static final Map<String, String> ALPHA_ASSERTIONS = Map.ofEntries(
            Map.entry("pla", "(?="), Map.entry("positive_lookahead", "(?="),
            Map.entry("nla", "(?!"), Map.entry("negative_lookahead", "(?!"),
            Map.entry("plb", "(?<="), Map.entry("positive_lookbehind", "(?<="),
            Map.entry("nlb", "(?<!"), Map.entry("negative_lookbehind", "(?<!"),
            Map.entry("napla", "(?="), Map.entry("non_atomic_positive_lookahead", "(?="),
            Map.entry("naplb", "(?<="), Map.entry("non_atomic_positive_lookbehind", "(?<="),
            Map.entry("atomic", "(?>"), Map.entry("sr", "(?:"), Map.entry("script_run", "(?:"),
            Map.entry("asr", "(?>"), Map.entry("atomic_script_run", "(?>"));
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alpha", "Alpha"), Map.entry("digit", "Digit"), Map.entry("alnum", "Alnum"),
            Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
            Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
            Map.entry("word", "Alnum"), Map.entry("xdigit", "XDigit"));
    /** PCRE's own property names, each with a Java property that compiles alike. */
    private static final Map<String, String> PCRE_PROPERTIES = Map.of(
            "l&", "LC", "lc", "LC", "any", "L", "xan", "L", "xps", "L", "xsp", "L", "xwd", "L", "xuc", "L");

    private static final java.util.Set<String> GENERAL_CATEGORIES = java.util.Set.of("c", "cc", "cf", "cn", "co",
            "cs", "l", "ll", "lm", "lo", "lt", "lu", "m", "mc", "me", "mn", "n", "nd", "nl", "no", "p", "pc", "pd",
            "pe", "pf", "pi", "po", "ps", "s", "sc", "sk", "sm", "so", "z", "zl", "zp", "zs");

    private PcreSyntax() {
    }

    static String toJava(String pcre) {
        StringBuilder out = new StringBuilder(pcre.length() + 8);
        int i = 0;
        for (Matcher m = START_OPTION.matcher(pcre); m.find(i) && m.start() == i; ) {
            i = m.end();
        }
        boolean inClass = false;
        while (i < pcre.length()) {
            char c = pcre.charAt(i);
            if (c == '\\') {
                i = escape(pcre, i, out);
            } else if (inClass) {
                i = classCharacter(pcre, i, out);
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                out.append('[');
                i++;
                if (i < pcre.length() && pcre.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < pcre.length() && pcre.charAt(i) == ']') {
                    out.append("\\]"); // a ']' first in a class is a literal
                    i++;
                }
            } else if (c == '{') {
                Matcher q = QUANTIFIER.matcher(pcre).region(i, pcre.length());
                if (q.lookingAt()) {
                    out.append('{').append(q.group(4) != null ? "0," + q.group(4)
                            : q.group(1) + (q.group(2) != null ? "," + q.group(3) : "")).append('}');
                    i = q.end();
                } else {
                    out.append("\\{");
                    i++;
                }
            } else if (pcre.startsWith("(?#", i)) {
                int close = pcre.indexOf(')', i);
                i = close < 0 ? pcre.length() : close + 1;
                if (close < 0) {
                    out.append("(?#"); // an unterminated comment is an error in PCRE too
                }
            } else if (pcre.startsWith("(*", i)) {
                i = verb(pcre, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** One escape at {@code i} (outside or inside a class); returns the index after it. */
    private static int escape(String pcre, int i, StringBuilder out) {
        if (i + 1 >= pcre.length()) {
            out.append('\\');
            return i + 1;
        }
        char e = pcre.charAt(i + 1);
        int braceEnd = i + 2 < pcre.length() && pcre.charAt(i + 2) == '{' ? pcre.indexOf('}', i + 3) : -1;
        // PCRE2 10.43+ allows spaces and tabs around what braces hold; Java does not
        String braced = braceEnd > 0 ? pcre.substring(i + 3, braceEnd).strip() : null;
        switch (e) {
            case 'Q' -> {
                int end = pcre.indexOf("\\E", i + 2);
                int stop = end < 0 ? pcre.length() : end + 2;
                out.append(pcre, i, stop);
                return stop;
            }
            case 'o' -> {
                if (braceEnd > 0 && braced.matches("[0-7]+")) {
                    out.append("\\x{").append(new java.math.BigInteger(braced, 8).toString(16)).append('}');
                    return braceEnd + 1;
                }
            }
            case 'N' -> {
                if (braceEnd < 0) {
                    out.append("[^\\n]");
                    return i + 2;
                }
            }
            case 'p', 'P' -> {
                if (braceEnd > 0) {
                    out.append(property(e, braced));
                    return braceEnd + 1;
                }
            }
            case 'c' -> {
                if (i + 2 < pcre.length()) {
                    out.append(pcre, i, i + 3); // a control character: the next character is its name, not syntax
                    return i + 3;
                }
            }
            case 'x', 'g', 'k' -> {
                if (braceEnd > 0) {
                    out.append(pcre, i, i + 3).append(braced).append('}');
                    return braceEnd + 1;
                }
            }
            default -> {
                // copied below
            }
        }
        out.append(pcre, i, i + 2);
        return i + 2;
    }

    /** One character of a class at {@code i}, not an escape; returns the index after what it consumed. */
    private static int classCharacter(String pcre, int i, StringBuilder out) {
        char c = pcre.charAt(i);
        if (c == '[' && pcre.startsWith("[:", i)) {
            int end = pcre.indexOf(":]", i + 2);
            if (end > 0) {
                String name = pcre.substring(i + 2, end);
                boolean negated = name.startsWith("^");
                String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                if (java != null) {
                    out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
                    return end + 2;
                }
            }
        }
        if (c == '[' || c == '&') {
            out.append('\\').append(c); // Java reads these as a nested class or an intersection
        } else {
            out.append(c);
        }
        return i + 1;
    }

    /** {@code (*...)} at {@code i}: a verb or an alphabetic assertion as Java's equivalent; returns the index after. */
    private static int verb(String pcre, int i, StringBuilder out) {
        Matcher v = VERB.matcher(pcre).region(i, pcre.length());
        if (v.lookingAt()) {
            out.append("(?:)");
            return v.end();
        }
        Matcher a = ALPHA_ASSERTION.matcher(pcre).region(i, pcre.length());
        if (a.lookingAt() && ALPHA_ASSERTIONS.containsKey(a.group(1))) {
            out.append(ALPHA_ASSERTIONS.get(a.group(1)));
            return a.end();
        }
        out.append("(*");
        return i + 2;
    }

    /**
     * {@code \p{name}} as Java takes it: Java's own name, or a script (Java wants {@code IsGreek} for PCRE's
     * {@code Greek}), or one of PCRE's own names; a name neither knows is left for Java to refuse.
     */
    private static String property(char p, String name) {
        boolean negated = name.startsWith("^");
        String bare = negated ? name.substring(1) : name;
        char kind = negated ? (p == 'p' ? 'P' : 'p') : p;
        String script = bare.replaceFirst("(?i)^(?:sc|scx|script|script_extensions)\\s*[:=]\\s*", "");
        String loose = bare.toLowerCase(Locale.ROOT).replaceAll("[ _-]", "");
        for (String candidate : new String[] {bare, "Is" + script, PCRE_PROPERTIES.get(loose), looseName(script)}) {
            if (candidate != null && compiles("\\p{" + candidate + "}")) {
                return "\\" + kind + "{" + candidate + "}";
            }
        }
        return "\\" + kind + "{" + bare + "}";
    }

    /**
     * PCRE2 matches property names loosely (any case, spaces, hyphens and underscores ignored): the general category
     * or script so named, as Java names it, or null.
     */
    private static String looseName(String name) {
        String loose = name.toLowerCase(Locale.ROOT).replaceAll("[ _-]", "");
        if (GENERAL_CATEGORIES.contains(loose)) {
            return loose.length() == 1 ? loose.toUpperCase(Locale.ROOT)
                    : Character.toUpperCase(loose.charAt(0)) + loose.substring(1);
        }
        for (Character.UnicodeScript script : Character.UnicodeScript.values()) {
            if (script.name().toLowerCase(Locale.ROOT).replace("_", "").equals(loose)) {
                return "Is" + script.name();
            }
        }
        return null;
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
