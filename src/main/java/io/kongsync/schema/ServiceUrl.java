package io.kongsync.schema;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service {@code url} shorthand: Kong parses it with LuaSocket's URL parser and replaces {@code protocol},
 * {@code host}, {@code port} and {@code path} with its parts (a URL without a path clears {@code path}).
 */
final class ServiceUrl {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+.\\-]*):(.*)$", Pattern.DOTALL);

    private ServiceUrl() {
    }

    static Map<String, Object> expand(Map<String, Object> service) {
        if (!(service.get("url") instanceof String url)) {
            return service;
        }
        service.remove("url");
        String rest = url.split("#", 2)[0];
        String scheme = null;
        Matcher m = SCHEME.matcher(rest);
        if (m.matches()) {
            scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
            rest = m.group(2);
        }
        String host = null;
        Long port = null;
        if (rest.startsWith("//")) {
            int end = indexOfAny(rest, 2);
            String authority = rest.substring(2, end);
            rest = rest.substring(end);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
            if (colon >= 0) {
                String digits = authority.substring(colon + 1);
                port = digits.matches("\\d{1,9}") ? Long.parseLong(digits) : null;
                authority = authority.substring(0, colon);
            }
            host = authority.isEmpty() ? null : authority.replaceAll("^\\[(.*)]$", "$1");
        }
        String path = rest.split("[?;]", 2)[0];
        String protocol = scheme != null ? scheme : port != null && port == 443 ? "https" : "http";
        service.put("protocol", protocol);
        service.put("host", host);
        service.put("port", port != null ? port : "https".equals(protocol) ? 443L : 80L);
        service.put("path", path.isEmpty() ? null : path);
        return service;
    }

    private static int indexOfAny(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == ';') {
                return i;
            }
        }
        return s.length();
    }
}
