package io.kongsync.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong's shared typedefs (kong/db/schema/typedefs.lua) as checks, with Kong's messages. Each check passes values of
 * other types: type errors are reported by the validator before constraints run.
 */
public final class Typedefs {

    /** The characters of a path RFC 3986 allows, '%' included. */
    private static final Pattern RFC3986 = Pattern.compile("[a-zA-Z0-9.\\-_~/%!$&'()*+,;=:@]*");

    private Typedefs() {
    }

    /** ASCII alphanumerics plus {@code . - _ ~}, or any non-ASCII UTF-8 (service, route and plugin instance names). */
    public static final Check UTF8_NAME = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 127 || Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~';
            if (!ok) {
                return "invalid value '" + s + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
            }
        }
        return null;
    };

    /** A host name or IP address without a port. */
    public static final Check HOST = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        HostNames.Address a = HostNames.parse(s);
        if (a == null) {
            return "invalid value: " + s;
        }
        return a.port() != null ? "must not have a port" : null;
    };

    /** A host name or IP address with an optional port (upstream {@code host_header}). */
    public static final Check HOST_WITH_OPTIONAL_PORT = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        HostNames.Address a = HostNames.parse(s);
        return a == null || (a.port() != null && a.port() < 0) ? "invalid value: " + s : null;
    };

    /** A server name: a host name, not an IP address, without a port. */
    public static final Check SNI = v -> v instanceof String s ? sni(s) : null;

    /** An element of a route's {@code hosts}: at most one {@code *}, in the leftmost or rightmost label; port allowed. */
    public static final Check HOSTS_ELEMENT = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        String wildcard = wildcard(s);
        if (wildcard != null) {
            return wildcard;
        }
        return HOST_WITH_OPTIONAL_PORT.test(s.replace("*", "wildcard")) == null ? null : "invalid value: " + s;
    };

    /** An SNI with at most one {@code *}, as its first or last character (certificate SNIs, {@code snis}, routes' snis). */
    public static final Check WILDCARD_SNI = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        // Kong's validate_wildcard_host: the '*' must be the first or last character, not a whole label
        int star = s.indexOf('*');
        if (star > 0 && star != s.length() - 1) {
            return "wildcard must be leftmost or rightmost character";
        }
        if (star >= 0 && star != s.lastIndexOf('*')) {
            return "only one wildcard must be specified";
        }
        String error = sni(s.replace("*", "wildcard"));
        return error == null ? null : error.startsWith("invalid value") ? "invalid value: " + s : error;
    };

    /** A header name: {@code ^[a-zA-Z0-9-_]+$} (kong/tools/http.lua). */
    public static final Check HEADER_NAME = v -> v instanceof String s && !isHeaderName(s)
            ? "bad header name '" + s + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'"
            : null;

    public static final Check IP_OR_CIDR = v -> v instanceof String s && !isIpOrCidr(s)
            ? "invalid ip or cidr range: '" + s + "'"
            : null;

    /** Uppercase letters only ({@code ^%u+$}). */
    public static final Check HTTP_METHOD = v -> v instanceof String s && !s.matches("[A-Z]+") ? "invalid value: " + s : null;

    /** Printable ASCII except {@code ,} and {@code /}, or valid UTF-8 (space is allowed since Kong 3.0). */
    public static final Check TAG = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 127 ? !Character.isSurrogate(c) || validSurrogatePair(s, i) : c >= 32 && c < 127 && c != ',' && c != '/';
            if (!ok) {
                return "invalid tag '" + s + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";
            }
        }
        return null;
    };

    /** Kong's {@code is_regex} rule. Java's regex engine stands in for PCRE: the dialects differ only at the edges. */
    public static final Check REGEX = v -> v instanceof String s && regexError(s) != null ? "not a valid regex: " + s : null;

    /** A URL with a scheme and a host, as LuaSocket's parser reads it. */
    public static final Check URL = v -> v instanceof String s ? urlError(s) : null;

    /** A service path: starts with {@code /}, no empty segment, RFC 3986 characters only, valid %-escapes. */
    public static final Check PATH = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        if (!s.startsWith("/")) {
            return "should start with: /";
        }
        if (s.contains("//")) {
            return "must not have empty segments";
        }
        return pathCharactersError(s);
    };

    /**
     * A route path: a literal prefix starting with {@code /} (in normalized form, no empty segment), or a regex
     * starting with {@code ~/} that compiles. Java's regex engine stands in for PCRE. Unlike a service path, characters
     * outside RFC 3986 are accepted: Kong's router-path check drops that complaint and keeps only bad %-escapes, which
     * it looks for only in a plain path made of RFC 3986 characters.
     */
    public static final Check ROUTE_PATH = v -> {
        if (!(v instanceof String s)) {
            return null;
        }
        if (!s.startsWith("/") && !s.startsWith("~/")) {
            return "should start with: / (fixed path) or ~/ (regex path)";
        }
        if (s.startsWith("~")) {
            String regex = s.substring(1);
            String error = regexError(regex);
            return error == null ? null : "invalid regex: '" + regex + "' (PCRE returned: " + error + ")";
        }
        if (s.contains("//")) {
            return "must not have empty segments";
        }
        // Kong's path check stops at the first complaint, and only its %-escape complaint counts here: a path with
        // characters outside RFC 3986 (as every regex path has) is never checked for %-escapes
        String error = RFC3986.matcher(s).matches() ? percentEncodingError(s) : null;
        if (error != null) {
            return error;
        }
        String normalized = PathNormalizer.normalize(s);
        return normalized.equals(s) ? null : "non-normalized path, consider use '" + normalized + "' instead";
    };

    // ---- helpers --------------------------------------------------------------------------------------------------

    static boolean isHeaderName(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    static boolean isIpOrCidr(String s) {
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        boolean v4 = HostNames.isIpv4(ip);
        // Kong's IP matcher takes an IPv6 address in brackets too, as URLs write one
        String v6 = ip.length() > 1 && ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (!v4 && !HostNames.isIpv6(v6)) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(bits) <= (v4 ? 32 : 128);
    }

    /** PCRE's ways to name a group or refer to one by name; Java knows only {@code (?<name>)} and {@code \k<name>}. */
    private static final Pattern PCRE_GROUP_NAME = Pattern.compile(
            "\\(\\?(?:P?<(?![=!])|')([A-Za-z_][A-Za-z0-9_]*)[>']"
                    + "|\\\\k(?:<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)'|\\{([A-Za-z_][A-Za-z0-9_]*)})"
                    + "|\\\\g\\{([A-Za-z_][A-Za-z0-9_]*)}"
                    + "|\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)");

    /**
     * PCRE constructs Java's engine does not know, each replaced by one that compiles the same way: {@code \g}
     * back-references, recursion and subroutine calls become empty groups, {@code \K} goes, a branch-reset group is
     * an ordinary one. Only compiling is at stake here, never matching.
     */
    private static final Pattern PCRE_ONLY = Pattern.compile(
            "(?<!\\\\)((?:\\\\\\\\)*)(?:(\\\\g(?:\\{-?\\d+}|-?\\d+))|(\\(\\?(?:R|[+-]?\\d+|&\\w+|P>\\w+)\\))"
                    + "|(\\\\K)|(\\(\\?\\|))");

    /**
     * The regex engine's complaint, or null when the pattern compiles. PCRE's group-name syntax (names with '_',
     * {@code (?P<name>)}, {@code (?'name')}, {@code \k'name'}, {@code \k{name}}, {@code \g{name}}, {@code (?P=name)})
     * is turned into Java's first, so a regex Kong takes is not refused for Java's narrower names; other PCRE syntax is
     * turned into Java's by {@link PcreSyntax}.
     */
    static String regexError(String regex) {
        try {
            Pattern.compile(withoutPcreOnlyConstructs(javaGroupNames(PcreSyntax.toJava(regex))));
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }

    private static String withoutPcreOnlyConstructs(String regex) {
        Matcher m = PCRE_ONLY.matcher(regex);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null || m.group(3) != null ? "(?:)" : m.group(4) != null ? "" : "(?:";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String javaGroupNames(String regex) {
        Matcher m = PCRE_GROUP_NAME.matcher(regex);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "(?<" + names.computeIfAbsent(m.group(1), n -> "g" + names.size() + "n") + ">";
            } else {
                String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                        : m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
                String ref = "\\k<" + names.computeIfAbsent(name, n -> "g" + names.size() + "n") + ">";
                replacement = m.group(6) != null ? "(?:" + ref + ")" : ref;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean validSurrogatePair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String wildcard(String s) {
        int first = s.indexOf('*');
        if (first < 0) {
            return null;
        }
        if (first != s.lastIndexOf('*')) {
            return "invalid wildcard: must have at most one wildcard";
        }
        String host = s.contains(":") && !s.startsWith("[") ? s.substring(0, s.lastIndexOf(':')) : s;
        boolean leftmost = host.startsWith("*.");
        boolean rightmost = host.endsWith(".*");
        return leftmost || rightmost ? null : "invalid wildcard: must be placed at leftmost or rightmost label";
    }

    private static String sni(String s) {
        HostNames.Address a = HostNames.parse(s);
        if (a == null) {
            return "invalid value: " + s;
        }
        if (a.kind() != HostNames.Kind.NAME) {
            return "must not be an IP";
        }
        return a.port() != null ? "must not have a port" : null;
    }

    private static String pathCharactersError(String s) {
        if (!RFC3986.matcher(s).matches()) {
            return "invalid path: '" + s + "' (characters outside of the reserved list of RFC 3986 found)";
        }
        return percentEncodingError(s);
    }

    private static String percentEncodingError(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            String escape = s.substring(i, Math.min(i + 3, s.length()));
            if (escape.length() < 3 || Character.digit(escape.charAt(1), 16) < 0 || Character.digit(escape.charAt(2), 16) < 0) {
                return "invalid url-encoded value: '" + escape + "'";
            }
        }
        return null;
    }

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+.\\-]*):(.*)$", Pattern.DOTALL);

    private static String urlError(String s) {
        String rest = s;
        String scheme = null;
        var m = SCHEME.matcher(s);
        if (m.matches()) {
            scheme = m.group(1);
            rest = m.group(2);
        }
        String host = null;
        if (rest.startsWith("//")) {
            String authority = rest.substring(2).split("[/?#]", 2)[0];
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            host = authority.startsWith("[") ? authority : authority.split(":", 2)[0];
        }
        if (host == null || host.isEmpty()) {
            return "missing host in url";
        }
        return scheme == null ? "missing scheme in url" : null;
    }
}
