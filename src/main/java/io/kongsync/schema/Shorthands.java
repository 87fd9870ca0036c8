package io.kongsync.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A plugin's shorthand fields, from the {@code shorthand_fields} of its config record and of records inside it.
 * Kong publishes the target of a deprecated shorthand ({@code deprecation.replaced_with}) and echoes such shorthands
 * back in every answer; for the others, the target and the translation are Kong functions, written here.
 */
final class Shorthands {

    /** plugin -> shorthand (relative to config) -> target; shorthands whose translator Kong keeps in Lua. */
    private static final Map<String, Map<String, String>> TARGETS = Map.of(
            "session", Map.of("cookie_lifetime", "rolling_timeout", "cookie_idletime", "idling_timeout",
                    "cookie_discard", "stale_ttl", "cookie_samesite", "cookie_same_site",
                    "cookie_httponly", "cookie_http_only", "cookie_persistent", "remember"),
            "opentelemetry", Map.of("endpoint", "traces_endpoint"));

    private static final Map<String, UnaryOperator<Object>> TRANSLATIONS = Map.of(
            "session cookie_idletime", v -> v == null ? 0L : v,
            "session cookie_samesite", v -> "off".equals(v) ? "Lax" : v);

    private Shorthands() {
    }

    static List<Shorthand> of(String plugin, Map<String, Object> config) {
        List<Shorthand> out = new ArrayList<>();
        collect(plugin, config, "", out);
        return out;
    }

    private static void collect(String plugin, Map<String, Object> record, String prefix, List<Shorthand> out) {
        KongSchemaReader.named(record.get("shorthand_fields")).forEach((name, definition) -> {
            String from = prefix + name;
            boolean deprecated = definition.get("deprecation") instanceof Map;
            String to = replacedWith(definition);
            if (to != null) {
                out.add(new Shorthand(from, prefix + to, deprecated, true));
                return;
            }
            String target = TARGETS.getOrDefault(plugin, Map.of()).get(from);
            UnaryOperator<Object> translate = TRANSLATIONS.get(plugin + " " + from);
            // a shorthand Kong knows no target for is accepted and dropped (session's cookie_renew)
            out.add(new Shorthand(from, target, deprecated, false, translate));
        });
        KongSchemaReader.named(record.get("fields")).forEach((name, definition) -> {
            if ("record".equals(definition.get("type"))) {
                collect(plugin, definition, prefix + name + ".", out);
            }
        });
    }

    private static String replacedWith(Map<String, Object> definition) {
        if (definition.get("deprecation") instanceof Map<?, ?> deprecation
                && deprecation.get("replaced_with") instanceof List<?> replacements && !replacements.isEmpty()
                && replacements.get(0) instanceof Map<?, ?> first && first.get("path") instanceof List<?> path) {
            return String.join(".", path.stream().map(String::valueOf).toList());
        }
        return null;
    }
}
