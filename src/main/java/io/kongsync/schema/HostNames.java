package io.kongsync.schema;

/**
 * Parses the address forms Kong's typedefs accept: an IPv4 or IPv6 address or a host name, optionally followed by a
 * port ({@code host:80}, {@code [::1]:80}). A stand-in for Kong's {@code utils.normalize_ip}; never resolves names.
 */
final class HostNames {

    enum Kind { IPV4, IPV6, NAME }

    /** A parsed address; {@code port} is null when none was given, -1 when the port is not a valid number. */
    record Address(Kind kind, String host, Integer port) {
    }

    private HostNames() {
    }

    /** The parsed address, or null when the text is neither an IP address nor a valid host name. */
    static Address parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !isIpv6(text.substring(1, close))) {
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
            return isIpv6(text) ? new Address(Kind.IPV6, text, null) : null;
        }
        String host = colons == 1 ? text.substring(0, text.indexOf(':')) : text;
        Integer port = colons == 1 ? port(text.substring(text.indexOf(':') + 1)) : null;
        if (isIpv4(host)) {
            return new Address(Kind.IPV4, host, port);
        }
        return isHostName(host) ? new Address(Kind.NAME, host, port) : null;
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

    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Integer port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port > 65535 ? -1 : port;
    }
}
