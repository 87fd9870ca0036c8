package io.kongsync.dump;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a state read from Kong as a decK-format file that loads back to the same state: nested the way people write
 * decK files, ids and timestamps left out, defaults left out, the ownership and select tags left to the loader.
 * Loading the dump with {@code StateLoader.loadDesired} and planning it against the state it came from plans nothing.
 * <p>
 * Ids are written only where a file needs them: certificates without SNIs (an id is their only identity) and CA
 * certificates (services list CA certificates by id). Basic-auth passwords are written as the SHA-1 hash Kong keeps
 * (Kong never returns the plaintext); that plans as unchanged against the same Kong, and a warning says to replace it
 * before the dump is synced anywhere else.
 */
public final class Dumper {

    /** Keys written first, in this order, when an entity has them; the rest follow alphabetically. */
    private static final List<String> IDENTITY_FIRST =
            List.of("id", "name", "username", "custom_id", "target", "group", "snis", "cert", "key");
    private static final List<String> PLUGIN_PARENTS = List.of("service", "route", "consumer");
    /** Computed by Kong from {@code cert}; a file never needs it. */
    private static final Set<String> COMPUTED = Set.of("cert_digest");

    private final State state;
    private final DumpOptions options;
    private final List<String> warnings = new ArrayList<>();
    private final Set<EntityKey> written = new HashSet<>();
    private final Map<EntityKey, Map<String, Object>> rendered = new HashMap<>();
    private final Map<String, List<Object>> sections = new LinkedHashMap<>();

    private Dumper(State state, DumpOptions options) {
        this.state = state;
        this.options = options;
    }

    public static Dump dump(State current, DumpOptions options) {
        return new Dumper(current, options).run();
    }

