package io.kongsync.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the address forms Kong's typedefs accept: an IPv4 or IPv6 address or a host name, optionally followed by a
 * port ({@code host:80}, {@code [::1]:80}). A stand-in for Kong's {@code utils.normalize_ip}; never resolves names.
 */
final class HostNames {

    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?::(\\d+))?");
    private static final Pattern EIGHT_GROUPS = Pattern.compile("[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}");
    private static final Pattern NAME_WITH_PORT = Pattern.compile("(.*):(\\d+)");

    enum Kind { IPV4, IPV6, NAME }

    /** A parsed address; {@code port} is null when none was given, -1 when the port is not a valid number. */
    record Address(Kind kind, String host, Integer port) {
    }

    private HostNames() {
    }

    /**
     * The parsed address, or null when the text is neither an IP address nor a valid host name. As Kong, the kind
     * is decided by exclusion first (more than one colon: IPv6; only digits, dots and one colon: IPv4; otherwise a
     * name) and the text must then be valid as that kind: {@code 10.0.0.300} is an invalid IPv4 address, not a name.
     */
    static Address parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !isHostIpv6(text.substring(1, close))) {
                return null;
            }
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                return new Address(Kind.IPV6, text.substring(1, close), null);
            }
            return rest.startsWith(":") ? new Address(Kind.IPV6, text.substring(1, close), port(rest.substring(1))) : null;
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            return isHostIpv6(text) ? new Address(Kind.IPV6, text, null) : null;
        }
        String remainder = text.replace(":", "");
        if (!remainder.isEmpty() && remainder.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            Matcher m = IPV4_WITH_PORT.matcher(text);
            if (!m.matches() || !isIpv4(m.group(1))) {
                return null;
            }
            return new Address(Kind.IPV4, m.group(1), m.group(2) == null ? null : port(m.group(2)));
        }
        // a name: only a trailing ':<digits>' is a port; any other colon makes the name invalid
        Matcher m = NAME_WITH_PORT.matcher(text);
        String host = m.matches() ? m.group(1) : text;
        Integer port = m.matches() ? port(m.group(2)) : null;
        return isHostName(host) ? new Address(Kind.NAME, host, port) : null;
    }

    /**
     * The host as Kong stores a target's (kong/tools/ip.lua): IPv4 without leading zeros, IPv6 fully expanded in
     * lower case and bracketed, a name as written.
     */
    static String canonicalHost(Address a) {
        return switch (a.kind()) {
            case NAME -> a.host();
            case IPV4 -> {
                StringBuilder out = new StringBuilder();
                for (String octet : a.host().split("\\.")) {
                    out.append(out.isEmpty() ? "" : ".").append(Integer.parseInt(octet));
                }
                yield out.toString();
            }
            case IPV6 -> "[" + expandedIpv6(a.host()) + "]";
        };
    }

    private static String expandedIpv6(String ip) {
        if (ip.contains(".")) {
            return ip; // an embedded IPv4 address: Kong's normalize_ipv6 refuses it, leave it for Kong to say so
        }
        String s = ip.startsWith(":") ? "0" + ip : ip;
        s = s.endsWith(":") ? s + "0" : s;
        if (s.contains("::")) {
            long colons = s.chars().filter(c -> c == ':').count();
            s = s.replaceFirst("::", ":" + "0:".repeat((int) Math.max(0, 8 - colons)));
        }
        StringBuilder out = new StringBuilder();
        for (String group : s.split(":")) {
            out.append(out.isEmpty() ? "" : ":").append("0".repeat(4 - group.length())).append(group);
        }
        return out.toString().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * An IPv6 address as a host: one Kong's {@code normalize_ipv6} takes, which reads more spellings than RFC 4291
     * ({@code 1:2:3:4::5:6:7:8}, {@code :1:2:3:4:5:6:7}, {@code 1:2:3:4:5:6:7:}), or an RFC 4291 one (as
     * {@link #isIpv6}, embedded IPv4 included; Kong refuses that form as a host, and says so itself).
     */
    static boolean isHostIpv6(String s) {
        return isIpv6(s) || normalizesAsIpv6(s);
    }

    /**
     * Kong's {@code normalize_ipv6}: a leading or trailing ':' gets a '0', the first "::" becomes as many zero
     * groups as make eight colons (none when there are already eight), and eight groups of 1 to 4 hex digits remain.
     */
    private static boolean normalizesAsIpv6(String s) {
        String check = s.startsWith(":") ? "0" + s : s;
        check = check.endsWith(":") ? check + "0" : check;
        int compressed = check.indexOf("::");
        if (compressed >= 0) {
            long colons = check.chars().filter(c -> c == ':').count();
            check = check.substring(0, compressed) + ":" + "0:".repeat((int) Math.max(0, 8 - colons))
                    + check.substring(compressed + 2);
        }
        return EIGHT_GROUPS.matcher(check).matches();
    }

    /** An IPv6 address as RFC 4291 writes one (what inet_pton reads), with or without an embedded IPv4 address. */
    static boolean isIpv6(String s) {
        String body = s;
        int lastColon = s.lastIndexOf(':');
        if (lastColon >= 0 && s.indexOf('.') > lastColon) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            body = s.substring(0, lastColon + 1) + "0:0"; // an embedded IPv4 address stands for two groups
        }
        if (body.isEmpty() || body.indexOf("::") != body.lastIndexOf("::")) {
            return false;
        }
        boolean compressed = body.contains("::");
        int groups = 0;
        for (String half : compressed ? body.split("::", -1) : new String[] {body}) {
            if (half.isEmpty()) {
                continue;
            }
            for (String g : half.split(":", -1)) {
                if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    /**
     * Kong's {@code check_hostname}: letters, digits, '-', '.' and '_' only; no label ends with '-'; no label is
     * empty but the last (a fully qualified name may end with a dot). Kong sets no length limits.
     */
    static boolean isHostName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_')) {
                return false;
            }
        }
        String[] labels = s.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].endsWith("-") || (labels[i].isEmpty() && i != labels.length - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The port, or -1 when the digits make no port number (over 65535); leading zeros count for nothing. */
    private static Integer port(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 5) {
            return -1;
        }
        int port = Integer.parseInt(significant);
        return port > 65535 ? -1 : port;
    }
}
