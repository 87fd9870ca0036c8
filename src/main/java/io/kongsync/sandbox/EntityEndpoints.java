package io.kongsync.sandbox;

import io.kongsync.sandbox.EntityType.Trait;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated DAO endpoints (kong-admin-api.md 2.1): {@code /E}, {@code /E/{e}}, {@code /E/{e}/fk},
 * {@code /P/{p}/E}, {@code /P/{p}/E/{e}}, with the special cases of targets, ACLs and certificates.
 */
final class EntityEndpoints {

    private final SandboxState state;
    private final Entities entities;
    private final boolean dbless;

    EntityEndpoints(SandboxState state, boolean dbless, io.kongsync.schema.RouterFlavor routerFlavor) {
        this.state = state;
        this.dbless = dbless;
        this.entities = new Entities(routerFlavor);
    }

    Response handle(EntityType type, Request req) {
        return switch (req.depth()) {
            case 1 -> collection(type, req);
            case 2 -> entity(type, req.segment(1), req);
            case 3 -> third(type, req);
            case 4 -> nestedEntity(type, req);
            default -> throw ApiError.notFound();
        };
    }

    // ---- /E -----------------------------------------------------------------------------------------------------------

    private Response collection(EntityType type, Request req) {
        if (!type.topLevel()) {
            throw ApiError.notFound();
        }
        switch (req.method()) {
            case "GET", "HEAD":
                return list(type, req);
            case "POST": {
                Map<String, Object> body = req.args(type);
                if (dbless) {
                    state.read(store -> entities.prepare(store, type, body, null, null, Entities.Mode.INSERT, true, true));
                    throw unsupported("cannot create '" + type.name() + "' entities when not using a database");
                }
                return Response.of(201, state.write(store -> insert(store, type, body)));
            }
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    private Map<String, Object> insert(Store store, EntityType type, Map<String, Object> body) {
        Long ttl = takeTtl(type, body);
        Entities.Prepared p = entities.prepare(store, type, body, null, null, Entities.Mode.INSERT, true, false);
        entities.commit(store, p);
        expire(store, type, p.id(), ttl);
        return Entities.view(store, type, p.row());
    }

    private Response list(EntityType type, Request req) {
        int size = Paging.size(req.query());
        String after = Paging.after(req.query());
        TagFilter tags = TagFilter.parse(req.query().get("tags"));
        if (type.has(Trait.CUSTOM_ID_LOOKUP) && req.query().containsKey("custom_id")) {
            return customId(type, req.query().get("custom_id"));
        }
        StringBuilder extra = new StringBuilder();
        if (tags != null) {
            extra.append("&tags=").append(Paging.escape(req.query().get("tags")));
        }
        if (req.query().containsKey("size")) {
            extra.append("&size=").append(size);
        }
        return Response.of(200, state.read(store -> Paging.page(store.table(type).from(after), size, tags,
                "/" + type.path(), extra.toString(), row -> Entities.view(store, type, row))));
    }

    private Response customId(EntityType type, String customId) {
        if (customId.isEmpty()) {
            throw ApiError.message(400, "custom_id must be an unempty string");
        }
        return Response.of(200, state.read(store -> {
            Table table = store.table(type);
            String id = table.findBy("custom_id", customId);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", id == null ? List.of() : List.of(table.get(id)));
            body.put("next", null);
            return body;
        }));
    }

    // ---- /E/{e} -------------------------------------------------------------------------------------------------------

    private Response entity(EntityType type, String ident, Request req) {
        if (!type.topLevel()) {
            throw ApiError.notFound();
        }
        if (type.addressedBySni() && !Ids.isUuid(ident) && !req.method().equals("POST")) {
            return bySni(type, ident, req);
        }
        switch (req.method()) {
            case "GET", "HEAD":
                return state.read(store -> {
                    Map<String, Object> row = Entities.find(store, type, ident);
                    if (row == null) {
                        throw ApiError.notFound();
                    }
                    return Response.of(200, Entities.view(store, type, row));
                });
            case "PUT":
                return put(type, ident, sniArgs(type, req.args(type), null, true), null);
            case "PATCH":
                return patch(type, ident, sniArgs(type, patchArgs(type, ident, req), null, false), null);
            case "DELETE":
                return delete(type, ident, null);
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    /**
     * {@code /certificates/{sni}} (Kong's {@code kong/api/routes/certificates.lua}): the certificate that has this SNI,
     * then the same as by its id. An unknown SNI is 404 {@code SNI not found}, except for PUT, which creates a
     * certificate with a new id and adds the SNI of the URL to the ones in the body.
     */
    private Response bySni(EntityType type, String sni, Request req) {
        String id = state.read(store -> {
            Table snis = store.table("snis");
            String sniId = snis.findBy("name", sni);
            return sniId == null ? null : Table.foreignId(snis.get(sniId).get("certificate"));
        });
        if (id == null && !req.method().equals("PUT")) {
            throw ApiError.message(404, "SNI not found");
        }
        return switch (req.method()) {
            case "GET", "HEAD" -> entity(type, id, req);
            case "PUT" -> put(type, id != null ? id : Ids.random(), sniArgs(type, req.args(type), sni, true), null);
            case "PATCH" -> patch(type, id, sniArgs(type, req.args(type), sni, false), null);
            case "DELETE" -> delete(type, id, null);
            default -> throw ApiError.methodNotAllowed();
        };
    }

    /**
     * A certificate's {@code snis} as Kong reads them from a PUT or PATCH: a single name becomes a list, a PUT by SNI
     * adds the URL's name when the body lacks it (only when the body has {@code snis}), and a PUT without
     * {@code snis} removes them all.
     */
    private static Map<String, Object> sniArgs(EntityType type, Map<String, Object> body, String urlSni, boolean put) {
        if (!type.addressedBySni()) {
            return body;
        }
        Object snis = body.get(EntityType.SNI_NAMES);
        if (snis instanceof String one) {
            snis = put && urlSni != null && !urlSni.equals(one) ? List.of(one, urlSni) : List.of(one);
        } else if (snis instanceof List<?> names && put && urlSni != null && !names.contains(urlSni)) {
            List<Object> more = new ArrayList<>(names);
            more.add(urlSni);
            snis = more;
        }
        if (snis != body.get(EntityType.SNI_NAMES)) {
            body.put(EntityType.SNI_NAMES, snis);
        }
        return body;
    }

    /**
     * A PATCH's arguments. A plugin's form fields are typed by its config schema, so without a {@code name} Kong
     * reads the plugin's first and adds it to the arguments ({@code kong/api/routes/plugins.lua}).
     */
    private Map<String, Object> patchArgs(EntityType type, String ident, Request req) {
        if (!req.isForm() || !type.isPlugin()) {
            return req.args(type);
        }
        Map<String, Object> args = req.jsonObject();
        if (args.get("name") == null) {
            Map<String, Object> plugin = state.read(store -> Entities.find(store, type, ident));
            if (plugin == null) {
                throw ApiError.notFound();
            }
            args.put("name", plugin.get("name"));
        }
        return FormArgs.typed(type, args);
    }

    /** A parent scope of a nested endpoint: the child's foreign key field and the parent's id. */
    private record Scope(String field, String parentId) {
    }

    private Response put(EntityType type, String ident, Map<String, Object> body, Scope scope) {
        Map<String, Object> input = new LinkedHashMap<>(body);
        Long ttl = takeTtl(type, input);
        boolean byId = Ids.isUuid(ident);
        String keyField = keyField(type, scope);
        if (!byId) {
            if (keyField == null) {
                throw ApiError.notFound();
            }
            input.put(keyField, ident);
        }
        if (scope != null) {
            input.put(scope.field(), Entities.foreign(scope.parentId()));
        }
        if (dbless) {
            state.read(store -> entities.prepare(store, type, input, null, null, Entities.Mode.UPSERT, true, true));
            throw unsupported("cannot create or update '" + type.name() + "' entities"
                    + (byId ? "" : " by '" + keyField + "'") + " when not using a database");
        }
        return Response.of(200, state.write(store -> {
            Map<String, Object> existing = scope != null && !byId ? findScoped(store, type, ident, scope)
                    : Entities.find(store, type, ident);
            if (existing != null && scope != null && !belongs(existing, scope)) {
                throw ApiError.notFound();
            }
            String id = byId ? ident.toLowerCase(java.util.Locale.ROOT)
                    : existing != null ? (String) existing.get("id") : null;
            Entities.Prepared p = entities.prepare(store, type, input, id, existing, Entities.Mode.UPSERT, true, false);
            entities.commit(store, p);
            expire(store, type, p.id(), ttl);
            return Entities.view(store, type, p.row());
        }));
    }

    private Response patch(EntityType type, String ident, Map<String, Object> body, Scope scope) {
        Map<String, Object> input = new LinkedHashMap<>(body);
        Long ttl = takeTtl(type, input);
        if (scope != null) {
            input.put(scope.field(), Entities.foreign(scope.parentId()));
        }
        Response result = state.apply(dbless, store -> {
            Map<String, Object> existing = scope != null ? findScoped(store, type, ident, scope)
                    : Entities.find(store, type, ident);
            if (existing == null || (scope != null && !belongs(existing, scope))) {
                if (scope != null) {
                    throw ApiError.notFound();
                }
                throw Ids.isUuid(ident) ? Errors.notFound("id", ident)
                        : Errors.notFound(type.endpointKey() == null ? "id" : type.endpointKey(), ident);
            }
            Map<String, Object> merged = Entities.merged(type, existing, input);
            String id = (String) existing.get("id");
            if (dbless) {
                entities.prepare(store, type, merged, id, existing, Entities.Mode.UPDATE, true, true);
                return null;
            }
            // Only a new password is hashed; the stored one already is.
            // Kong's write transformations run when the body carries the field they read
            boolean transform = input.containsKey("password") || input.containsKey("hash_secret");
            Entities.Prepared p = entities.prepare(store, type, merged, id, existing, Entities.Mode.UPDATE, transform, false);
            entities.commit(store, p);
            if (ttl != null) {
                expire(store, type, id, ttl);
            }
            return Response.of(200, Entities.view(store, type, p.row()));
        });
        if (dbless) {
            throw unsupported("cannot update '" + type.name() + "' entities"
                    + (Ids.isUuid(ident) ? "" : " by '" + keyField(type, scope) + "'") + " when not using a database");
        }
        return result;
    }

    private Response delete(EntityType type, String ident, Scope scope) {
        return state.write(store -> {
            Map<String, Object> existing = scope != null ? findScoped(store, type, ident, scope)
                    : Entities.find(store, type, ident);
            if (existing == null || (scope != null && !belongs(existing, scope))) {
                if (scope != null) {
                    throw ApiError.notFound();
                }
                return Response.noContent();
            }
            if (dbless) {
                throw unsupported("cannot remove '" + type.name() + "' entities"
                        + (Ids.isUuid(ident) ? "" : " by '" + keyField(type, scope) + "'") + " when not using a database");
            }
            entities.delete(store, type, (String) existing.get("id"));
            return Response.noContent();
        });
    }

    // ---- /E/{e}/x -----------------------------------------------------------------------------------------------------

    private Response third(EntityType type, Request req) {
        String ident = req.segment(1);
        String sub = req.segment(2);
        EntityType child = childType(type, sub);
        if (child != null) {
            return nestedCollection(type, ident, child, req);
        }
        Reference ref = type.parentEndpoint(sub);
        if (ref != null) {
            return parent(type, ident, ref, req);
        }
        throw ApiError.notFound();
    }

    /**
     * {@code /E/{e}/fk}: the entity's parent. 404 when the entity or its parent is missing; PUT replaces the parent, or
     * creates one and points the entity at it; PATCH updates the parent; DELETE is refused with 405 once both exist.
     */
    private Response parent(EntityType type, String ident, Reference ref, Request req) {
        EntityType parentType = EntityType.byName(ref.parent());
        switch (req.method()) {
            case "GET", "HEAD":
                return state.read(store -> {
                    String parentId = parentId(store, type, ident, ref);
                    Map<String, Object> parent = store.table(parentType).get(parentId);
                    if (parent == null) {
                        throw ApiError.notFound();
                    }
                    return Response.of(200, Entities.view(store, parentType, parent));
                });
            case "PUT": {
                Map<String, Object> body = req.args(parentType);
                Map<String, Object> row = state.read(store -> existing(store, type, ident));
                String parentId = Table.foreignId(row.get(ref.field()));
                String target = parentId != null ? parentId : Ids.random();
                Response upserted = put(parentType, target, body, null);
                if (parentId == null) {
                    patch(type, (String) row.get("id"), Map.of(ref.field(), Entities.foreign(target)), null);
                }
                return upserted;
            }
            case "PATCH": {
                Map<String, Object> body = req.args(parentType);
                return patch(parentType, state.read(store -> parentId(store, type, ident, ref)), body, null);
            }
            case "DELETE":
                state.read(store -> parentId(store, type, ident, ref));
                throw ApiError.methodNotAllowed();
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    private static Map<String, Object> existing(Store store, EntityType type, String ident) {
        Map<String, Object> row = Entities.find(store, type, ident);
        if (row == null) {
            throw ApiError.notFound();
        }
        return row;
    }

    /** The id the entity's foreign key holds; 404 when the entity is missing or the key is null. */
    private static String parentId(Store store, EntityType type, String ident, Reference ref) {
        String parentId = Table.foreignId(existing(store, type, ident).get(ref.field()));
        if (parentId == null) {
            throw ApiError.notFound();
        }
        return parentId;
    }

    static EntityType childType(EntityType parent, String nestedPath) {
        for (EntityType t : EntityType.ALL) {
            if (t.nestedPath().equals(nestedPath) && t.referenceTo(parent.name()) != null) {
                return t;
            }
        }
        return null;
    }

    private Response nestedCollection(EntityType parentType, String parentIdent, EntityType child, Request req) {
        Reference ref = child.referenceTo(parentType.name());
        switch (req.method()) {
            case "GET", "HEAD": {
                int size = Paging.size(req.query());
                boolean targets = child.has(Trait.TARGET_ENDPOINTS);
                String after = targets ? null : Paging.after(req.query());
                TagFilter.parse(req.query().get("tags"));
                return state.read(store -> {
                    Map<String, Object> parent = Entities.find(store, parentType, parentIdent);
                    if (parent == null) {
                        throw ApiError.notFound();
                    }
                    String parentId = (String) parent.get("id");
                    Table table = store.table(child);
                    String base = "/" + parentType.path() + "/" + Paging.escape(parentIdent) + "/" + child.nestedPath();
                    if (targets) {
                        return Response.of(200, targetsPage(table, ref.field(), parentId, size,
                                req.query().get("offset"), base));
                    }
                    var ids = table.childrenOf(ref.field(), parentId);
                    var from = after == null ? ids : ids.tailSet(after, false);
                    return Response.of(200, Paging.page(Paging.rows(table, from), size, null, base, "",
                            row -> Entities.view(store, child, row)));
                });
            }
            case "POST": {
                Map<String, Object> body = req.args(child);
                return state.apply(dbless, store -> {
                    Map<String, Object> parent = Entities.find(store, parentType, parentIdent);
                    if (parent == null) {
                        throw ApiError.notFound();
                    }
                    body.put(ref.field(), Entities.foreign((String) parent.get("id")));
                    if (dbless) {
                        entities.prepare(store, child, body, null, null, Entities.Mode.INSERT, true, true);
                        throw unsupported("cannot create '" + child.name() + "' entities when not using a database");
                    }
                    return Response.of(201, insert(store, child, body));
                });
            }
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    /** Targets list newest first with a numeric offset (kong-admin-api.md 1.7). */
    private static Map<String, Object> targetsPage(Table table, String upstreamField, String upstreamId, int size,
                                                   String offset, String base) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : table.childrenOf(upstreamField, upstreamId)) {
            rows.add(table.get(id));
        }
        rows.sort(Comparator.<Map<String, Object>, Double>comparing(r -> ((Number) r.get("created_at")).doubleValue())
                .reversed().thenComparing(r -> (String) r.get("id")));
        int start = 0;
        if (offset != null) {
            try {
                start = Integer.parseInt(offset);
            } catch (NumberFormatException e) {
                throw Paging.invalidOffset(offset, "bad offset");
            }
        }
        int end = Math.min(rows.size(), start + size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", start >= rows.size() ? List.of() : new ArrayList<>(rows.subList(Math.max(0, start), end)));
        if (end < rows.size()) {
            body.put("offset", String.valueOf(end));
            body.put("next", base + "?offset=" + end);
        } else {
            body.put("next", null);
        }
        return body;
    }

    // ---- /P/{p}/E/{e} -------------------------------------------------------------------------------------------------

    private Response nestedEntity(EntityType parentType, Request req) {
        EntityType child = childType(parentType, req.segment(2));
        if (child == null) {
            throw ApiError.notFound();
        }
        String parentIdent = req.segment(1);
        String ident = req.segment(3);
        String parentId = state.read(store -> {
            Map<String, Object> parent = Entities.find(store, parentType, parentIdent);
            return parent == null ? null : (String) parent.get("id");
        });
        Scope scope = new Scope(child.referenceTo(parentType.name()).field(), parentId);
        if (parentId == null) {
            throw ApiError.notFound();
        }
        switch (req.method()) {
            case "GET", "HEAD":
                return state.read(store -> {
                    Map<String, Object> row = findScoped(store, child, ident, scope);
                    if (row == null || !belongs(row, scope)) {
                        throw ApiError.notFound();
                    }
                    return Response.of(200, Entities.view(store, child, row));
                });
            case "PUT":
                if (child.has(Trait.TARGET_ENDPOINTS)) {
                    return patch(child, ident, req.args(child), scope);
                }
                return put(child, ident, req.args(child), scope);
            case "PATCH":
                return patch(child, ident, patchArgs(child, ident, req), scope);
            case "DELETE":
                return delete(child, ident, scope);
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    /**
     * A child by id, or by its key within the parent ({@link EntityType#keyUnderParent()}: a target's address, an
     * ACL's group), else by its endpoint key.
     */
    private static Map<String, Object> findScoped(Store store, EntityType type, String ident, Scope scope) {
        if (Ids.isUuid(ident) || scope.parentId() == null) {
            return Entities.find(store, type, ident);
        }
        Table table = store.table(type);
        String keyField = type.keyUnderParent();
        int constraint = keyField == null ? -1 : type.uniques().indexOf(List.of(scope.field(), keyField));
        if (constraint >= 0) {
            Map<String, Object> probe = new LinkedHashMap<>();
            probe.put(scope.field(), Entities.foreign(scope.parentId()));
            probe.put(keyField, ident);
            String id = table.findUnique(constraint, probe);
            if (id == null && type.has(Trait.TARGET_ENDPOINTS)) {
                probe.put(keyField, withDefaultPort(type, keyField, ident));
                id = table.findUnique(constraint, probe);
            }
            return id == null ? null : table.get(id);
        }
        return Entities.find(store, type, ident);
    }

    /** An address as the schema stores it: with the default port when it has none. */
    private static String withDefaultPort(EntityType type, String field, String address) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put(field, address);
        Map<String, Object> out = io.kongsync.schema.Normalizer.normalize(type.schema(), probe);
        return String.valueOf(out.get(field));
    }

    private static boolean belongs(Map<String, Object> row, Scope scope) {
        return scope.parentId().equals(Table.foreignId(row.get(scope.field())));
    }

    private static String keyField(EntityType type, Scope scope) {
        if (scope != null && type.keyUnderParent() != null) {
            return type.keyUnderParent();
        }
        return type.endpointKey();
    }

    /**
     * Kong reads {@code ttl} as an option of a write, not as a field, for the DAOs that have one (key-auth): it is
     * taken out of the body. Null when the body has none; 400 code 11 unless a whole number of 0 to 10^8 seconds.
     */
    private static Long takeTtl(EntityType type, Map<String, Object> body) {
        if (!type.hasTtl() || body.get("ttl") == null) {
            return null;
        }
        Object value = body.remove("ttl");
        if (!(value instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())
                || n.doubleValue() < 0 || n.doubleValue() > 100_000_000) {
            throw ApiError.options("ttl", "must be an integer between 0 and 100000000");
        }
        return n.longValue();
    }

    /**
     * A row written with {@code ttl} seconds to live expires that long after the write's whole second (Kong adds it
     * to {@code created_at}), so it shows {@code ttl - 1} at once; 0 or none means never.
     */
    private static void expire(Store store, EntityType type, String id, Long ttl) {
        if (type.hasTtl()) {
            store.table(type).expireAt(id, ttl == null || ttl == 0 ? null
                    : java.time.Instant.ofEpochSecond(store.clock().instant().getEpochSecond() + ttl));
        }
    }

    private static ApiError unsupported(String message) {
        return ApiError.dao(405, 12, "operation unsupported", message, null);
    }
}
