package io.kongsync.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks Kong runs as Lua functions, which its serialised schemas cannot carry: kongsync's own implementation of
 * each, found by the function name Kong uses ({@code validate_host}) or, for a function that only one schema has, by
 * where it sits ({@code plugins/http-log config}). {@code kong/3.9/custom-functions.txt} lists every place Kong runs
 * one; {@link #NOT_CARRIED} names the functions kongsync leaves to Kong and why.
 */
final class CustomRules {

    /** Kong functions kongsync does not reimplement, with the reason. */
    static final Map<String, String> NOT_CARRIED = Map.of(
            "validate_lua_expression", "compiles Lua in Kong's sandbox; left to Kong",
            "validate_function", "compiles Lua (pre-/post-function phases); left to Kong",
            "validate_shared_dict", "needs the node's nginx shared dictionaries; a stock node has them",
            "_M.status", "filter chains need Kong built with WebAssembly",
            "validate_ip", "clustering data planes are written by Kong itself, never by a file");

    /** Entity checks that depend on the node's settings or only log; Kong's position in the file, the reason. */
    static final Map<String, String> NOT_CARRIED_AT = Map.of(
            "routes entity_checks[2]", "only logs a deprecation warning for path_handling v1",
            "plugins/acme entity_checks[4]", "depends on the node's role and database mode",
            "plugins/acme config.storage_config.shm.shm_name", "needs the node's nginx shared dictionaries",
            "plugins/proxy-cache entity_checks[1]", "needs the node's nginx shared dictionaries");

    private static final Pattern NAME_VALUE = Pattern.compile("^([^:]+):*(.*)$", Pattern.DOTALL);
    private static final List<String> PERIODS = List.of("second", "minute", "hour", "day", "month", "year");
    private static final List<String> ACME_RESERVED_NAMESPACES = List.of("kong_acme:renew_config:",
            "kong_acme:renew_last_run", "kong_acme:cert:", "kong_acme:account:", "kong_acme:orders:",
            "kong_acme:challenge:");

    /** Shared validators, by Kong's function name. */
    private static final Map<String, Check> BY_FUNCTION = new LinkedHashMap<>();

    /** Validators that only one schema has, by {@code schema path}. */
    private static final Map<String, Check> BY_PLACE = new LinkedHashMap<>();

    /** Custom entity checks, by {@code schema entity_checks[i]} (1-based, as Kong's Lua indexes). */
    private static final Map<String, EntityCheck> ENTITY_CHECKS = new LinkedHashMap<>();

    static {
        BY_FUNCTION.put("validate_tag", Typedefs.TAG);
        BY_FUNCTION.put("validate_utf8_name", Typedefs.UTF8_NAME);
        BY_FUNCTION.put("validate_host", Typedefs.HOST);
        BY_FUNCTION.put("validate_host_with_optional_port", Typedefs.HOST_WITH_OPTIONAL_PORT);
        BY_FUNCTION.put("validate_host_with_wildcards", Typedefs.HOSTS_ELEMENT);
        BY_FUNCTION.put("validate_wildcard_host", Typedefs.WILDCARD_SNI);
        BY_FUNCTION.put("validate_sni", Typedefs.SNI);
        BY_FUNCTION.put("validate_path", Typedefs.PATH);
        BY_FUNCTION.put("validate_path_with_regexes", Typedefs.ROUTE_PATH);
        BY_FUNCTION.put("validate_ip_or_cidr", Typedefs.IP_OR_CIDR);
        BY_FUNCTION.put("_M.validate_header_name", Typedefs.HEADER_NAME);
        BY_FUNCTION.put("_M.validate_http_token", CustomRules::httpToken);
        BY_FUNCTION.put("validate_url", Typedefs.URL);
        BY_FUNCTION.put("validate_uri", v -> v instanceof String s
                ? (Typedefs.URL.test(s) != null ? "cannot parse '" + s + "'"
                : s.contains("#") ? "fragment not allowed in '" + s + "'" : null)
                : null);
        BY_FUNCTION.put("validate_headers", CustomRules::headerNameBeforeColon);
        BY_FUNCTION.put("validate_colon_headers", CustomRules::bothHeaderNames);
        BY_FUNCTION.put("check_for_value", CustomRules::hasValue);
        BY_FUNCTION.put("validate_asterisk_or_regex", v -> v instanceof String s && !s.equals("*")
                && Typedefs.regexError(s) != null ? "'" + s + "' is not a valid regex" : null);
        BY_FUNCTION.put("validate_namespace", v -> v instanceof String s
                && ACME_RESERVED_NAMESPACES.stream().anyMatch(s::startsWith)
                ? "namespace can't be prefixed with reserved word: " + s : null);
        BY_FUNCTION.put("validate_name", CustomRules::upstreamName);
        BY_FUNCTION.put("validate_target", v -> v instanceof String s && !validTarget(s)
                ? "Invalid target ('" + s + "'); not a valid hostname or ip address" : null);
        BY_FUNCTION.put("validate_flows", v -> v instanceof Map<?, ?> c && !(isTrue(c.get("enable_authorization_code"))
                || isTrue(c.get("enable_implicit_grant")) || isTrue(c.get("enable_client_credentials"))
                || isTrue(c.get("enable_password_grant")))
                ? "at least one of these fields must be true: enable_authorization_code, enable_implicit_grant, "
                        + "enable_client_credentials, enable_password_grant" : null);
        BY_FUNCTION.put("validate_static_tags", CustomRules::distinctStaticTags);
        BY_FUNCTION.put("validate_periods_order", v -> v instanceof Map<?, ?> m ? decreasingPeriodsError(m, "the limit") : null);

        BY_PLACE.put("plugins/rate-limiting config", v -> v instanceof Map<?, ?> c ? rateLimitingConfigError(c) : null);
        BY_PLACE.put("plugins/http-log config", v -> v instanceof Map<?, ?> c && hasUserInfo(c.get("http_endpoint"))
                && hasAuthorizationHeader(c.get("headers"))
                ? "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed" : null);
        BY_PLACE.put("plugins/request-termination config", v -> v instanceof Map<?, ?> c ? requestTerminationError(c) : null);
        BY_PLACE.put("plugins/opentelemetry config.resource_attributes", CustomRules::resourceAttributes);

        BY_PLACE.put("certificates cert", CertificateChecks.certificate(true));
        BY_PLACE.put("certificates cert_alt", CertificateChecks.certificate(true));
        BY_PLACE.put("certificates key", CertificateChecks.key(true));
        BY_PLACE.put("certificates key_alt", CertificateChecks.key(true));
        BY_PLACE.put("ca_certificates cert", CertificateChecks.certificate(false));
        BY_PLACE.put("jwt_secrets entity_checks[1].conditional.then_match", CertificateChecks.jwtKey());
        BY_PLACE.put("keys pem", KeyChecks::pem);
        ENTITY_CHECKS.put("keys entity_checks[3]", KeyChecks::jwk);
        ENTITY_CHECKS.put("routes entity_checks[3]", ExpressionRoutes::check);
        ENTITY_CHECKS.put("certificates entity_checks[2]",
                CertificateChecks.keyMatches("cert", "key", CertificateChecks.KEY_MISMATCH));
        ENTITY_CHECKS.put("certificates entity_checks[3]",
                CertificateChecks.keyMatches("cert_alt", "key_alt", CertificateChecks.ALT_KEY_MISMATCH));
        ENTITY_CHECKS.put("certificates entity_checks[4]", CertificateChecks.differentKeyTypes("cert", "cert_alt"));
        ENTITY_CHECKS.put("ca_certificates entity_checks[1]",
                CertificateChecks.caCertificate("cert", java.time.Clock.systemUTC()));
        ENTITY_CHECKS.put("plugins/aws-lambda entity_checks[2]", EntityChecks.entityRule(
                plugin -> EntityChecks.get(plugin, "config.proxy_url") instanceof String url
                        && url.matches("^[^:]+://.*") && !url.startsWith("http://"),
                "proxy_url scheme must be http"));
        for (String ai : List.of("plugins/ai-proxy config", "plugins/ai-request-transformer config.llm",
                "plugins/ai-response-transformer config.llm")) {
            ENTITY_CHECKS.put(ai + ".entity_checks[11]", EntityChecks.entityRule(
                    llm -> "anthropic".equals(EntityChecks.get(llm, "model.provider"))
                            && "llm/v1/completions".equals(EntityChecks.get(llm, "route_type"))
                            && isTrue(EntityChecks.get(llm, "logging.log_statistics")),
                    "anthropic does not support statistics when route_type is llm/v1/completions"));
        }
    }

    private CustomRules() {
    }

    /** The check for {@code function} found at {@code path} of {@code schema}, or null when kongsync leaves it to Kong. */
    static Check field(String schema, String path, String function) {
        Check specific = BY_PLACE.get(schema + " " + path);
        return specific != null ? specific : BY_FUNCTION.get(function);
    }

    /** The custom entity check at {@code place} ({@code entity_checks[2]} or {@code config.entity_checks[11]}). */
    static EntityCheck entityCheck(String schema, String place) {
        return ENTITY_CHECKS.get(schema + " " + place);
    }

    /** Every place Kong runs a function, from {@code kong/3.9/custom-functions.txt}: schema, path, kind, function. */
    static List<String[]> places() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = CustomRules.class.getResourceAsStream("/kong/3.9/custom-functions.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().split(" "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Whether kongsync carries the function at this place (for the completeness test). */
    static boolean carried(String schema, String path, String kind, String function) {
        if (kind.equals("func")) {
            return true; // shorthand translators: KongSchemas and Shorthands
        }
        if (kind.equals("custom_entity_check.fn")) {
            return ENTITY_CHECKS.containsKey(schema + " " + path) || BY_PLACE.containsKey(schema + " " + path);
        }
        return field(schema, path, function) != null;
    }

    // ---- implementations ------------------------------------------------------------------------------------------

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v);
    }

    private static String httpToken(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/?={}[]".indexOf(c) >= 0) {
                return "contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and the "
                        + "characters ()<>@,;:\\\"/?={}[] are not allowed.";
            }
        }
        return null;
    }

    /** Kong's normalize_ip: a host name or IP address, with a port no greater than 65535 when one is given. */
    private static boolean validTarget(String target) {
        HostNames.Address a = HostNames.parse(target);
        return a != null && (a.port() == null || a.port() >= 0);
    }

    private static String upstreamName(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        HostNames.Address a = HostNames.parse(s);
        if (a == null) {
            return "Invalid name ('" + s + "'); must be a valid hostname";
        }
        if (a.kind() != HostNames.Kind.NAME) {
            return "Invalid name ('" + s + "'); no ip addresses allowed";
        }
        return a.port() != null ? "Invalid name ('" + s + "'); no port allowed" : null;
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

    /** {@code name:value} with a non-empty value; Kong also compiles the value as a Penlight template (left to Kong). */
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

    private static String rateLimitingConfigError(Map<?, ?> config) {
        String order = decreasingPeriodsError(config, "The limit");
        if (order != null) {
            return order;
        }
        boolean redis = "redis".equals(config.get("policy"));
        if (config.get("sync_rate") instanceof Number n && n.doubleValue() != -1) {
            if (!redis) {
                return "sync_rate can only be used with the redis policy";
            }
            if (n.doubleValue() < 0.02) {
                return "sync_rate must be greater than 0.02, or -1 to disable";
            }
        }
        return null;
    }

    /** A longer period may not have a lower limit than a shorter one. */
    static String decreasingPeriodsError(Map<?, ?> limits, String prefix) {
        for (int i = 0; i < PERIODS.size(); i++) {
            if (!(limits.get(PERIODS.get(i)) instanceof Number lower)) {
                continue;
            }
            for (int j = i + 1; j < PERIODS.size(); j++) {
                if (limits.get(PERIODS.get(j)) instanceof Number upper && upper.doubleValue() < lower.doubleValue()) {
                    return String.format(Locale.ROOT, "%s for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
                            prefix, PERIODS.get(j), upper.doubleValue(), PERIODS.get(i), lower.doubleValue());
                }
            }
        }
        return null;
    }

    private static String requestTerminationError(Map<?, ?> config) {
        boolean message = present(config.get("message"));
        boolean contentType = present(config.get("content_type"));
        boolean body = present(config.get("body"));
        if (message && (contentType || body)) {
            return "message cannot be used with content_type or body";
        }
        if (contentType && !body) {
            return "content_type requires a body";
        }
        if (isTrue(config.get("echo")) && (contentType || body)) {
            return "echo cannot be used with content_type and body";
        }
        return null;
    }

    private static boolean present(Object value) {
        return value instanceof String s && !s.isEmpty();
    }

    private static boolean hasUserInfo(Object endpoint) {
        if (!(endpoint instanceof String url) || !url.contains("://")) {
            return false;
        }
        String authority = url.substring(url.indexOf("://") + 3).split("[/?#]", 2)[0];
        return authority.contains("@");
    }

    private static boolean hasAuthorizationHeader(Object headers) {
        return headers instanceof Map<?, ?> m
                && m.keySet().stream().anyMatch(k -> String.valueOf(k).toLowerCase(Locale.ROOT).equals("authorization"));
    }

    private static String distinctStaticTags(Object v) {
        if (!(v instanceof List<?> tags)) {
            return null;
        }
        Set<Object> seen = new java.util.HashSet<>();
        for (Object tag : tags) {
            if (tag instanceof Map<?, ?> t && !seen.add(t.get("name"))) {
                return "repeated tags are not allowed: " + t.get("name");
            }
        }
        return null;
    }

    private static String resourceAttributes(Object v) {
        if (!(v instanceof Map<?, ?> attributes)) {
            return null;
        }
        for (Map.Entry<?, ?> e : attributes.entrySet()) {
            Object value = e.getValue();
            if (!(value instanceof Number || value instanceof Boolean || value instanceof String)) {
                return "invalid type of value: " + (value instanceof Map || value instanceof List ? "table" : "nil");
            }
            if (value instanceof String s && s.isEmpty()) {
                return "required field missing";
            }
        }
        return null;
    }
}
