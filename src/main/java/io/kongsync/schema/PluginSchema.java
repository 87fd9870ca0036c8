package io.kongsync.schema;

import io.kongsync.model.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's schema: its {@code config} record, its protocols, where it may be applied, its checks and shorthands.
 * A custom plugin (named with {@code --custom-plugin}) has no config schema: its config is taken as written.
 */
public final class PluginSchema {

    /** The protocols Kong's generic {@code protocols} typedef allows. */
    public static final List<String> ALL_PROTOCOLS =
            List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");
    /** {@code protocols_http}: elements limited to the HTTP subsystem. */
    public static final List<String> HTTP_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");
    public static final List<String> DEFAULT_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

    /** Where a plugin may be applied. */
    public enum Scope {
        /** service, route, consumer or global */
        ANY,
        /** service, route or global; {@code consumer} must be null */
        NO_CONSUMER,
        /** global only */
        GLOBAL_ONLY
    }

    private final String name;
    private final Field config;
    private List<String> protocolsDefault = DEFAULT_PROTOCOLS;
    private List<String> protocolsAllowed = HTTP_PROTOCOLS;
    private Scope scope = Scope.ANY;
    private final List<EntityCheck> checks = new ArrayList<>();
    private final List<Shorthand> shorthands = new ArrayList<>();
    private RecordSchema entitySchema;

    private PluginSchema(String name, Field config) {
        this.name = name;
        this.config = config;
    }

    /** A bundled plugin with its {@code config} record as Kong's schema defines it. */
    public static PluginSchema ofConfig(String name, Field config) {
        return new PluginSchema(name, config);
    }

    /** A plugin kongsync knows only by name: its config is validated by Kong, not here. */
    public static PluginSchema custom(String name) {
        PluginSchema schema = new PluginSchema(name, null);
        schema.protocolsAllowed = ALL_PROTOCOLS;
        return schema;
    }

    public PluginSchema protocols(List<String> defaults, List<String> allowed) {
        this.protocolsDefault = List.copyOf(defaults);
        this.protocolsAllowed = List.copyOf(allowed);
        return this;
    }

    public PluginSchema scope(Scope scope) {
        this.scope = scope;
        return this;
    }

    /** A check over the whole plugin entity; paths like {@code config.minute}. */
    public PluginSchema check(EntityCheck check) {
        this.checks.add(check);
        return this;
    }

    public PluginSchema shorthand(Shorthand shorthand) {
        this.shorthands.add(shorthand);
        return this;
    }

    public String name() {
        return name;
    }

    /** The config record definition, or null for a custom plugin. */
    public Field config() {
        return config;
    }

    public boolean isCustom() {
        return config == null;
    }

    public List<String> protocolsDefault() {
        return protocolsDefault;
    }

    public List<String> protocolsAllowed() {
        return protocolsAllowed;
    }

    public Scope scope() {
        return scope;
    }

    public List<Shorthand> shorthands() {
        return List.copyOf(shorthands);
    }

    /**
     * {@code config} as Kong 3.9 answers it: every deprecated shorthand that names its replacement is added back,
     * holding the value at the field it stands for (rate-limiting's {@code redis_host} next to {@code redis.host}).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> withEchoedShorthands(Map<String, Object> config) {
        if (config == null || shorthands.stream().noneMatch(Shorthand::echoed)) {
            return config;
        }
        Map<String, Object> out = (Map<String, Object>) io.kongsync.model.Values.deepCopy(config);
        for (Shorthand s : shorthands) {
            if (!s.echoed() || s.isDropped()) {
                continue;
            }
            String[] from = s.from().split("\\.");
            Map<String, Object> parent = out;
            for (int i = 0; i < from.length - 1 && parent != null; i++) {
                parent = parent.get(from[i]) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            }
            if (parent != null) {
                parent.put(from[from.length - 1], Values.deepCopy(EntityChecks.get(config, s.to())));
            }
        }
        return out;
    }

    public List<EntityCheck> checks() {
        return List.copyOf(checks);
    }

    /** The full plugin entity schema with this plugin's config and protocols applied (Kong's subschema). */
    public synchronized RecordSchema entitySchema() {
        if (entitySchema == null) {
            List<Field> fields = new ArrayList<>();
            for (Field base : KongSchemas.pluginEntityFields()) {
                fields.add(switch (base.name()) {
                    case "config" -> config != null ? config : Field.any("config");
                    case "protocols" -> Field.set("protocols", Field.string().oneOf(protocolsAllowed.toArray()))
                            .required().def(protocolsDefault);
                    default -> base;
                });
            }
            Map<String, String> aliases = new HashMap<>();
            for (Shorthand s : shorthands) {
                if (!s.isDropped()) {
                    aliases.put("config." + s.from(), "config." + s.to());
                }
            }
            entitySchema = new RecordSchema(fields, checks, List.of(), aliases);
        }
        return entitySchema;
    }
}
