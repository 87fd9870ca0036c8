package io.kongsync.state;

import io.kongsync.file.RawEntity;
import io.kongsync.file.RawRef;
import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.KindSpec;
import io.kongsync.model.Values;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.Schemas;
import io.kongsync.validate.Diagnostic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns flat entities into a normalized {@link io.kongsync.model.State}: identity keys, ids (derived from the key
 * unless the file pins one), references resolved to keys, defaults filled, and, for the desired state, the ownership
 * and select tags added. Duplicate identities are reported here, naming both places.
 */
public final class StateBuilder {

    /**
     * @param ownershipTag the tag that marks what kongsync manages
     * @param selectTags   the files' {@code _info.select_tags}
     * @param desired      true for the files' state (tags added, names required); false for a current state read
     *                     from Kong or an echo of it (taken as it is)
     * @param stored       true for Kong's own answer: what Kong stored, so its input shorthands (an upstream's
     *                     {@code hash_on} setting its algorithm) are not applied again
     */
    public record Options(String ownershipTag, Set<String> selectTags, boolean desired, boolean stored) {

        public Options(String ownershipTag, Set<String> selectTags, boolean desired) {
            this(ownershipTag, selectTags, desired, false);
        }

        public static final String DEFAULT_OWNERSHIP_TAG = "managed-by:kongsync";

        public static Options desired(Set<String> selectTags) {
            return new Options(DEFAULT_OWNERSHIP_TAG, selectTags, true);
        }

        public static Options current() {
            return new Options(DEFAULT_OWNERSHIP_TAG, Set.of(), false);
        }
    }

    public record Result(io.kongsync.model.State state, List<Diagnostic> diagnostics, Map<EntityKey, RawEntity> sources) {
    }

    private final Options options;
    private final Map<EntityKey, Entity> entities = new TreeMap<>();
    private final Map<EntityKey, RawEntity> sources = new HashMap<>();
    private final Map<String, EntityKey> keysById = new HashMap<>();
    private final Map<String, Entity> filesIds = new HashMap<>();
    private final Map<String, EntityKey> consumersByName = new HashMap<>();
    private final Map<String, EntityKey> certificatesByName = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private StateBuilder(Options options) {
        this.options = options;
    }

    public static Result build(List<RawEntity> raw, Options options) {
        StateBuilder builder = new StateBuilder(options);
        List<RawEntity> ordered = new ArrayList<>(raw);
        ordered.sort(Comparator.comparing(RawEntity::kind));
        // Normalizing is pure and most of the work: done in parallel. Keys and references depend on entities
        // already added (parents come first), so that part stays in order.
        List<Prepared> prepared = ordered.parallelStream().map(builder::prepare).toList();
        for (Prepared entity : prepared) {
            builder.add(entity);
        }
        return new Result(new io.kongsync.model.State(builder.entities), List.copyOf(builder.diagnostics),
                builder.sources);
    }

    /** An entity normalized but not yet keyed; {@code problem} is set when it cannot be used. */
    private record Prepared(RawEntity raw, UUID explicitId, Map<String, Object> fields, Diagnostic problem) {
    }

    private Prepared prepare(RawEntity raw) {
        Map<String, Object> fields = new LinkedHashMap<>(raw.fields());
        Object id = fields.remove("id");
        fields.remove("created_at");
        fields.remove("updated_at");
        UUID explicitId = null;
        if (id != null) {
            try {
                explicitId = UUID.fromString(String.valueOf(id));
            } catch (IllegalArgumentException e) {
                return new Prepared(raw, null, null, new Diagnostic(raw.originOf("id"), "expected a UUID"));
            }
        }
        if (explicitId == null && options.desired() && raw.kind() == EntityKind.CERTIFICATE
                && strings(fields.get("snis")).isEmpty()) {
            explicitId = idOfUnnamedCertificate(fields);
        }
        return new Prepared(raw, explicitId, normalize(raw.kind(), fields, options.stored()), null);
    }

