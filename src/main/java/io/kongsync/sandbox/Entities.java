package io.kongsync.sandbox;

import io.kongsync.sandbox.EntityType.Trait;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldError;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.Normalizer;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.schema.Schemas;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DAO of the sandbox: turns a request body into a stored row the way Kong does (schema validation, defaults,
 * foreign key resolution and checks, generated values, uniqueness) and deletes with Kong's cascade and restrict
 * rules. Callers hold the store's lock.
 */
final class Entities {

    enum Mode { INSERT, UPSERT, UPDATE }

    /** A row ready to store, and for certificates the SNI names to set (null: leave them as they are). */
    record Prepared(EntityType type, Map<String, Object> row, List<String> snis) {
        String id() {
            return (String) row.get("id");
        }
    }

    private static final Set<String> META = Set.of("id", "created_at", "updated_at");
    private final KongValidator validator = new KongValidator();
    private final RouterFlavor routerFlavor;

    Entities(RouterFlavor routerFlavor) {
        this.routerFlavor = routerFlavor;
    }

    /** The schema Kong validates a write with: routes depend on the node's router flavor. */
    private RecordSchema schemaOf(EntityType type) {
        return type.name().equals("routes") ? Schemas.routes(routerFlavor) : type.schema();
    }

    /**
     * Validates and completes a write. {@code id} is the row's id when the caller knows it (URL, existing row);
     * otherwise the body's id or a new one. {@code existing} is the stored row for updates and replacements.
     * With {@code checksOnly} it stops after schema validation and foreign-key resolution (DB-less writes).
     */
    Prepared prepare(Store store, EntityType type, Map<String, Object> body, String id, Map<String, Object> existing,
                     Mode mode, boolean transform, boolean checksOnly) {
        Map<String, Object> input = new LinkedHashMap<>(body);
        Object bodyId = input.remove("id");
        Object createdAt = input.remove("created_at");
        input.remove("updated_at");
        List<FieldError> errors = new ArrayList<>();
        if (id == null) {
            if (bodyId != null && !Ids.isUuid(bodyId)) {
                errors.add(new FieldError("id", "expected a valid UUID"));
            }
            id = Ids.isUuid(bodyId) ? ((String) bodyId).toLowerCase(java.util.Locale.ROOT) : Ids.random();
        }
        boolean snisGiven = input.containsKey(EntityType.SNI_NAMES);
        if (type.ownsSnis() && input.get(EntityType.SNI_NAMES) instanceof Collection<?> names) {
            Set<Object> seen = new HashSet<>();
            for (Object n : names) {
                if (!seen.add(n)) {
                    errors.add(new FieldError(EntityType.SNI_NAMES, n + " is duplicated"));
                    break;
                }
            }
        }

        PluginSchema plugin = null;
        RecordSchema schema = schemaOf(type);
        if (type.isPlugin()) {
            Object name = input.get("name");
            if (name == null) {
                errors.add(new FieldError("name", "required field missing"));
            } else if (!(name instanceof String)) {
                errors.add(new FieldError("name", "expected a string"));
            } else if ((plugin = PluginCatalog.schema((String) name)) == null) {
                errors.add(new FieldError("name", "plugin '" + name
                        + "' not enabled; add it to the 'plugins' configuration property"));
            }
            if (plugin == null) {
                throw Errors.schemaViolation(errors);
            }
            schema = plugin.entitySchema();
            errors.addAll(validator.validatePlugin(plugin, input));
        } else {
            errors.addAll(validator.validate(schema, input));
        }
        if (!errors.isEmpty()) {
            throw Errors.schemaViolation(errors);
        }
        Map<String, Object> fields = plugin != null ? Normalizer.normalizePlugin(plugin, input)
                : Normalizer.normalize(schema, input);
        keepSetOrder(schema, input, fields);
        keepEmptyCollections(schema.fields(), input, fields);
        resolveForeignKeys(store, schema, fields);
        if (checksOnly) {
            return new Prepared(type, fields, null);
        }
        for (Reference r : type.references()) {
            String parentId = Table.foreignId(fields.get(r.field()));
            if (parentId != null && store.table(r.parent()).get(parentId) == null) {
                throw Errors.foreignKey(r.field(), parentId, r.parent());
            }
        }
        if (plugin != null) {
            checkPluginProtocols(store, fields);
        }

        List<String> snis = null;
        if (type.ownsSnis()) {
            Object given = fields.remove(EntityType.SNI_NAMES);
            if (snisGiven || mode != Mode.UPDATE) {
                snis = new ArrayList<>();
                if (given instanceof Collection<?> c) {
                    for (Object n : c) {
                        snis.add(String.valueOf(n));
                    }
                }
            }
        }
        generate(type, schema, fields, transform);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        long millis = store.clock().millis();
        Object now = type.floatTimestamps() ? BigDecimal.valueOf(millis, 3) : (Object) (millis / 1000);
        if (createdAt instanceof Number n) {
            row.put("created_at", type.floatTimestamps() ? n : (Object) n.longValue());
        } else if (mode == Mode.UPDATE && existing != null) {
            row.put("created_at", existing.get("created_at"));
        } else {
            row.put("created_at", now);
        }
        if (type.hasUpdatedAt()) {
            row.put("updated_at", now);
        }
        for (Field f : schema.fields()) {
            if (!(type.ownsSnis() && f.name().equals(EntityType.SNI_NAMES))) {
                row.put(f.name(), fields.get(f.name()));
            }
        }

        Table table = store.table(type);
        if (mode == Mode.INSERT && table.get(id) != null) {
            throw Errors.primaryKey(id);
        }
        for (int i = 0; i < type.uniques().size(); i++) {
            String other = table.findUnique(i, row);
            if (other != null && !other.equals(id)) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String f : type.uniques().get(i)) {
                    values.put(f, row.get(f));
                }
                throw Errors.unique(values);
            }
        }
        if (snis != null) {
            Table sniTable = store.table("snis");
            for (String name : snis) {
                String sniId = sniTable.findBy("name", name);
                if (sniId != null) {
                    String owner = Table.foreignId(sniTable.get(sniId).get("certificate"));
                    if (!id.equals(owner)) {
                        throw Errors.schemaViolation(List.of(new FieldError(EntityType.SNI_NAMES,
                                name + " already associated with existing certificate '" + owner + "'")));
                    }
                }
            }
        }
        return new Prepared(type, java.util.Collections.unmodifiableMap(row), snis);
    }

    /** Stores a prepared row; a certificate's SNI list replaces its SNI entities. */
    void commit(Store store, Prepared prepared) {
        store.table(prepared.type()).put(prepared.row());
        if (prepared.snis() == null) {
            return;
        }
        Table sniTable = store.table("snis");
        String certId = prepared.id();
        Set<String> wanted = new HashSet<>(prepared.snis());
        for (String sniId : new ArrayList<>(sniTable.childrenOf("certificate", certId))) {
            if (!wanted.remove(String.valueOf(sniTable.get(sniId).get("name")))) {
                sniTable.remove(sniId);
            }
        }
        long now = store.clock().millis() / 1000;
        for (String name : prepared.snis()) {
            if (wanted.contains(name)) {
                Map<String, Object> sni = new LinkedHashMap<>();
                sni.put("id", Ids.random());
                sni.put("created_at", now);
                sni.put("updated_at", now);
                sni.put("name", name);
                sni.put("certificate", foreign(certId));
                sni.put("tags", null);
                sniTable.put(java.util.Collections.unmodifiableMap(sni));
            }
        }
    }

    /** Deletes a row with Kong's rules: restricted references refuse (nothing changes), cascades follow. */
    void delete(Store store, EntityType type, String id) {
        for (EntityType child : EntityType.ALL) {
            for (Reference r : child.references()) {
                if (r.parent().equals(type.name()) && r.onDelete() == Reference.OnDelete.RESTRICT
                        && !store.table(child).childrenOf(r.field(), id).isEmpty()) {
                    throw Errors.referencedBy(child.name(), type.name());
                }
            }
        }
        if (type.has(Trait.CA_REFERENCE_CHECK)) {
            for (Map<String, Object> service : store.table("services").all()) {
                if (service.get("ca_certificates") instanceof Collection<?> ids && ids.contains(id)) {
                    throw ApiError.dao(400, 19, "referenced by others",
                            "ca certificate " + id + " is still referenced by services (id = " + service.get("id") + ")", null);
                }
            }
        }
        cascade(store, type, id);
    }

    private void cascade(Store store, EntityType type, String id) {
        for (EntityType child : EntityType.ALL) {
            for (Reference r : child.references()) {
                if (r.parent().equals(type.name()) && r.onDelete() == Reference.OnDelete.CASCADE) {
                    for (String childId : new ArrayList<>(store.table(child).childrenOf(r.field(), id))) {
                        cascade(store, child, childId);
                    }
                }
            }
        }
        store.table(type).remove(id);
    }

    /** The row as the Admin API shows it: certificates carry their SNI names, sorted; an expiring row its TTL left. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> view(Store store, EntityType type, Map<String, Object> row) {
        if (type.isPlugin() && row.get("config") instanceof Map<?, ?> config
                && row.get("name") instanceof String name && PluginCatalog.schema(name) != null) {
            // Kong 3.9 answers a deprecated shorthand next to the field it stands for
            Map<String, Object> out = new LinkedHashMap<>(row);
            out.put("config", PluginCatalog.schema(name).withEchoedShorthands((Map<String, Object>) config));
            return out;
        }
        if (type.hasTtl()) {
            Map<String, Object> out = new LinkedHashMap<>(row);
            out.put("ttl", store.table(type).secondsLeft((String) row.get("id")));
            return out;
        }
        if (!type.ownsSnis()) {
            return row;
        }
        Table sniTable = store.table("snis");
        TreeSet<String> names = new TreeSet<>();
        for (String sniId : sniTable.childrenOf("certificate", (String) row.get("id"))) {
            names.add(String.valueOf(sniTable.get(sniId).get("name")));
        }
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put(EntityType.SNI_NAMES, new ArrayList<>(names));
        return out;
    }

    /** A row by id (a UUID) or endpoint key; certificates also by SNI name. Null when there is none. */
    static Map<String, Object> find(Store store, EntityType type, String ident) {
        Table table = store.table(type);
        if (Ids.isUuid(ident)) {
            return table.get(ident.toLowerCase(java.util.Locale.ROOT));
        }
        if (type.addressedBySni()) {
            Table snis = store.table("snis");
            String sniId = snis.findBy("name", ident);
            return sniId == null ? null : table.get(Table.foreignId(snis.get(sniId).get("certificate")));
        }
        if (type.endpointKey() == null) {
            return null;
        }
        String id = table.findBy(type.endpointKey(), ident);
        return id == null ? null : table.get(id);
    }

    /** The body of a PATCH merged over the stored row: records deep-merged, everything else replaced. */
    static Map<String, Object> merged(EntityType type, Map<String, Object> row, Map<String, Object> body) {
        Map<String, Object> base = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!META.contains(k)) {
                base.put(k, v);
            }
        });
        RecordSchema schema = type.schema();
        if (type.isPlugin()) {
            PluginSchema plugin = PluginCatalog.schema(String.valueOf(row.get("name")));
            schema = plugin == null ? null : plugin.entitySchema();
        }
        return merge(schema == null ? List.of() : schema.fields(), base, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(List<Field> fields, Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        patch.forEach((k, v) -> {
            Field f = null;
            for (Field candidate : fields) {
                if (candidate.name().equals(k)) {
                    f = candidate;
                    break;
                }
            }
            Object old = out.get(k);
            boolean record = f != null && (f.type() == FieldType.RECORD || (f.type() == FieldType.ANY && k.equals("config")));
            if (record && old instanceof Map<?, ?> o && v instanceof Map<?, ?> n) {
                out.put(k, merge(f.type() == FieldType.RECORD ? f.fields() : List.of(),
                        (Map<String, Object>) o, (Map<String, Object>) n));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    // ---- steps of prepare -------------------------------------------------------------------------------------------

    /**
     * Kong de-duplicates sets but keeps the order they were written in (the catalogue's normalizer sorts them, for
     * comparisons): scalar sets are echoed in the caller's order.
     */
    private static void keepSetOrder(RecordSchema schema, Map<String, Object> input, Map<String, Object> fields) {
        for (Field f : schema.fields()) {
            if (f.type() != FieldType.SET || !(input.get(f.name()) instanceof List<?> written)
                    || !(fields.get(f.name()) instanceof List<?> normalized) || normalized.isEmpty()) {
                continue;
            }
            java.util.LinkedHashSet<Object> ordered = new java.util.LinkedHashSet<>();
            for (Object o : written) {
                if (o instanceof Map || o instanceof Collection) {
                    ordered = null;
                    break;
                }
                ordered.add(o instanceof Number n ? io.kongsync.model.Values.canonicalNumber(n) : o);
            }
            if (ordered != null && ordered.size() == normalized.size()) {
                fields.put(f.name(), new ArrayList<>(ordered));
            }
        }
    }

    /**
     * An empty array, set or map written is stored and echoed as empty, as Kong does (the catalogue's normalizer
     * makes it null, for comparisons); records are followed, so a plugin's config keeps its empty lists too.
     */
    @SuppressWarnings("unchecked")
    private static void keepEmptyCollections(List<Field> schema, Map<String, Object> input, Map<String, Object> fields) {
        for (Field f : schema) {
            Object written = input.get(f.name());
            boolean collection = f.type() == FieldType.ARRAY || f.type() == FieldType.SET || f.type() == FieldType.MAP;
            if (collection && (written instanceof Collection<?> c && c.isEmpty()) && fields.get(f.name()) == null) {
                fields.put(f.name(), new ArrayList<>());
            } else if (collection && (written instanceof Map<?, ?> m && m.isEmpty()) && fields.get(f.name()) == null) {
                fields.put(f.name(), new LinkedHashMap<>());
            } else if (f.type() == FieldType.RECORD && written instanceof Map<?, ?> in
                    && fields.get(f.name()) instanceof Map<?, ?> out) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) out);
                keepEmptyCollections(f.fields(), (Map<String, Object>) in, copy);
                fields.put(f.name(), copy);
            }
        }
    }

    /** Foreign keys given by endpoint key ({@code {"name": "svc"}}) become {@code {"id": ...}}; unknown keys are code 13. */
    @SuppressWarnings("unchecked")
    private static void resolveForeignKeys(Store store, RecordSchema schema, Map<String, Object> fields) {
        for (Field f : schema.fields()) {
            if (f.type() != FieldType.FOREIGN || fields.get(f.name()) == null) {
                continue;
            }
            Object value = fields.get(f.name());
            EntityType parent = EntityType.byName(f.reference().collection());
            if (value instanceof String s) {
                value = Ids.isUuid(s) || parent.endpointKey() == null ? Map.of("id", s) : Map.of(parent.endpointKey(), s);
            }
            Map<String, Object> fk = (Map<String, Object>) value;
            if (fk.get("id") != null) {
                fields.put(f.name(), foreign(String.valueOf(fk.get("id")).toLowerCase(java.util.Locale.ROOT)));
                continue;
            }
            String key = parent.endpointKey();
            Object keyValue = key == null ? null : fk.get(key);
            String id = key == null ? null : store.table(parent).findBy(key, keyValue);
            if (id == null) {
                String shown = key != null && fk.containsKey(key) ? key : fk.keySet().iterator().next();
                throw Errors.unresolved(f.name(), shown, fk.get(shown), parent.name());
            }
            fields.put(f.name(), foreign(id));
        }
    }

    static Map<String, Object> foreign(String id) {
        Map<String, Object> fk = new LinkedHashMap<>();
        fk.put("id", id);
        return fk;
    }

    /** kong-admin-api.md 1.5: a scoped plugin must share a protocol with its route, or with one of its service's routes. */
    @SuppressWarnings("unchecked")
    private static void checkPluginProtocols(Store store, Map<String, Object> plugin) {
        Collection<Object> protocols = plugin.get("protocols") instanceof Collection<?> c ? (Collection<Object>) c : List.of();
        String routeId = Table.foreignId(plugin.get("route"));
        Table routes = store.table("routes");
        if (routeId != null) {
            if (!intersects(protocols, routes.get(routeId).get("protocols"))) {
                throw Errors.schemaViolation(List.of(new FieldError("protocols", "must match the associated route's protocols")));
            }
            return;
        }
        String serviceId = Table.foreignId(plugin.get("service"));
        if (serviceId == null) {
            return;
        }
        Set<String> routeIds = routes.childrenOf("service", serviceId);
        if (routeIds.isEmpty()) {
            return;
        }
        for (String id : routeIds) {
            if (intersects(protocols, routes.get(id).get("protocols"))) {
                return;
            }
        }
        throw Errors.schemaViolation(List.of(new FieldError("protocols",
                "must match the protocols of at least one route pointing to this Plugin's service")));
    }

    private static boolean intersects(Collection<Object> a, Object b) {
        if (!(b instanceof Collection<?> other)) {
            return true;
        }
        for (Object o : other) {
            if (a.contains(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Server-side values: hashed basic-auth passwords and oauth2 client secrets, CA digests, and the random strings
     * Kong generates for absent {@code auto} fields (credential keys and secrets).
     */
    private static void generate(EntityType type, RecordSchema schema, Map<String, Object> fields, boolean transform) {
        if (type.hasTtl()) {
            fields.putIfAbsent("ttl", null);
        }
        // Kong fills every absent string field its schema marks auto with a random string, in records too (an
        // oauth2 plugin's provision_key), before its write transformations run
        generateAuto(schema.fields(), fields);
        if (transform && type.has(Trait.HASHED_PASSWORD)) {
            fields.put("password", sha1Hex(fields.get("password") + Table.foreignId(fields.get("consumer"))));
        }
        // Kong hashes the secret whenever the write carries hash_secret true, even one that already is a hash
        if (transform && type.has(Trait.HASHED_CLIENT_SECRET) && Boolean.TRUE.equals(fields.get("hash_secret"))
                && fields.get("client_secret") != null) {
            fields.put("client_secret", io.kongsync.schema.Pbkdf2Secret.hash(String.valueOf(fields.get("client_secret"))));
        }
        if (type.has(Trait.CERT_DIGEST)) {
            fields.put("cert_digest", certDigest(String.valueOf(fields.get("cert"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static void generateAuto(List<Field> schemaFields, Map<String, Object> values) {
        for (Field f : schemaFields) {
            Object value = values.get(f.name());
            if (f.isAuto() && f.type() == FieldType.STRING && value == null) {
                values.put(f.name(), Ids.randomSecret());
            } else if (f.type() == FieldType.RECORD && value instanceof Map<?, ?> record) {
                generateAuto(f.fields(), (Map<String, Object>) record);
            }
        }
    }

    static String sha1Hex(String text) {
        return hex("SHA-1", text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the certificate's DER bytes (the first PEM block); of the text itself when it is not PEM. */
    static String certDigest(String pem) {
        int begin = pem.indexOf("-----BEGIN");
        if (begin >= 0) {
            int bodyStart = pem.indexOf("-----", begin + 10);
            int end = pem.indexOf("-----END", bodyStart + 5);
            if (bodyStart >= 0 && end > bodyStart) {
                String base64 = pem.substring(bodyStart + 5, end).replaceAll("\\s", "");
                try {
                    return hex("SHA-256", Base64.getDecoder().decode(base64));
                } catch (IllegalArgumentException notBase64) {
                    // fall through: digest of the text keeps uniqueness meaningful
                }
            }
        }
        return hex("SHA-256", pem.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
