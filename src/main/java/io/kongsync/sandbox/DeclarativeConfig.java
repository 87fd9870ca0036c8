package io.kongsync.sandbox;

import io.kongsync.schema.FieldError;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DB-less {@code /config} (kong-admin-api.md 4): a whole declarative configuration is validated against a fresh
 * store (schemas, references, uniqueness) and, only when all of it is valid, replaces the current one atomically.
 */
final class DeclarativeConfig {

    private static final Set<String> FORMAT_VERSIONS = Set.of("1.1", "2.1", "3.0");
    private static final Set<String> META_KEYS = Set.of("_format_version", "_transform", "_comment", "_ignore", "_workspace");
    /** Entities Kong knows but the sandbox does not keep: accepted and ignored. */
    private static final Set<String> IGNORED = Set.of("workspaces");

    private final SandboxState state;
    private final Entities entities;

    DeclarativeConfig(SandboxState state, io.kongsync.schema.RouterFlavor routerFlavor) {
        this.state = state;
        this.entities = new Entities(routerFlavor);
    }

    Response handle(Request req) {
        return switch (req.method()) {
            case "GET", "HEAD" -> Response.of(200, Map.of("config", state.read(DeclarativeConfig::export)));
            case "POST" -> load(req);
            default -> throw ApiError.methodNotAllowed();
        };
    }

    /** One entity of the submitted file: where it was written, its type, and its input (children removed). */
    private record Item(EntityType type, List<Object> path, Map<String, Object> input) {
    }

