package io.kongsync.validate;

import io.kongsync.file.RawEntity;
import io.kongsync.file.RawRef;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.FieldError;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need more than one field or more than one entity: Kong's own rules for each entity (via the
 * schema catalogue), references that must resolve, and plugin names Kong 3.9 knows. Reports everything it finds; never stops at the first problem.
 */
public final class SemanticValidator {

    private static final KongValidator KONG = new KongValidator();

    private final State state;
    private final Map<EntityKey, RawEntity> sources;
    private final Set<String> customPlugins;
    private final RouterFlavor routerFlavor;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private SemanticValidator(State state, Map<EntityKey, RawEntity> sources, Set<String> customPlugins,
                              RouterFlavor routerFlavor) {
        this.state = state;
        this.sources = sources;
        this.customPlugins = customPlugins;
        this.routerFlavor = routerFlavor;
    }

    /** Routes checked as a node of Kong's default router flavor checks them. */
    public static List<Diagnostic> validate(List<RawEntity> raw, State state, Map<EntityKey, RawEntity> sources,
                                            Set<String> customPlugins) {
        return validate(raw, state, sources, customPlugins, RouterFlavor.DEFAULT);
    }

    /**
     * @param raw           every flat entity read, including ones that could not be identified
     * @param state         the desired state built from them
     * @param sources       for each entity in the state, what it was built from
     * @param customPlugins plugin names accepted besides Kong's bundled ones
     * @param routerFlavor  the Kong router flavor routes are checked for; null when the Kong is not known yet
     *                      (then each route is checked as the flavor its fields need would check it, and
     *                      {@link RouterFlavorCheck} decides once the Kong has answered)
     */
    public static List<Diagnostic> validate(List<RawEntity> raw, State state, Map<EntityKey, RawEntity> sources,
                                            Set<String> customPlugins, RouterFlavor routerFlavor) {
        SemanticValidator v = new SemanticValidator(state, sources, customPlugins, routerFlavor);
        raw.parallelStream().map(v::kongRules).toList().forEach(v.diagnostics::addAll);
        Set<String> caCertificateIds = new HashSet<>();
        for (Entity ca : state.ofKind(EntityKind.CA_CERTIFICATE)) {
            caCertificateIds.add(ca.id().toString());
        }
        for (Entity entity : state.entities().values()) {
            v.references(entity, caCertificateIds);
        }
        v.sharedUniqueValues();
        return v.diagnostics;
    }

    /** Kong's own rules for one entity; pure, so entities are checked in parallel. */
    private List<Diagnostic> kongRules(RawEntity raw) {
        Map<String, Object> fields = new LinkedHashMap<>(raw.fields());
        fields.remove("id");
        fields.replaceAll((k, value) -> value instanceof RawRef ref ? ref.toString() : value);
        List<FieldError> errors;
        if (raw.kind() == EntityKind.PLUGIN) {
            String name = fields.get("name") instanceof String s ? s : null;
            if (name == null) {
                return List.of();
            }
            if (!Schemas.isBundled(name) && !customPlugins.contains(name)) {
                return List.of(new Diagnostic(raw.originOf("name"), "plugin '" + name + "' is not bundled with Kong "
                        + "3.9; if it is a custom plugin installed in your Kong, pass --custom-plugin " + name));
            }
            PluginSchema schema = Schemas.plugin(name).orElse(null);
            errors = schema == null ? List.of() : KONG.validatePlugin(schema, fields);
        } else if (raw.kind() == EntityKind.ROUTE) {
            errors = RouterFlavorCheck.routeErrors(fields, routerFlavor);
        } else {
            errors = KONG.validate(Schemas.entity(raw.kind()), fields);
        }
        List<Diagnostic> out = new ArrayList<>(errors.size());
        for (FieldError error : errors) {
            out.add(new Diagnostic(raw.originOf(error.path()), error.message()));
        }
        return out;
    }

    private void references(Entity entity, Set<String> caCertificateIds) {
        RawEntity raw = sources.get(entity.key());
        for (Map.Entry<String, Object> field : entity.fields().entrySet()) {
            // a reference by id may be to an entity made by hand in Kong: checked against Kong when planning
            if (field.getValue() instanceof EntityKey ref && ref.id() == null && state.get(ref).isEmpty()) {
                diagnostics.add(new Diagnostic(raw.originOf(field.getKey()),
                        ref.kind().label() + " '" + ref.name() + "' is not defined in the files"));
            }
        }
        if (entity.field("ca_certificates") instanceof Collection<?> ids) {
            int i = 0;
            for (Object id : ids) {
                if (!caCertificateIds.contains(String.valueOf(id))) {
                    diagnostics.add(new Diagnostic(raw.originOf("ca_certificates[" + i + "]"),
                            "ca_certificate '" + id + "' is not defined in the files"));
                }
                i++;
            }
        }
    }

    /**
     * Kong keeps some fields unique across all entities of a kind (an hmac-auth username, a key-auth key), while
     * kongsync identifies credentials within their consumer: two consumers declaring the same value would fail in
     * Kong mid-sync. The value is never quoted, since some of these fields are secrets.
     */
    private void sharedUniqueValues() {
        for (EntityKind kind : EntityKind.values()) {
            if (!kind.spec().isNested()) {
                continue; // top-level identities are the unique values themselves, checked as duplicates already
            }
            for (String field : kind.spec().uniqueFields()) {
                Map<Object, Entity> seen = new HashMap<>();
                for (Entity entity : state.ofKind(kind)) {
                    Object value = entity.field(field);
                    Entity first = value == null ? null : seen.putIfAbsent(value, entity);
                    if (first != null) {
                        diagnostics.add(new Diagnostic(sources.get(entity.key()).originOf(field), "the same " + field
                                + " as the " + kind.label() + " of " + scopeOf(first) + " (" + first.origin().position()
                                + "); Kong keeps " + kind.collection() + "' " + field + " unique across "
                                + kind.parent().map(EntityKind::collection).orElse("entities")));
                    }
                }
            }
        }
    }

    private static String scopeOf(Entity entity) {
        return entity.key().scope().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse(entity.kind().label());
    }
}
