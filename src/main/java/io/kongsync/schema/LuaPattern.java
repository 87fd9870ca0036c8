package io.kongsync.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Lua 5.1 pattern (Lua 5.1 manual 5.4.1) as {@code string.find(subject, pattern)} applies it, which is how Kong's
 * {@code match}, {@code not_match}, {@code match_all}, {@code match_none} and {@code match_any} validators read theirs.
 * <p>
 * Works on Java chars: an ASCII char behaves as the same byte does in Lua's C locale, and any other char belongs to
 * no class ({@code %a} is false for it, {@code %A} true). A malformed pattern is refused when compiled, with Lua's
 * message, even where Lua itself would only notice once a match attempt reaches the fault.
 */
public final class LuaPattern {

    private static final int MAX_CAPTURES = 32;
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, LuaPattern> CACHE = new ConcurrentHashMap<>();

    private static final int SINGLE = 0, OPEN = 1, POSITION = 2, CLOSE = 3, BALANCE = 4, FRONTIER = 5,
            BACKREF = 6, END = 7;
    private static final int POSITION_LENGTH = -1;

    private final String pattern;
    private final boolean anchored;
    private final Node[] nodes;
    private final int captures;
    /** Set when the pattern is plain text, possibly between anchors: then find is a String comparison. */
    private final String literal;
    private final boolean literalAtEnd;

    private LuaPattern(String pattern) {
        this.pattern = pattern;
        if (isPlain(pattern)) {
            // string.find does a plain search when no special character appears, so even ')' is ordinary text here
            anchored = false;
            nodes = new Node[0];
            captures = 0;
            literal = pattern;
            literalAtEnd = false;
            return;
        }
        // Lua 5.1 reads the pattern as a C string: it ends at the first NUL
        int nul = pattern.indexOf('\0');
        Parser parser = new Parser(nul < 0 ? pattern : pattern.substring(0, nul));
        anchored = parser.anchored;
        nodes = parser.nodes.toArray(new Node[0]);
        captures = parser.captures;
        literal = plainText(nodes);
        literalAtEnd = nodes.length > 0 && nodes[nodes.length - 1].kind == END;
    }

