package io.kongsync.validate;

import io.kongsync.file.RawEntity;
import io.kongsync.file.RawRef;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.FieldError;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.Pbkdf2Secret;
import io.kongsync.schema.PluginSchema;
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
 * schema catalogue), references that must resolve, plugin names Kong 3.9 knows, and routes that would match the same
 * traffic. Reports everything it finds; never stops at the first problem.
 */
public final class SemanticValidator {

    private static final KongValidator KONG = new KongValidator();

    private final State state;
    private final Map<EntityKey, RawEntity> sources;
    private final Set<String> customPlugins;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private SemanticValidator(State state, Map<EntityKey, RawEntity> sources, Set<String> customPlugins) {
        this.state = state;
        this.sources = sources;
        this.customPlugins = customPlugins;
    }

    /**
     * @param raw           every flat entity read, including ones that could not be identified
     * @param state         the desired state built from them
     * @param sources       for each entity in the state, what it was built from
     * @param customPlugins plugin names accepted besides Kong's bundled ones
     */
    public static List<Diagnostic> validate(List<RawEntity> raw, State state, Map<EntityKey, RawEntity> sources,
                                            Set<String> customPlugins) {
        SemanticValidator v = new SemanticValidator(state, sources, customPlugins);
        raw.parallelStream().map(v::kongRules).toList().forEach(v.diagnostics::addAll);
        Set<String> caCertificateIds = new HashSet<>();
        for (Entity ca : state.ofKind(EntityKind.CA_CERTIFICATE)) {
            caCertificateIds.add(ca.id().toString());
        }
        for (Entity entity : state.entities().values()) {
            v.references(entity, caCertificateIds);
        }
        v.identicalRoutes();
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
        } else {
            errors = KONG.validate(Schemas.entity(raw.kind()), fields);
        }
        List<Diagnostic> out = new ArrayList<>(errors.size());
        for (FieldError error : errors) {
            out.add(new Diagnostic(raw.originOf(error.path()), error.message()));
        }
        if (Boolean.TRUE.equals(fields.get("hash_secret")) && fields.get("client_secret") instanceof String secret
                && Pbkdf2Secret.isHash(secret)) {
            out.add(new Diagnostic(raw.originOf("client_secret"), "is Kong's hash of a secret: with hash_secret true, "
                    + "Kong would hash it again and the secret would no longer work; write the secret itself "
                    + "(for example from ${{ env \"DECK_...\" }})"));
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

    private static final List<String> MATCHERS =
            List.of("protocols", "methods", "hosts", "paths", "headers", "snis", "sources", "destinations");

    private void identicalRoutes() {
        Map<List<Object>, Entity> seen = new HashMap<>();
        for (Entity route : state.ofKind(EntityKind.ROUTE)) {
            List<Object> criteria = new ArrayList<>(MATCHERS.size());
            for (String m : MATCHERS) {
                Object value = route.field(m);
                if (value instanceof List<?> list) {
                    List<Object> sorted = new ArrayList<>(list);
                    sorted.sort(io.kongsync.model.Values.ORDER);
                    value = sorted;
                }
                criteria.add(value);
            }
            Entity first = seen.putIfAbsent(criteria, route);
            if (first != null) {
                diagnostics.add(new Diagnostic(sources.get(route.key()).origin(), "route '" + route.key().name()
                        + "' has the same matching criteria as route '" + first.key().name() + "' ("
                        + first.origin().position() + "); Kong could not tell their traffic apart"));
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
