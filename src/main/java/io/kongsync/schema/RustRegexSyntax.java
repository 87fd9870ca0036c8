package io.kongsync.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Rust {@code regex} crate surely refuses (the engine of Kong's ATC router, which compiles a route's regex
 * paths under the traditional_compatible and expressions router flavors), where PCRE accepts: a {@code {} that opens
 * no counted repetition, escapes Rust does not know ({@code \N}, {@code \o{..}}, {@code \K}, back-references...),
 * look-around, atomic groups, comments, recursion, conditionals and verbs. Only these constructs are judged; anything
 * else is left to Kong, so nothing Kong takes is refused.
 */
final class RustRegexSyntax {

    /** {@code {n}}, {@code {n,}}, {@code {n,m}}; not {@code {,m}}, which the crate's parser takes only when told to. */
    private static final Pattern COUNTED_REPETITION = Pattern.compile("\\{\\d+(?:,\\d*)?}");
    /** Letters Rust takes after a backslash. */
    private static final String ESCAPE_LETTERS = "xuUpPdswDSWaftnrvAzbB";
    /**
     * Group openers Rust refuses (PCRE's group syntax beyond Rust's {@code (?:}, {@code (?<name>}, {@code (?P<name>}
     * and flags), each group named after what it is in PCRE.
     */
    private static final Pattern UNSUPPORTED_GROUP = Pattern.compile(
            "\\(\\?(?:(?<lookaround>[=!]|<[=!])|(?<atomic>>)|(?<branchreset>\\|)|(?<comment>#)|(?<named>')"
                    + "|(?<conditional>\\()|(?<backreference>P=)|(?<recursion>&|P>|R\\)|[+-]?\\d))|(?<verb>\\(\\*)");
    private static final java.util.List<String> GROUP_KINDS = java.util.List.of("lookaround", "atomic", "branchreset",
            "comment", "named", "conditional", "backreference", "recursion", "verb");

    private RustRegexSyntax() {
    }

    /** The construct Rust refuses in {@code regex}, described, or null when none of the judged ones is found. */
    static String problem(String regex) {
        if (Pattern.compile("\\(\\?[a-zA-Z-]*x").matcher(regex).find()) {
            return null; // whitespace-insensitive mode changes what a brace or a '#' means: not judged
        }
        int classDepth = 0;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return null;
                }
                char e = regex.charAt(i + 1);
                if (Character.isDigit(e)) {
                    return "backreferences are not supported";
                }
                if (Character.isLetter(e) && e < 128 && ESCAPE_LETTERS.indexOf(e) < 0) {
                    return "unrecognized escape sequence \\" + e;
                }
                i += 2;
                if ("xuUpPb".indexOf(e) >= 0 && i < regex.length() && regex.charAt(i) == '{') {
                    int close = regex.indexOf('}', i);
                    i = close < 0 ? regex.length() : close + 1;
                }
            } else if (classDepth > 0) {
                if (c == '[' && !regex.startsWith("[:", i)) {
                    classDepth++;
                    i = afterClassOpening(regex, i);
                } else if (c == '[') {
                    int close = regex.indexOf(":]", i);
                    i = close < 0 ? i + 1 : close + 2;
                } else {
                    classDepth -= c == ']' ? 1 : 0;
                    i++;
                }
            } else if (c == '[') {
                classDepth = 1;
                i = afterClassOpening(regex, i);
            } else if (c == '{') {
                Matcher m = COUNTED_REPETITION.matcher(regex).region(i, regex.length());
                if (!m.lookingAt()) {
                    return "a '{' that opens no counted repetition {n}, {n,} or {n,m} (escape a literal one: \\{)";
                }
                i = m.end();
            } else if (c == '(' && unsupportedGroup(regex, i) != null) {
                return unsupportedGroup(regex, i) + " is not supported";
            } else {
                i++;
            }
        }
        return null;
    }

    private static String unsupportedGroup(String regex, int open) {
        Matcher m = UNSUPPORTED_GROUP.matcher(regex).region(open, regex.length());
        if (!m.lookingAt()) {
            return null;
        }
        String kind = GROUP_KINDS.stream().filter(k -> m.group(k) != null).findFirst().orElseThrow();
        return switch (kind) {
            case "lookaround" -> "look-around " + m.group() + "...)";
            case "atomic" -> "an atomic group (?>...)";
            case "branchreset" -> "a branch reset group (?|...)";
            case "comment" -> "a comment (?#...)";
            case "named" -> "a group named with quotes (?'name'...)";
            case "conditional" -> "a conditional group (?(...)...)";
            case "backreference" -> "a backreference (?P=name)";
            case "recursion" -> "recursion or a subroutine call " + m.group();
            default -> "a verb (*...)";
        };
    }

    /** The index after a class's '[', its '^' and a leading ']', which is a literal. */
    private static int afterClassOpening(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        return i < regex.length() && regex.charAt(i) == ']' ? i + 1 : i;
    }
}
