package io.kongsync.sandbox;

import io.kongsync.schema.Field;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Form bodies as Kong's Admin API reads them ({@code kong/api/arguments.lua}): {@code application/x-www-form-urlencoded}
 * and {@code multipart/form-data} fields become nested arguments ({@code config.minute=5}, {@code tags[]=a},
 * {@code tags[2]=b}, {@code headers[x]=y}; a repeated name is a list), then the strings are typed by the entity's
 * schema: numbers, booleans, a single value for a set or array becomes a list, and an empty value is null.
 */
final class FormArgs {

    private static final Pattern KEY = Pattern.compile("\\.([^\\[.]+)|\\[([^\\]]*)\\]");

    private FormArgs() {
    }

    /** The fields of an urlencoded body, in order; a repeated name gathers its values in a list. */
    static Map<String, Object> urlencoded(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            pairs.add(Map.entry(name, eq < 0 ? "" : decode(pair.substring(eq + 1))));
        }
        return nested(pairs);
    }

    /** The fields of a multipart body; files are read as text. */
    static Map<String, Object> multipart(byte[] body, String contentType) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (b.find()) {
            String text = new String(body, StandardCharsets.UTF_8);
            String delimiter = "--" + b.group(1);
            for (String part : text.split(Pattern.quote(delimiter))) {
                int headersEnd = part.indexOf("\r\n\r\n");
                Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(part);
                if (headersEnd < 0 || !name.find() || name.start() > headersEnd) {
                    continue;
                }
                String value = part.substring(headersEnd + 4);
                if (value.endsWith("\r\n")) {
                    value = value.substring(0, value.length() - 2);
                }
                pairs.add(Map.entry(name.group(1), value));
            }
        }
        return nested(pairs);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Names with dots and brackets become nested maps and lists. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(List<Map.Entry<String, String>> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            List<String> path = path(pair.getKey());
            Object container = out;
            for (int i = 0; i < path.size(); i++) {
                String step = path.get(i);
                boolean last = i == path.size() - 1;
                boolean nextIsIndex = !last && isIndex(path.get(i + 1));
                if (container instanceof Map<?, ?> m) {
                    Map<String, Object> map = (Map<String, Object>) m;
                    if (last) {
                        Object old = map.get(step);
                        if (old == null) {
                            map.put(step, pair.getValue());
                        } else if (old instanceof List<?> list) {
                            ((List<Object>) list).add(pair.getValue());
                        } else {
                            map.put(step, new ArrayList<>(List.of(old, pair.getValue())));
                        }
                    } else {
                        Object next = map.get(step);
                        if (!(next instanceof Map || next instanceof List)) {
                            next = nextIsIndex ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                            map.put(step, next);
                        }
                        container = next;
                    }
                } else if (container instanceof List<?> l) {
                    List<Object> list = (List<Object>) l;
                    int index = step.isEmpty() ? list.size() : Integer.parseInt(step) - 1;
                    while (list.size() <= index) {
                        list.add(null);
                    }
                    if (last) {
                        list.set(index, pair.getValue());
                    } else {
                        Object next = list.get(index);
                        if (!(next instanceof Map || next instanceof List)) {
                            next = nextIsIndex ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                            list.set(index, next);
                        }
                        container = next;
                    }
                }
            }
        }
        return out;
    }

    /** {@code a.b[1][c]} → {@code [a, b, 1, c]}; {@code []} is an empty step (append). */
    private static List<String> path(String name) {
        List<String> path = new ArrayList<>();
        int first = firstDelimiter(name);
        if (first < 0 || name.startsWith(".") || name.endsWith(".")) {
            path.add(name);
            return path;
        }
        path.add(name.substring(0, first));
        Matcher m = KEY.matcher(name.substring(first));
        while (m.find()) {
            path.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return path;
    }

    private static int firstDelimiter(String name) {
        for (int i = 1; i < name.length(); i++) {
            if (name.charAt(i) == '.' || name.charAt(i) == '[') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isIndex(String step) {
        return step.isEmpty() || step.chars().allMatch(Character::isDigit);
    }

    // ---- typing ----------------------------------------------------------------------------------------------------

    /** Types the string values of form arguments by the schema of {@code type} (a plugin's by its name). */
    static Map<String, Object> typed(EntityType type, Map<String, Object> args) {
        RecordSchema schema = type.schema();
        if (type.isPlugin()) {
            PluginSchema plugin = args.get("name") instanceof String name ? PluginCatalog.schema(name) : null;
            schema = plugin == null ? null : plugin.entitySchema();
        }
        Map<String, Object> out = new LinkedHashMap<>(args);
        if (schema != null) {
            for (Field f : schema.fields()) {
                if (out.containsKey(f.name())) {
                    out.put(f.name(), value(out.get(f.name()), f));
                }
            }
        }
        if (type.hasTtl() && out.get("ttl") instanceof String ttl) {
            out.put("ttl", number(ttl));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value, Field field) {
        if (value == null || field == null) {
            return value;
        }
        if ("".equals(value)) {
            return null;
        }
        switch (field.type()) {
            case INTEGER, NUMBER:
                return value instanceof String s ? number(s) : value;
            case BOOLEAN:
                return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : value;
            case ARRAY, SET: {
                List<Object> list = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(value));
                list.replaceAll(v -> value(v, field.elements()));
                return list;
            }
            case MAP:
                if (value instanceof Map<?, ?> m) {
                    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
                    out.replaceAll((k, v) -> value(v, field.elements()));
                    return out;
                }
                return value;
            case RECORD:
                if (value instanceof Map<?, ?> m) {
                    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
                    for (Field inner : field.fields()) {
                        if (out.containsKey(inner.name())) {
                            out.put(inner.name(), value(out.get(inner.name()), inner));
                        }
                    }
                    return out;
                }
                return value;
            default:
                return value;
        }
    }

    /** Lua's {@code tonumber}: the number, or the text unchanged when it is none. */
    private static Object number(String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : d.doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }
}