    private Response load(Request req) {
        Submission submission = submission(req);
        if (submission.text() && "1".equals(req.query().get("check_hash"))
                && submission.hash().equals(state.configHash())) {
            return Response.of(304, null);
        }
        Map<String, Object> config = submission.config();
        Map<String, Object> topErrors = new LinkedHashMap<>();
        Object version = config.get("_format_version");
        if (version == null) {
            topErrors.put("_format_version", "required field missing");
        } else if (!FORMAT_VERSIONS.contains(String.valueOf(version))) {
            topErrors.put("_format_version", "expected one of: 1.1, 2.1, 3.0");
        }
        boolean transform = !Boolean.FALSE.equals(config.get("_transform"));
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (META_KEYS.contains(key) || IGNORED.contains(key)) {
                continue;
            }
            EntityType type = EntityType.byName(key);
            if (type == null) {
                topErrors.put(key, "unknown field");
            } else if (e.getValue() instanceof List<?> list) {
                flatten(type, list, List.of(key), items);
            } else if (e.getValue() != null) {
                topErrors.put(key, "expected an array");
            }
        }
        Store fresh = state.freshStore();
        Map<String, Object> fields = new LinkedHashMap<>(topErrors);
        List<Object> flattened = new ArrayList<>();
        if (topErrors.isEmpty()) {
            for (EntityType type : EntityType.ALL) {
                for (Item item : items) {
                    if (item.type() == type) {
                        insert(fresh, item, transform, fields, flattened);
                    }
                }
            }
        }
        if (!fields.isEmpty() || !flattened.isEmpty()) {
            throw invalid(fields, flattened, flag(req.query().get("flatten_errors")));
        }
        return state.write(old -> {
            state.replace(fresh, submission.hash());
            Map<String, Object> body = new LinkedHashMap<>();
            for (Table table : fresh.tables()) {
                if (table.size() > 0) {
                    Map<String, Object> byId = new LinkedHashMap<>();
                    table.all().forEach(row -> byId.put((String) row.get("id"), Entities.view(fresh, table.type(), row)));
                    body.put(table.type().name(), byId);
                }
            }
            return Response.of(201, body);
        });
    }

    private void insert(Store store, Item item, boolean transform, Map<String, Object> fields, List<Object> flattened) {
        try {
            entities.commit(store, entities.prepare(store, item.type(), item.input(), null, null,
                    Entities.Mode.INSERT, transform, false));
        } catch (ApiError e) {
            List<FieldError> errors = new ArrayList<>(e.fieldErrors());
            if (errors.isEmpty()) {
                errors.add(new FieldError(FieldError.ENTITY, declarativeMessage(item, e)));
            }
            placeErrors(fields, item.path(), Errors.fields(errors));
            flattened.add(flattenedEntry(item, errors));
        }
    }

    /** Kong's wording for reference and uniqueness failures inside a declarative configuration. */
    @SuppressWarnings("unchecked")
    private static String declarativeMessage(Item item, ApiError e) {
        Object code = e.body().get("code");
        Map<String, Object> errFields = e.body().get("fields") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (Integer.valueOf(3).equals(code)) {
            return "uniqueness violation: '" + item.type().name() + "' entity with primary key set to '"
                    + errFields.get("id") + "' already declared";
        }
        if (Integer.valueOf(5).equals(code)) {
            Map.Entry<String, Object> first = errFields.entrySet().iterator().next();
            Object value = first.getValue() instanceof Map<?, ?> fk ? fk.get("id") : first.getValue();
            return "uniqueness violation: '" + item.type().name() + "' entity with " + first.getKey()
                    + " set to '" + value + "' already declared";
        }
        if (Integer.valueOf(4).equals(code) || Integer.valueOf(13).equals(code)) {
            Map.Entry<String, Object> first = errFields.entrySet().iterator().next();
            Object ref = item.input().get(first.getKey());
            Object shown = ref instanceof Map<?, ?> m ? m.values().iterator().next() : ref;
            Reference r = item.type().reference(first.getKey());
            return "invalid reference '" + first.getKey() + ": " + shown + "' (no such entry in '"
                    + (r == null ? first.getKey() : r.parent()) + "')";
        }
        return String.valueOf(e.body().get("message"));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(EntityType type, List<?> list, List<Object> path, List<Item> out) {
        for (int i = 0; i < list.size(); i++) {
            List<Object> here = new ArrayList<>(path);
            here.add(i);
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                Map<String, Object> notARecord = new LinkedHashMap<>();
                notARecord.put("@entity", "expected a record");
                out.add(new Item(type, here, notARecord));
                continue;
            }
            Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) raw);
            if (input.get("id") == null) {
                input.put("id", Ids.random());
            }
            String id = String.valueOf(input.get("id"));
            List<Map.Entry<EntityType, List<?>>> children = new ArrayList<>();
            for (String key : new ArrayList<>(input.keySet())) {
                EntityType child = EntityType.byName(key);
                boolean sniNames = type.ownsSnis() && key.equals(EntityType.SNI_NAMES)
                        && input.get(key) instanceof List<?> l && l.stream().allMatch(v -> v instanceof String);
                if (child != null && child.referenceTo(type.name()) != null && input.get(key) instanceof List<?> l
                        && !sniNames) {
                    children.add(Map.entry(child, l));
                    input.remove(key);
                }
            }
            out.add(new Item(type, here, input));
            for (Map.Entry<EntityType, List<?>> child : children) {
                List<Object> childPath = new ArrayList<>(here);
                childPath.add(child.getKey().name());
                flattenChildren(child.getKey(), child.getValue(), childPath, child.getKey().referenceTo(type.name()),
                        id, out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void flattenChildren(EntityType type, List<?> list, List<Object> path, Reference ref, String parentId,
                                        List<Item> out) {
        List<Item> collected = new ArrayList<>();
        flatten(type, list, path, collected);
        for (Item item : collected) {
            if (item.type() == type && item.path().size() == path.size() + 1) {
                item.input().put(ref.field(), Entities.foreign(parentId));
            }
            out.add(item);
        }
    }

    @SuppressWarnings("unchecked")
    private static void placeErrors(Map<String, Object> fields, List<Object> path, Map<String, Object> errors) {
        Object container = fields;
        for (int i = 0; i < path.size(); i++) {
            Object step = path.get(i);
            boolean last = i == path.size() - 1;
            Object fresh = last ? errors : path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
            if (container instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                Object existing = map.get(String.valueOf(step));
                if (existing == null) {
                    map.put(String.valueOf(step), fresh);
                    existing = fresh;
                } else if (last && existing instanceof Map<?, ?> e) {
                    ((Map<String, Object>) e).putAll(errors);
                }
                container = existing;
            } else {
                List<Object> list = (List<Object>) container;
                int index = (Integer) step;
                while (list.size() <= index) {
                    list.add(null);
                }
                if (list.get(index) == null) {
                    list.set(index, fresh);
                } else if (last && list.get(index) instanceof Map<?, ?> e) {
                    ((Map<String, Object>) e).putAll(errors);
                }
                container = list.get(index);
            }
        }
    }

    private static Map<String, Object> flattenedEntry(Item item, List<FieldError> errors) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("entity_type", singular(item.type()));
        Map<String, Object> input = item.input();
        if (input.get("id") != null) {
            entry.put("entity_id", input.get("id"));
        }
        Object name = input.get("name") != null ? input.get("name") : input.get("username");
        if (name != null) {
            entry.put("entity_name", name);
        }
        if (input.get("tags") != null) {
            entry.put("entity_tags", input.get("tags"));
        }
        entry.put("entity", input);
        List<Object> list = new ArrayList<>();
        for (FieldError e : errors) {
            Map<String, Object> one = new LinkedHashMap<>();
            if (e.path().equals(FieldError.ENTITY)) {
                one.put("type", "entity");
            } else {
                one.put("type", "field");
                one.put("field", Errors.dotted(e.path()).replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]"));
            }
            one.put("message", e.message());
            list.add(one);
        }
        entry.put("errors", list);
        return entry;
    }

    private static String singular(EntityType type) {
        String name = type.name();
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static ApiError invalid(Map<String, Object> fields, List<Object> flattened, boolean flatten) {
        Map<String, Object> shown = flatten ? new LinkedHashMap<>() : fields;
        if (flatten) {
            fields.forEach((k, v) -> {
                if (EntityType.byName(k) == null) {
                    shown.put(k, v);
                }
            });
        }
        ApiError error = ApiError.dao(400, 14, "invalid declarative configuration",
                "declarative config is invalid: " + Errors.lua(fields), shown);
        if (flatten) {
            error.body().put("flattened_errors", flattened);
        }
        return error;
    }

    private static boolean flag(String value) {
        return value != null && Set.of("1", "true", "on", "yes").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    // ---- reading the submission -------------------------------------------------------------------------------------

    /**
     * A parsed submission and its hash; {@code text} when it came as text (a raw YAML/JSON body or a string
     * {@code config} field). Kong hashes only text before parsing, so only text can be answered 304 by
     * {@code check_hash}; a table is hashed after flattening, in a form no text's MD5 matches.
     */
    private record Submission(Map<String, Object> config, String hash, boolean text) {

        static Submission ofText(String text) {
            return new Submission(parseText(text), md5(text), true);
        }

        static Submission ofTable(Map<String, Object> table) {
            return new Submission(table, md5("table:" + Json.text(table)), false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Submission submission(Request req) {
        String contentType = req.contentType() == null ? "" : req.contentType().toLowerCase(java.util.Locale.ROOT);
        String body = new String(req.body(), StandardCharsets.UTF_8);
        if (contentType.startsWith("text/yaml") || contentType.startsWith("application/yaml")) {
            return Submission.ofText(body);
        }
        if (body.isBlank()) {
            throw ApiError.message(400, "expected a declarative configuration");
        }
        Object parsed = req.isForm() ? req.jsonObject() : req.json();
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiError.message(400, "expected a declarative configuration");
        }
        if (map.containsKey("_format_version")) {
            return Submission.ofTable((Map<String, Object>) map);
        }
        if (map.get("config") instanceof String text) {
            return Submission.ofText(text);
        }
        if (map.get("config") instanceof Map<?, ?> inner) {
            return Submission.ofTable((Map<String, Object>) inner);
        }
        throw ApiError.message(400, "expected a declarative configuration");
    }

    /** JSON or YAML text; a parse failure is a code 14 error. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseText(String text) {
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().setMaxAliasesForCollections(50).build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw parseError(e.getMessage() == null ? "invalid yaml" : e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw parseError("expected an object");
        }
        return (Map<String, Object>) map;
    }

    private static ApiError parseError(String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", "failed parsing declarative configuration: " + detail);
        return ApiError.dao(400, 14, "invalid declarative configuration",
                "declarative config is invalid: " + Errors.lua(fields), fields);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- GET /config ------------------------------------------------------------------------------------------------

    private static String export(Store store) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_format_version", "3.0");
        doc.put("_transform", false);
        for (Table table : store.tables()) {
            if (table.size() == 0) {
                continue;
            }
            List<Object> rows = new ArrayList<>();
            table.all().forEach(row -> rows.add(plain(row)));
            doc.put(table.type().name(), rows);
        }
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(doc);
    }

    /** Values YAML can represent: target timestamps become plain doubles. */
    private static Object plain(Object value) {
        if (value instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }
}