    private Dump run() {
        // A State iterates kind by kind in dependency order, so a parent is decided and rendered before its children.
        for (Entity entity : state.entities().values()) {
            if (!isSelected(entity)) {
                continue;
            }
            String problem = whyUnwritable(entity);
            if (problem != null) {
                warnings.add(describe(entity.key()) + ": left out, " + problem
                        + "; a plan from this dump would delete it");
                continue;
            }
            written.add(entity.key());
            place(entity);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_format_version", "3.0");
        if (!options.selectTags().isEmpty()) {
            document.put("_info", Map.of("select_tags", new ArrayList<>(new TreeSet<>(options.selectTags()))));
        }
        document.putAll(sections);
        return new Dump(YamlText.write(document), warnings);
    }

    private boolean isSelected(Entity entity) {
        Set<String> tags = entity.tags();
        return tags.containsAll(options.selectTags())
                && (options.includeUnmanaged() || tags.contains(options.ownershipTag()));
    }

    /** Why the entity cannot be written in a file that loads back, or null when it can. */
    private String whyUnwritable(Entity entity) {
        if (entity.key().id() != null && !entity.kind().spec().idWhenUnnamed()) {
            return "it has no " + identityWord(entity.kind()) + " for kongsync to identify it by";
        }
        for (Object value : entity.fields().values()) {
            if (value instanceof EntityKey ref && !written.contains(ref) && kongOnly(ref).isEmpty()) {
                return "it refers to " + describe(ref) + ", which is not in the dump";
            }
        }
        return null;
    }

    /**
     * An entity Kong holds that is not kongsync's to dump (made by hand, or outside the select tags): referred to by
     * its id, as a file may refer to what only Kong holds. Empty for one that is kongsync's but left out.
     */
    private Optional<Entity> kongOnly(EntityKey ref) {
        return state.get(ref).filter(entity -> !isSelected(entity));
    }

    private void place(Entity entity) {
        EntityKey parent = parentOf(entity);
        Map<String, Object> fields = render(entity, parent);
        rendered.put(entity.key(), fields);
        if (parent == null) {
            sections.computeIfAbsent(entity.kind().collection(), k -> new ArrayList<>()).add(fields);
        } else {
            childList(rendered.get(parent), entity.kind().collection()).add(fields);
        }
        if (entity.kind() == EntityKind.OAUTH2_CREDENTIAL && Boolean.TRUE.equals(entity.field("hash_secret"))) {
            warnings.add(describe(entity.key()) + ": Kong returns only a PBKDF2 hash of the client secret, and the dump "
                    + "holds that hash, which Kong would hash again, making the hash the secret clients must send: put "
                    + "the plaintext (or an env reference) in its place before syncing the dump.");
        }
        if (entity.kind() == EntityKind.BASICAUTH_CREDENTIAL) {
            warnings.add(describe(entity.key()) + ": Kong returns only a salted SHA-1 hash of the password, and the "
                    + "dump holds that hash. It plans as unchanged against this Kong, but a new credential created "
                    + "from it would have the hash as its password: put the plaintext (or an env reference) in its "
                    + "place before syncing the dump to another Kong.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> childList(Map<String, Object> parent, String collection) {
        return (List<Object>) parent.computeIfAbsent(collection, k -> new ArrayList<>());
    }

    /** The entity it is nested in, or null for a top-level entity. */
    private EntityKey parentOf(Entity entity) {
        // decK also nests a route under its service and a plugin under its only scope
        if (entity.kind() == EntityKind.ROUTE) {
            return entity.field("service") instanceof EntityKey service && written.contains(service) ? service : null;
        }
        if (entity.kind() == EntityKind.PLUGIN) {
            EntityKey only = null;
            int scopes = 0;
            for (String parent : PLUGIN_PARENTS) {
                if (entity.field(parent) instanceof EntityKey ref) {
                    only = ref;
                    scopes++;
                }
            }
            return scopes == 1 && written.contains(only) ? only : null;
        }
        // a parent only Kong holds is not in the dump: the entity goes at the top level, referring to it by id
        return entity.kind().spec().isNested() && entity.field(entity.kind().spec().parentField()) instanceof EntityKey
                parent && written.contains(parent) ? parent : null;
    }

    private Map<String, Object> render(Entity entity, EntityKey parent) {
        RecordSchema schema = schemaOf(entity);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entity.fields().entrySet()) {
            Object value = e.getValue();
            if (COMPUTED.contains(e.getKey()) || value == null || (parent != null && parent.equals(value))) {
                continue;
            }
            if ("tags".equals(e.getKey())) {
                value = userTags(value);
                if (value == null) {
                    continue;
                }
            }
            if (value instanceof EntityKey ref) {
                Optional<Entity> onlyInKong = written.contains(ref) ? Optional.empty() : kongOnly(ref);
                value = onlyInKong.isPresent() ? onlyInKong.get().id().toString()
                        : ref.id() != null ? ref.id() : ref.name();
            }
            fields.put(e.getKey(), value);
        }
        Map<String, Object> pruned = DefaultPruner.prune(schema.fields(), fields);
        restoreWhatDefaultsWouldChange(entity, schema, pruned);
        if (entity.kind() == EntityKind.CA_CERTIFICATE || entity.key().id() != null
                || (entity.kind() == EntityKind.CERTIFICATE && !pruned.containsKey("snis"))) {
            pruned.put("id", entity.id().toString());
        }
        return ordered(pruned);
    }

    /**
     * Kong's input transforms can derive a value from another field (an upstream's algorithm follows hash_on), so a
     * value equal to its static default is not always safe to leave out: normalize what will be written, as loading
     * the file will, and put back every field that would come out different.
     */
    private static void restoreWhatDefaultsWouldChange(Entity entity, RecordSchema schema, Map<String, Object> pruned) {
        Map<String, Object> reloaded = entity.kind() == EntityKind.PLUGIN
                ? Normalizer.normalizePlugin(pluginSchema(entity), pruned)
                : Normalizer.normalize(schema, pruned);
        for (Field field : schema.fields()) {
            String name = field.name();
            if (field.type() == FieldType.FOREIGN || "tags".equals(name) || COMPUTED.contains(name)) {
                continue;
            }
            Object original = entity.field(name);
            if (!Objects.equals(reloaded.get(name), original)) {
                pruned.put(name, original);
            }
        }
    }

    private Object userTags(Object tags) {
        if (!(tags instanceof Collection<?> all)) {
            return null;
        }
        Set<String> kept = new TreeSet<>();
        for (Object tag : all) {
            String t = String.valueOf(tag);
            if (!t.equals(options.ownershipTag()) && !options.selectTags().contains(t)) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? null : new ArrayList<>(kept);
    }

    private static Map<String, Object> ordered(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : IDENTITY_FIRST) {
            if (fields.containsKey(key)) {
                out.put(key, fields.get(key));
            }
        }
        new TreeMap<>(fields).forEach(out::putIfAbsent);
        return out;
    }

    private static RecordSchema schemaOf(Entity entity) {
        return entity.kind() == EntityKind.PLUGIN ? pluginSchema(entity).entitySchema() : Schemas.entity(entity.kind());
    }

    private static PluginSchema pluginSchema(Entity plugin) {
        String name = plugin.field("name") instanceof String s ? s : plugin.key().name();
        return Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name));
    }

    private static String identityWord(EntityKind kind) {
        return switch (kind.spec().identity()) {
            case USERNAME_OR_CUSTOM_ID -> "username or custom_id";
            case FIRST_SNI -> "SNI";
            case FIELD -> kind.spec().identityField();
            case PLUGIN, CERT_DIGEST -> "name";
        };
    }

    /** {@code plugin rate-limiting (service echo-svc)}; a key-auth key is a secret and never named. */
    static String describe(EntityKey key) {
        String name = key.kind().spec().secretIdentity() ? MaskingPolicy.MASK : key.name();
        StringBuilder sb = new StringBuilder(key.kind().label()).append(' ').append(name);
        if (!key.scope().isEmpty()) {
            sb.append(" (");
            key.scope().forEach((k, v) -> sb.append(k).append(' ').append(v).append(", "));
            sb.setLength(sb.length() - 2);
            sb.append(')');
        }
        return sb.toString();
    }
}