    /**
     * A certificate with neither SNIs nor an id is identified by its certificate, as decK identifies it by its
     * content: its id is derived from the certificate's digest (never from the private key), so Kong's answer, known
     * by id, is the same entity on the next sync. Null when the certificate cannot be read (its own check says why).
     */
    private static UUID idOfUnnamedCertificate(Map<String, Object> fields) {
        if (!(fields.get("cert") instanceof String cert)) {
            return null;
        }
        try {
            return UUID.nameUUIDFromBytes(("certificate:" + Pem.certificateDigest(cert))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private void add(Prepared prepared) {
        if (prepared.problem() != null) {
            diagnostics.add(prepared.problem());
            return;
        }
        RawEntity raw = prepared.raw();
        UUID explicitId = prepared.explicitId();
        Map<String, Object> normalized = prepared.fields();
        normalized.replaceAll((name, value) -> value instanceof RawRef ref ? resolve(ref) : value);
        EntityKey key = identify(raw, normalized, explicitId);
        if (key == null) {
            return;
        }
        if (options.desired()) {
            normalized.put("tags", withOwnership(normalized.get("tags")));
        }
        Entity previous = entities.get(key);
        if (previous != null) {
            if (options.desired()) {
                diagnostics.add(new Diagnostic(raw.origin(), "duplicate " + key.kind().label() + " '" + displayName(key)
                        + "'" + scopeText(key) + ": also defined at " + previous.origin().position()));
            }
            return;
        }
        if (options.desired() && explicitId != null && idTaken(raw, key, explicitId)) {
            return;
        }
        UUID id = explicitId != null ? explicitId : key.deterministicId();
        Entity entity = new Entity(key, id, normalized, raw.origin(), sensitivePaths(raw));
        if (options.desired() && explicitId != null) {
            filesIds.put(key.kind() + ":" + explicitId, entity);
        }
        entities.put(key, entity);
        sources.put(key, raw);
        index(entity, raw);
    }

    /** Two entities of a kind with one id would be one entity in Kong, the second overwriting the first. */
    private boolean idTaken(RawEntity raw, EntityKey key, UUID id) {
        Entity holder = filesIds.get(key.kind() + ":" + id);
        if (holder == null) {
            return false;
        }
        diagnostics.add(new Diagnostic(raw.originOf("id"), key.kind().label() + " id " + id + " is also the id of "
                + key.kind().label() + " '" + displayName(holder.key()) + "'" + scopeText(holder.key()) + " ("
                + holder.origin().position() + ")"));
        return true;
    }

    /** A service's {@code url} becomes protocol, host, port and path: a substituted url makes all four sensitive. */
    private static Set<String> sensitivePaths(RawEntity raw) {
        if (raw.kind() != EntityKind.SERVICE || !raw.sensitivePaths().contains("url")) {
            return raw.sensitivePaths();
        }
        Set<String> paths = new HashSet<>(raw.sensitivePaths());
        paths.addAll(List.of("protocol", "host", "port", "path"));
        return paths;
    }

    private Object resolve(RawRef ref) {
        if (ref.id() != null) {
            EntityKey key = keysById.get(ref.id());
            return key != null ? key : EntityKey.byId(ref.kind(), ref.id(), Map.of());
        }
        if (ref.kind() == EntityKind.CONSUMER) {
            return consumersByName.getOrDefault(ref.name(), EntityKey.of(ref.kind(), ref.name()));
        }
        if (ref.kind() == EntityKind.CERTIFICATE) {
            return certificatesByName.getOrDefault(ref.name(), EntityKey.of(ref.kind(), ref.name()));
        }
        return EntityKey.of(ref.kind(), ref.name());
    }

    private static Map<String, Object> normalize(EntityKind kind, Map<String, Object> fields, boolean stored) {
        if (kind == EntityKind.PLUGIN) {
            String name = String.valueOf(fields.get("name"));
            PluginSchema schema = Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name));
            return new LinkedHashMap<>(Normalizer.normalizePlugin(schema, fields));
        }
        return new LinkedHashMap<>(stored ? Normalizer.normalizeStored(Schemas.entity(kind), fields)
                : Normalizer.normalize(Schemas.entity(kind), fields));
    }

    private EntityKey identify(RawEntity raw, Map<String, Object> f, UUID explicitId) {
        EntityKind kind = raw.kind();
        Map<String, String> scope = new TreeMap<>();
        KindSpec spec = kind.spec();
        String name = switch (spec.identity()) {
            case FIELD -> text(f.get(spec.identityField()));
            case USERNAME_OR_CUSTOM_ID -> f.get("username") != null ? text(f.get("username")) : text(f.get("custom_id"));
            case PLUGIN -> {
                for (String parent : List.of("service", "route", "consumer")) {
                    if (f.get(parent) instanceof EntityKey ref) {
                        scope.put(parent, ref.name());
                    }
                }
                yield text(f.get("name"));
            }
            case FIRST_SNI -> {
                List<String> snis = strings(f.get("snis"));
                yield !snis.isEmpty() ? snis.get(0) : explicitId != null ? explicitId.toString() : null;
            }
            case CERT_DIGEST -> digest(raw, f);
        };
        if (spec.isNested()) {
            scopeOf(f, spec.parentField(), scope);
        }
        if (name == null) {
            if (explicitId != null && (!options.desired() || spec.idWhenUnnamed())) {
                return EntityKey.byId(kind, explicitId.toString(), scope);
            }
            if (spec.identity() != KindSpec.Identity.CERT_DIGEST) {
                diagnostics.add(new Diagnostic(raw.originOf(spec.identityField()), missingIdentity(kind)));
            }
            return null;
        }
        return new EntityKey(kind, name, scope);
    }

    private static void scopeOf(Map<String, Object> f, String parent, Map<String, String> scope) {
        if (f.get(parent) instanceof EntityKey ref) {
            scope.put(parent, ref.name());
        }
    }

    private String digest(RawEntity raw, Map<String, Object> f) {
        if (f.get("cert_digest") instanceof String digest && !options.desired()) {
            return digest;
        }
        if (!(f.get("cert") instanceof String cert)) {
            diagnostics.add(new Diagnostic(raw.originOf("cert"), "required field missing"));
            return null;
        }
        try {
            return Pem.certificateDigest(cert);
        } catch (IllegalArgumentException e) {
            diagnostics.add(new Diagnostic(raw.originOf("cert"), e.getMessage()));
            return null;
        }
    }

    private static String missingIdentity(EntityKind kind) {
        KindSpec spec = kind.spec();
        return switch (spec.identity()) {
            case USERNAME_OR_CUSTOM_ID -> "at least one of these fields must be non-empty: 'custom_id', 'username'";
            case FIRST_SNI -> "a certificate needs at least one sni or an id, so kongsync can identify it";
            case FIELD, PLUGIN, CERT_DIGEST -> {
                if (spec.isNested() && Schemas.entity(kind).field(spec.identityField()) != null
                        && Schemas.entity(kind).field(spec.identityField()).isAuto()) {
                    String field = spec.identityField();
                    String what = kind.parent().filter(p -> p == EntityKind.CONSUMER).isPresent()
                            ? "credentials" : kind.collection();
                    yield field + " is required: kongsync identifies " + what + " by their " + field + ", and a "
                            + field + " Kong generates would differ on every sync";
                }
                if (spec.idWhenUnnamed()) {
                    yield "a " + kind.label() + " needs a " + spec.identityField() + " or an id: kongsync identifies "
                            + kind.collection() + " by " + spec.identityField() + ", or by id when they have none";
                }
                yield spec.identityField() + " is required: kongsync identifies " + kind.collection() + " by "
                        + spec.identityField();
            }
        };
    }

    private Object withOwnership(Object tags) {
        TreeSet<String> out = new TreeSet<>(strings(tags));
        out.add(options.ownershipTag());
        out.addAll(options.selectTags());
        return new ArrayList<>(out);
    }

    private void index(Entity entity, RawEntity raw) {
        if (!options.desired()) {
            keysById.put(entity.id().toString(), entity.key());
        }
        if (entity.kind() == EntityKind.CONSUMER) {
            for (String field : List.of("username", "custom_id")) {
                if (entity.field(field) instanceof String s) {
                    consumersByName.putIfAbsent(s, entity.key());
                }
            }
        }
        if (entity.kind() == EntityKind.CERTIFICATE) {
            for (String sni : strings(entity.field("snis"))) {
                certificatesByName.putIfAbsent(sni, entity.key());
            }
            certificatesByName.putIfAbsent(entity.id().toString(), entity.key());
        }
        if (entity.kind() == EntityKind.CA_CERTIFICATE || raw.fields().containsKey("id")) {
            keysById.put(entity.id().toString(), entity.key());
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isEmpty() ? s : value instanceof Number n ? Values.canonicalNumber(n).toString() : null;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(String.valueOf(o));
                }
            }
        }
        out.sort(null);
        return out;
    }

    static String displayName(EntityKey key) {
        return key.kind().spec().secretIdentity() ? MaskingPolicy.MASK : key.name();
    }

    private static String scopeText(EntityKey key) {
        if (key.scope().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        key.scope().forEach((k, v) -> sb.append(k).append(' ').append(v).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }
}
