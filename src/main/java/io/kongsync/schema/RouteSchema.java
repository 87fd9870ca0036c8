package io.kongsync.schema;

import io.kongsync.model.EntityKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The route schema for the {@code traditional_compatible} router flavor, Kong's default (kong-admin-api.md 1.3):
 * no {@code expression} or {@code priority}. The protocol-dependent rules of Kong's route subschemas are entity checks.
 */
final class RouteSchema {

    private static final List<String> HTTP = List.of("http", "https");
    private static final List<String> GRPC = List.of("grpc", "grpcs");

    /** Which matchers a route must set, by protocol; the first row whose protocol the route has applies. */
    private static final List<Map.Entry<List<String>, List<String>>> MATCHERS = List.of(
            Map.entry(List.of("https"), List.of("methods", "hosts", "headers", "paths", "snis")),
            Map.entry(List.of("http"), List.of("methods", "hosts", "headers", "paths")),
            Map.entry(List.of("grpcs"), List.of("hosts", "headers", "paths", "snis")),
            Map.entry(List.of("grpc"), List.of("hosts", "headers", "paths")),
            Map.entry(List.of("tcp", "tls", "udp"), List.of("sources", "destinations", "snis")),
            Map.entry(List.of("tls_passthrough"), List.of("snis")));

    private RouteSchema() {
    }

    static RecordSchema route() {
        return new RecordSchema(List.of(
                Field.string("name").check(Typedefs.UTF8_NAME),
                Field.set("protocols", Field.string().oneOf(EntitySchemas.SERVICE_PROTOCOLS.toArray()))
                        .required().def(List.of("http", "https"))
                        .checks(Checks.lengthAtLeast(1),
                                Checks.mutuallyExclusiveSubsets(List.of(HTTP, List.of("tcp", "tls", "udp"),
                                        List.of("tls_passthrough"), GRPC))),
                Field.set("methods", Field.string().check(Typedefs.HTTP_METHOD)),
                Field.array("hosts", Field.string().check(Typedefs.HOSTS_ELEMENT)),
                Field.array("paths", Field.string().check(Typedefs.ROUTE_PATH)),
                Field.map("headers",
                        Field.string().checks(Typedefs.HEADER_NAME, Checks.notMatching("(?i)host",
                                "cannot contain 'host' header, which must be specified in the 'hosts' attribute")),
                        Field.array(null, Field.string())),
                Field.integer("https_redirect_status_code").required().def(426).oneOf(426, 301, 302, 307, 308),
                Field.integer("regex_priority").def(0),
                Field.bool("strip_path").required().def(true),
                Field.string("path_handling").def("v0").oneOf("v0", "v1"),
                Field.bool("preserve_host").required().def(false),
                Field.bool("request_buffering").required().def(true),
                Field.bool("response_buffering").required().def(true),
                Field.set("snis", Field.string().check(Typedefs.WILDCARD_SNI)),
                Field.set("sources", endpoint()),
                Field.set("destinations", endpoint()),
                EntitySchemas.tags(),
                Field.foreign("service", EntityKind.SERVICE)),
                List.of(RouteSchema::matcherRequired, RouteSchema::protocolRestrictions),
                List.of(RouteSchema::grpcStripPathDefault));
    }

    /** A {@code sources}/{@code destinations} element. */
    private static Field endpoint() {
        return Field.record(null,
                        Field.string("ip").check(Typedefs.IP_OR_CIDR),
                        Field.integer("port").between(0, 65535))
                .check(v -> v instanceof Map<?, ?> m && m.get("ip") == null && m.get("port") == null
                        ? "at least one of these fields must be non-empty: 'ip', 'port'"
                        : null);
    }

    /** Kong's grpc route subschema defaults {@code strip_path} to false. */
    private static Map<String, Object> grpcStripPathDefault(Map<String, Object> route) {
        if (!route.containsKey("strip_path") && hasAny(route.get("protocols"), GRPC)) {
            route.put("strip_path", false);
        }
        return route;
    }

    private static List<FieldError> matcherRequired(Map<String, Object> route) {
        Object protocols = route.get("protocols");
        for (Map.Entry<List<String>, List<String>> row : MATCHERS) {
            String protocol = first(protocols, row.getKey());
            if (protocol == null) {
                continue;
            }
            for (String matcher : row.getValue()) {
                if (!EntityChecks.isEmpty(route.get(matcher))) {
                    return List.of();
                }
            }
            List<String> quoted = row.getValue().stream().map(m -> "'" + m + "'").toList();
            return List.of(new FieldError(FieldError.ENTITY,
                    "must set one of " + String.join(", ", quoted) + " when 'protocols' is '" + protocol + "'"));
        }
        return List.of();
    }

    private static List<FieldError> protocolRestrictions(Map<String, Object> route) {
        Object protocols = route.get("protocols");
        List<FieldError> errors = new ArrayList<>();
        if (!EntityChecks.isEmpty(route.get("snis"))
                && !hasAny(protocols, List.of("https", "grpcs", "tls", "tls_passthrough"))) {
            errors.add(new FieldError(FieldError.ENTITY,
                    "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"));
        }
        String group = hasAny(protocols, HTTP) ? "'http' or 'https'" : hasAny(protocols, GRPC) ? "'grpc' or 'grpcs'" : null;
        if (group != null) {
            for (String streamOnly : List.of("sources", "destinations")) {
                if (!EntityChecks.isEmpty(route.get(streamOnly))) {
                    errors.add(new FieldError(streamOnly, "cannot set '" + streamOnly + "' when 'protocols' is " + group));
                }
            }
        }
        if (hasAny(protocols, GRPC)) {
            if (!EntityChecks.isEmpty(route.get("methods"))) {
                errors.add(new FieldError("methods", "cannot set 'methods' when 'protocols' is 'grpc' or 'grpcs'"));
            }
            if (Boolean.TRUE.equals(route.get("strip_path"))) {
                errors.add(new FieldError("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'"));
            }
        }
        return errors;
    }

    private static boolean hasAny(Object protocols, List<String> wanted) {
        return first(protocols, wanted) != null;
    }

    /** The first of {@code wanted}, in its order, that the route's protocols contain. */
    private static String first(Object protocols, List<String> wanted) {
        if (protocols instanceof Collection<?> c) {
            for (String w : wanted) {
                if (c.contains(w)) {
                    return w;
                }
            }
        }
        return null;
    }
}
