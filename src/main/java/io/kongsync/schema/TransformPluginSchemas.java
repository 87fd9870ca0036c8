package io.kongsync.schema;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request and response rewriting (kong-plugins.md 2.9 to 2.11). */
final class TransformPluginSchemas {

    /** Kong's {@code ^([^:]+):*(.-)$}: a name, then any run of colons, then the value. */
    private static final Pattern NAME_VALUE = Pattern.compile("^([^:]+):*(.*)$", Pattern.DOTALL);
    private static final String COLON_PAIR = "^[^:]+:.*$";

    private TransformPluginSchemas() {
    }

    static List<PluginSchema> all() {
        return List.of(correlationId(), requestTransformer(), responseTransformer());
    }

    static PluginSchema correlationId() {
        return PluginSchema.of("correlation-id",
                Field.string("header_name").def("Kong-Request-ID"),
                Field.string("generator").required().def("uuid#counter").oneOf("uuid", "uuid#counter", "tracker"),
                Field.bool("echo_downstream").required().def(false));
    }

    static PluginSchema requestTransformer() {
        return PluginSchema.of("request-transformer",
                        Field.string("http_method").check(Typedefs.HTTP_METHOD),
                        Field.record("remove",
                                strings("body"),
                                strings("headers", TransformPluginSchemas::headerNameBeforeColon),
                                strings("querystring")),
                        Field.record("rename",
                                strings("body", TransformPluginSchemas::hasValue),
                                colonStrings("headers", TransformPluginSchemas::bothHeaderNames),
                                strings("querystring", TransformPluginSchemas::hasValue)),
                        Field.record("replace",
                                strings("body", TransformPluginSchemas::hasValue),
                                colonStrings("headers", TransformPluginSchemas::headerNameBeforeColon),
                                strings("querystring", TransformPluginSchemas::hasValue),
                                Field.string("uri")),
                        addOrAppend("add"),
                        addOrAppend("append"))
                .anyProtocol();
    }

    static PluginSchema responseTransformer() {
        return PluginSchema.of("response-transformer",
                Field.record("remove", strings("json"), strings("headers")),
                Field.record("rename",
                        colonStrings("json", v -> null),
                        colonStrings("headers", TransformPluginSchemas::bothHeaderNames)),
                jsonRecord("replace"),
                jsonRecord("add"),
                jsonRecord("append"));
    }

    private static Field addOrAppend(String name) {
        return Field.record(name,
                strings("body", TransformPluginSchemas::hasValue),
                colonStrings("headers", TransformPluginSchemas::headerNameBeforeColon),
                strings("querystring", TransformPluginSchemas::hasValue));
    }

    private static Field jsonRecord(String name) {
        return Field.record(name,
                colonStrings("json", v -> null),
                strings("json_types", Checks.oneOf("boolean", "number", "string")),
                colonStrings("headers", v -> null));
    }

    /** Every array of these plugins is required and defaults to empty. */
    private static Field strings(String name, Check... elementChecks) {
        return Field.array(name, Field.string().checks(elementChecks)).required().def(List.of());
    }

    private static Field colonStrings(String name, Check elementCheck) {
        return strings(name, Checks.matches(COLON_PAIR), elementCheck);
    }

    private static String headerNameBeforeColon(Object v) {
        Matcher m = v instanceof String s ? NAME_VALUE.matcher(s) : null;
        if (m == null || !m.matches() || !Typedefs.isHeaderName(m.group(1))) {
            return "'" + (m != null && m.matches() ? m.group(1) : v) + "' is not a valid header";
        }
        return null;
    }

    private static String bothHeaderNames(Object v) {
        String error = headerNameBeforeColon(v);
        if (error != null) {
            return error;
        }
        Matcher m = NAME_VALUE.matcher((String) v);
        m.matches();
        return Typedefs.isHeaderName(m.group(2)) ? null : "'" + m.group(2) + "' is not a valid header";
    }

    /**
     * {@code name:value} with a non-empty value. Kong also compiles the value as a {@code pl.template}; kongsync does
     * not reimplement Penlight's template parser, so that part is left to Kong.
     */
    private static String hasValue(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        Matcher m = NAME_VALUE.matcher(s);
        if (!m.matches() || m.group(2).isEmpty()) {
            return "key '" + (m.matches() ? m.group(1) : s) + "' has no value";
        }
        return null;
    }
}