    /** The pattern compiled, from a cache; throws IllegalArgumentException when it is malformed. */
    public static LuaPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        LuaPattern cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        LuaPattern compiled = new LuaPattern(pattern);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(pattern, compiled);
        }
        return compiled;
    }

    public String pattern() {
        return pattern;
    }

    /** Whether {@code string.find(subject, pattern)} finds a match. */
    public boolean find(String subject) {
        if (literal != null) {
            if (anchored) {
                return literalAtEnd ? subject.equals(literal) : subject.startsWith(literal);
            }
            return literalAtEnd ? subject.endsWith(literal) : subject.contains(literal);
        }
        int[] caps = captures == 0 ? null : new int[2 * captures];
        int start = 0;
        do {
            if (match(subject, start, 0, caps) >= 0) {
                return true;
            }
        } while (start++ < subject.length() && !anchored);
        return false;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** The end of a match of nodes[pi..] at s[si..], or -1. Captures live in caps as (start, length) pairs. */
    private int match(String s, int si, int pi, int[] caps) {
        while (pi < nodes.length) {
            Node node = nodes[pi];
            switch (node.kind) {
                case SINGLE -> {
                    boolean one = si < s.length() && node.set.matches(s.charAt(si));
                    switch (node.quantifier) {
                        case '?' -> {
                            if (one) {
                                int end = match(s, si + 1, pi + 1, caps);
                                if (end >= 0) {
                                    return end;
                                }
                            }
                            pi++;
                        }
                        case '*' -> {
                            return longest(s, si, pi, caps);
                        }
                        case '+' -> {
                            return one ? longest(s, si + 1, pi, caps) : -1;
                        }
                        case '-' -> {
                            return shortest(s, si, pi, caps);
                        }
                        default -> {
                            if (!one) {
                                return -1;
                            }
                            si++;
                            pi++;
                        }
                    }
                }
                // A capture's slots are always rewritten on the way to any back-reference that reads them,
                // so a failed branch needs no undo
                case OPEN -> {
                    caps[2 * node.index] = si;
                    pi++;
                }
                case POSITION -> {
                    caps[2 * node.index] = si;
                    caps[2 * node.index + 1] = POSITION_LENGTH;
                    pi++;
                }
                case CLOSE -> {
                    caps[2 * node.index + 1] = si - caps[2 * node.index];
                    pi++;
                }
                case BALANCE -> {
                    si = balanced(s, si, node.open, node.close);
                    if (si < 0) {
                        return -1;
                    }
                    pi++;
                }
                case FRONTIER -> {
                    char previous = si == 0 ? '\0' : s.charAt(si - 1);
                    char current = si < s.length() ? s.charAt(si) : '\0';
                    if (node.set.matches(previous) || !node.set.matches(current)) {
                        return -1;
                    }
                    pi++;
                }
                case BACKREF -> {
                    int from = caps[2 * node.index];
                    int length = caps[2 * node.index + 1];
                    // Lua compares a position capture's length as a huge unsigned number, so it never matches
                    if (length < 0 || s.length() - si < length || !s.regionMatches(si, s, from, length)) {
                        return -1;
                    }
                    si += length;
                    pi++;
                }
                case END -> {
                    return si == s.length() ? si : -1;
                }
                default -> throw new IllegalStateException("node kind " + node.kind);
            }
        }
        return si;
    }

    /** {@code x*} from s[si..]: take as many as match, then give them back one by one. */
    private int longest(String s, int si, int pi, int[] caps) {
        CharSet set = nodes[pi].set;
        int count = 0;
        while (si + count < s.length() && set.matches(s.charAt(si + count))) {
            count++;
        }
        for (; count >= 0; count--) {
            int end = match(s, si + count, pi + 1, caps);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** {@code x-} from s[si..]: try the rest first, taking one more x each time it fails. */
    private int shortest(String s, int si, int pi, int[] caps) {
        CharSet set = nodes[pi].set;
        while (true) {
            int end = match(s, si, pi + 1, caps);
            if (end >= 0) {
                return end;
            }
            if (si < s.length() && set.matches(s.charAt(si))) {
                si++;
            } else {
                return -1;
            }
        }
    }

    /** The end of {@code %bxy} at s[si..], or -1. The close char is tested first, so {@code %bxx} pairs x with the next x. */
    private static int balanced(String s, int si, char open, char close) {
        if (si >= s.length() || s.charAt(si) != open) {
            return -1;
        }
        int depth = 1;
        for (int i = si + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == close) {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == open) {
                depth++;
            }
        }
        return -1;
    }

    /** string.find's test for a plain search: no special char before the first NUL (where C's strpbrk stops). */
    private static boolean isPlain(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\0') {
                return true;
            }
            if ("^$*+?.([%-".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The text of a pattern made only of single literal chars (and a final {@code $}), else null. */
    private static String plainText(Node[] nodes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            if (node.kind == END) {
                continue;
            }
            if (node.kind != SINGLE || node.quantifier != 0 || node.set.literal < 0) {
                return null;
            }
            text.append((char) node.set.literal);
        }
        return text.toString();
    }

    private static final class Node {
        final int kind;
        final CharSet set;
        final char quantifier;
        final int index;
        final char open;
        final char close;

        private Node(int kind, CharSet set, char quantifier, int index, char open, char close) {
            this.kind = kind;
            this.set = set;
            this.quantifier = quantifier;
            this.index = index;
            this.open = open;
            this.close = close;
        }

        static Node single(CharSet set, char quantifier) {
            return new Node(SINGLE, set, quantifier, 0, '\0', '\0');
        }

        static Node of(int kind, CharSet set, int index) {
            return new Node(kind, set, '\0', index, '\0', '\0');
        }

        static Node balance(char open, char close) {
            return new Node(BALANCE, null, '\0', 0, open, close);
        }
    }

    /** Reads a pattern into nodes, checking it the way Lua would while matching. */
    private static final class Parser {
        private final String p;
        private final List<Node> nodes = new ArrayList<>();
        private final List<Boolean> closed = new ArrayList<>();
        private final List<Integer> open = new ArrayList<>();
        private boolean anchored;
        private int captures;

        Parser(String p) {
            this.p = p;
            int i = 0;
            if (p.startsWith("^")) {
                anchored = true;
                i = 1;
            }
            while (i < p.length()) {
                i = item(i);
            }
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("unfinished capture");
            }
        }

        /** Reads the item at i; returns where the next one starts. */
        private int item(int i) {
            char c = p.charAt(i);
            switch (c) {
                case '(' -> {
                    if (captures >= MAX_CAPTURES) {
                        throw new IllegalArgumentException("too many captures");
                    }
                    if (i + 1 < p.length() && p.charAt(i + 1) == ')') {
                        nodes.add(Node.of(POSITION, null, captures++));
                        closed.add(true);
                        return i + 2;
                    }
                    open.add(captures);
                    closed.add(false);
                    nodes.add(Node.of(OPEN, null, captures++));
                    return i + 1;
                }
                case ')' -> {
                    if (open.isEmpty()) {
                        throw new IllegalArgumentException("invalid pattern capture");
                    }
                    int index = open.remove(open.size() - 1);
                    closed.set(index, true);
                    nodes.add(Node.of(CLOSE, null, index));
                    return i + 1;
                }
                case '$' -> {
                    if (i + 1 == p.length()) {
                        nodes.add(Node.of(END, null, 0));
                        return i + 1;
                    }
                }
                case '%' -> {
                    if (i + 1 < p.length()) {
                        char next = p.charAt(i + 1);
                        if (next == 'b') {
                            if (i + 3 >= p.length()) {
                                throw new IllegalArgumentException("unbalanced pattern");
                            }
                            nodes.add(Node.balance(p.charAt(i + 2), p.charAt(i + 3)));
                            return i + 4;
                        }
                        if (next == 'f') {
                            if (i + 2 >= p.length() || p.charAt(i + 2) != '[') {
                                throw new IllegalArgumentException("missing '[' after '%f' in pattern");
                            }
                            int end = classEnd(i + 2);
                            nodes.add(Node.of(FRONTIER, CharSet.bracket(p, i + 2, end - 1), 0));
                            return end;
                        }
                        if (next >= '0' && next <= '9') {
                            int index = next - '1';
                            if (index < 0 || index >= captures || !closed.get(index)) {
                                throw new IllegalArgumentException("invalid capture index");
                            }
                            nodes.add(Node.of(BACKREF, null, index));
                            return i + 2;
                        }
                    }
                }
                default -> {
                }
            }
            int end = classEnd(i);
            CharSet set = c == '[' ? CharSet.bracket(p, i, end - 1)
                    : c == '%' ? CharSet.escaped(p.charAt(i + 1))
                    : c == '.' ? CharSet.ANY
                    : CharSet.literal(c);
            char quantifier = end < p.length() && "?*+-".indexOf(p.charAt(end)) >= 0 ? p.charAt(end) : 0;
            nodes.add(Node.single(set, quantifier));
            return quantifier == 0 ? end : end + 1;
        }

        /** Where the single char class at i ends (exclusive). */
        private int classEnd(int i) {
            char c = p.charAt(i++);
            if (c == '%') {
                if (i >= p.length()) {
                    throw new IllegalArgumentException("malformed pattern (ends with '%')");
                }
                return i + 1;
            }
            if (c != '[') {
                return i;
            }
            if (i < p.length() && p.charAt(i) == '^') {
                i++;
            }
            // The first char is never the closing ']', and '%' hides the char after it
            do {
                if (i >= p.length()) {
                    throw new IllegalArgumentException("malformed pattern (missing ']')");
                }
                if (p.charAt(i++) == '%' && i < p.length()) {
                    i++;
                }
            } while (i >= p.length() || p.charAt(i) != ']');
            return i + 1;
        }
    }

    /** The chars one pattern item accepts: a table for ASCII, the pattern's own items for anything else. */
    private static final class CharSet {
        static final CharSet ANY = new CharSet(new char[0], false, true);

        private final long low;
        private final long high;
        private final char[] ranges;
        private final boolean complementClass;
        private final boolean negated;
        /** The one char this set is, for a plain literal; else -1. */
        final int literal;

        private CharSet(char[] ranges, boolean complementClass, boolean negated) {
            this(ranges, new char[0], complementClass, negated);
        }

        private CharSet(char[] ranges, char[] classes, boolean complementClass, boolean negated) {
            this.ranges = ranges;
            this.complementClass = complementClass;
            this.negated = negated;
            long lo = 0;
            long hi = 0;
            for (char c = 0; c < 128; c++) {
                boolean in = inRanges(ranges, c);
                for (char cl : classes) {
                    in |= classMatches(cl, c);
                }
                if (in != negated) {
                    if (c < 64) {
                        lo |= 1L << c;
                    } else {
                        hi |= 1L << (c - 64);
                    }
                }
            }
            this.low = lo;
            this.high = hi;
            this.literal = !negated && classes.length == 0 && ranges.length == 2 && ranges[0] == ranges[1]
                    ? ranges[0] : -1;
        }

        static CharSet literal(char c) {
            return new CharSet(new char[] {c, c}, false, false);
        }

        /** {@code %x}: a class when x is a class letter, else x itself. */
        static CharSet escaped(char c) {
            if (isClass(c)) {
                return new CharSet(new char[0], new char[] {c}, Character.isUpperCase(c), false);
            }
            return literal(c);
        }

        /** {@code [...]} between p[open] = '[' and p[close] = ']'. */
        static CharSet bracket(String p, int open, int close) {
            boolean negated = p.charAt(open + 1) == '^';
            int i = negated ? open + 1 : open;
            StringBuilder ranges = new StringBuilder();
            StringBuilder classes = new StringBuilder();
            boolean complementClass = false;
            while (++i < close) {
                char c = p.charAt(i);
                if (c == '%') {
                    char x = p.charAt(++i);
                    if (isClass(x)) {
                        classes.append(x);
                        complementClass |= Character.isUpperCase(x);
                    } else {
                        ranges.append(x).append(x);
                    }
                } else if (p.charAt(i + 1) == '-' && i + 2 < close) {
                    ranges.append(c).append(p.charAt(i + 2));
                    i += 2;
                } else {
                    ranges.append(c).append(c);
                }
            }
            return new CharSet(ranges.toString().toCharArray(), classes.toString().toCharArray(), complementClass,
                    negated);
        }

        boolean matches(char c) {
            if (c < 64) {
                return (low & 1L << c) != 0;
            }
            if (c < 128) {
                return (high & 1L << (c - 64)) != 0;
            }
            // Outside ASCII a class letter matches only in its complemented (upper-case) form
            return negated != (complementClass || inRanges(ranges, c));
        }

        private static boolean inRanges(char[] ranges, char c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (ranges[i] <= c && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isClass(char c) {
            return c < 128 && "acdlpsuwxz".indexOf(Character.toLowerCase(c)) >= 0;
        }

        /** A class letter on an ASCII char, as in the C locale. */
        private static boolean classMatches(char cl, char c) {
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            boolean in = switch (Character.toLowerCase(cl)) {
                case 'a' -> lower || upper;
                case 'c' -> c < 32 || c == 127;
                case 'd' -> digit;
                case 'l' -> lower;
                case 'p' -> c > 32 && c < 127 && !lower && !upper && !digit;
                case 's' -> c == ' ' || (c >= '\t' && c <= '\r');
                case 'u' -> upper;
                case 'w' -> lower || upper || digit;
                case 'x' -> digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                case 'z' -> c == 0;
                default -> throw new IllegalStateException("class %" + cl);
            };
            return in != Character.isUpperCase(cl);
        }
    }
}
