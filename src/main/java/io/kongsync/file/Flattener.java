package io.kongsync.file;

import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.Schemas;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Undoes decK's nesting: services hold routes and plugins, routes hold plugins, consumers hold credentials and
 * plugins, upstreams hold targets, certificates hold SNIs. Every entity comes out flat, with a {@link RawRef} to
 * its parent, in file order.
 */
public final class Flattener {

    private final List<RawEntity> entities = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Top-level SNIs (Kong's flat form), folded into their certificates' {@code snis} once every file is read. */
    private final List<Map<String, Object>> looseSnis = new ArrayList<>();

    private Flattener() {
    }

    /** The flat entities of all files, and what prevented flattening (a list where an entity was expected ...). */
    public record Result(List<RawEntity> entities, List<Diagnostic> diagnostics, Set<String> selectTags) {
    }

    public static Result flatten(List<DeckFile> files) {
        Flattener f = new Flattener();
        Set<String> selectTags = f.selectTags(files);
        for (DeckFile file : files) {
            f.file(file);
        }
        f.foldSnis();
        return new Result(List.copyOf(f.entities), List.copyOf(f.diagnostics), selectTags);
    }

    /** decK: every file must declare the same {@code _info.select_tags}, or none of them may. */
    private Set<String> selectTags(List<DeckFile> files) {
        Set<String> first = null;
        DeckFile firstFile = null;
        for (DeckFile file : files) {
            Set<String> tags = new TreeSet<>();
            if (file.content().get("_info") instanceof Map<?, ?> info
                    && info.get("select_tags") instanceof Collection<?> c) {
                for (Object t : c) {
                    tags.add(String.valueOf(t));
                }
            }
            if (first == null) {
                first = tags;
                firstFile = file;
            } else if (!first.equals(tags)) {
                diagnostics.add(new Diagnostic(file.positions().at("_info.select_tags"),
                        "select_tags " + tags + " differ from " + first + " in " + firstFile.name()
                                + "; all files synced together must share the same select_tags"));
            }
        }
        return first == null ? Set.of() : Set.copyOf(first);
    }

    private void file(DeckFile file) {
        Map<String, Object> doc = file.content();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            switch (e.getKey()) {
                case "services" -> each(file, "services", e.getValue(), this::service);
                case "routes" -> each(file, "routes", e.getValue(), (f, p, m) -> route(f, p, m, null));
                case "consumers" -> each(file, "consumers", e.getValue(), this::consumer);
                case "plugins" -> each(file, "plugins", e.getValue(), (f, p, m) -> plugin(f, p, m, Map.of()));
                case "upstreams" -> each(file, "upstreams", e.getValue(), this::upstream);
                case "certificates" -> each(file, "certificates", e.getValue(), this::certificate);
                case "snis" -> each(file, "snis", e.getValue(), (f, p, m) -> looseSnis.add(m));
                // any other kind, nested ones too (their parent reference is a foreign field); _format_version,
                // _info and the like are no kind, and unknown keys are reported by the schema check
                default -> EntityKind.fromCollection(e.getKey()).ifPresent(kind ->
                        each(file, e.getKey(), e.getValue(), (f, p, m) -> add(kind, f, p, m)));
            }
        }
    }

    @FunctionalInterface
    private interface EntityVisitor {
        void visit(DeckFile file, String path, Map<String, Object> fields);
    }

    @SuppressWarnings("unchecked")
    private void each(DeckFile file, String path, Object list, EntityVisitor visitor) {
        if (list == null) {
            return;
        }
        if (!(list instanceof List<?> items)) {
            diagnostics.add(new Diagnostic(file.positions().at(path), "expected a list"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = SourceMap.item(path, i);
            if (items.get(i) instanceof Map<?, ?> m) {
                visitor.visit(file, itemPath, new LinkedHashMap<>((Map<String, Object>) m));
            } else {
                diagnostics.add(new Diagnostic(file.positions().at(itemPath), "expected an object"));
            }
        }
    }

    private void service(DeckFile file, String path, Map<String, Object> fields) {
        Object routes = fields.remove("routes");
        Object plugins = fields.remove("plugins");
        add(EntityKind.SERVICE, file, path, fields);
        RawRef self = self(EntityKind.SERVICE, fields);
        each(file, path + ".routes", routes, (f, p, m) -> route(f, p, m, self));
        each(file, path + ".plugins", plugins, (f, p, m) -> plugin(f, p, m, scope("service", self)));
    }

    private void route(DeckFile file, String path, Map<String, Object> fields, RawRef service) {
        Object plugins = fields.remove("plugins");
        if (service != null) {
            fields.put("service", service);
        } else if (fields.containsKey("service")) {
            fields.put("service", reference(EntityKind.SERVICE, fields.get("service")));
        }
        add(EntityKind.ROUTE, file, path, fields);
        RawRef self = self(EntityKind.ROUTE, fields);
        each(file, path + ".plugins", plugins, (f, p, m) -> plugin(f, p, m, scope("route", self)));
    }

    private void consumer(DeckFile file, String path, Map<String, Object> fields) {
        Object plugins = fields.remove("plugins");
        Map<EntityKind, Object> credentials = new LinkedHashMap<>();
        for (EntityKind child : EntityKind.CONSUMER.children()) {
            if (fields.containsKey(child.collection())) {
                credentials.put(child, fields.remove(child.collection()));
            }
        }
        add(EntityKind.CONSUMER, file, path, fields);
        Object username = fields.get("username") != null ? fields.get("username") : fields.get("custom_id");
        RawRef self = ref(EntityKind.CONSUMER, username);
        credentials.forEach((kind, list) -> each(file, path + "." + kind.collection(), list, (f, p, m) -> {
            m.put(kind.spec().parentField(), self);
            add(kind, f, p, m);
        }));
        each(file, path + ".plugins", plugins, (f, p, m) -> plugin(f, p, m, scope("consumer", self)));
    }

    private void plugin(DeckFile file, String path, Map<String, Object> fields, Map<String, RawRef> parent) {
        for (String key : List.of("service", "route", "consumer")) {
            if (fields.containsKey(key) && fields.get(key) != null) {
                fields.put(key, reference(EntityKind.valueOf(key.toUpperCase()), fields.get(key)));
            }
        }
        fields.putAll(parent);
        add(EntityKind.PLUGIN, file, path, fields);
    }

    private void upstream(DeckFile file, String path, Map<String, Object> fields) {
        Object targets = fields.remove("targets");
        add(EntityKind.UPSTREAM, file, path, fields);
        RawRef self = self(EntityKind.UPSTREAM, fields);
        each(file, path + ".targets", targets, (f, p, m) -> {
            m.put("upstream", self);
            add(EntityKind.TARGET, f, p, m);
        });
    }

    private void certificate(DeckFile file, String path, Map<String, Object> fields) {
        if (fields.get("snis") instanceof List<?> snis) {
            List<Object> names = new ArrayList<>();
            for (Object sni : snis) {
                names.add(sni instanceof Map<?, ?> m ? m.get("name") : sni);
            }
            fields.put("snis", names);
        }
        add(EntityKind.CERTIFICATE, file, path, fields);
    }

    private void foldSnis() {
        if (looseSnis.isEmpty()) {
            return;
        }
        Map<Object, RawEntity> certificatesById = new java.util.HashMap<>();
        for (RawEntity e : entities) {
            if (e.kind() == EntityKind.CERTIFICATE && e.fields().get("id") != null) {
                certificatesById.put(e.fields().get("id"), e);
            }
        }
        for (Map<String, Object> sni : looseSnis) {
            Object certificate = sni.get("certificate") instanceof Map<?, ?> m ? m.get("id") : sni.get("certificate");
            RawEntity owner = certificatesById.get(certificate);
            if (owner != null) {
                List<Object> names = owner.fields().get("snis") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                names.add(sni.get("name"));
                owner.fields().put("snis", names);
            }
        }
    }

    private void add(EntityKind kind, DeckFile file, String path, Map<String, Object> fields) {
        if (kind != EntityKind.PLUGIN) {
            for (Field field : Schemas.entity(kind).fields()) {
                Object value = fields.get(field.name());
                if (field.type() == FieldType.FOREIGN && value != null && !(value instanceof RawRef)) {
                    fields.put(field.name(), reference(field.reference(), value));
                }
            }
        }
        Origin origin = file.positions().at(path);
        entities.add(new RawEntity(kind, fields, origin, file, sensitivePaths(file, path)));
    }

    /** The substituted paths of each file by entity path, computed once per file: a file may hold thousands. */
    private final Map<DeckFile, Map<String, Set<String>>> sensitiveByEntity = new java.util.IdentityHashMap<>();

    private Set<String> sensitivePaths(DeckFile file, String entityPath) {
        if (file.substitutedPaths().isEmpty()) {
            return Set.of();
        }
        return sensitiveByEntity.computeIfAbsent(file, Flattener::sensitiveByEntity).getOrDefault(entityPath, Set.of());
    }

    /** For every list item a substituted path goes through, the rest of the path without list indexes. */
    private static Map<String, Set<String>> sensitiveByEntity(DeckFile file) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (String p : file.substitutedPaths()) {
            for (int end = p.indexOf("]."); end >= 0; end = p.indexOf("].", end + 1)) {
                out.computeIfAbsent(p.substring(0, end + 1), e -> new HashSet<>())
                        .add(p.substring(end + 2).replaceAll("\\[\\d+]", ""));
            }
        }
        return out;
    }

    private static Map<String, RawRef> scope(String key, RawRef ref) {
        return ref == null ? Map.of() : Map.of(key, ref);
    }

    /** What nested entities point to: the parent's name, or its id when it has none (an entity identified by id). */
    private static RawRef self(EntityKind kind, Map<String, Object> fields) {
        RawRef byName = ref(kind, fields.get("name"));
        return byName == null && fields.get("id") instanceof String id ? new RawRef(kind, null, id) : byName;
    }

    private static RawRef ref(EntityKind kind, Object name) {
        return name instanceof String s ? RawRef.byName(kind, s) : null;
    }

    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * {@code nyan}, {@code {name: nyan}}, {@code {username: bob}} or {@code {id: ...}}. As in Kong, a string that is a
     * UUID is an id, never a name. Anything else is kept as is for the schema check to report.
     */
    static Object reference(EntityKind kind, Object value) {
        if (value instanceof String s) {
            return UUID.matcher(s).matches() ? new RawRef(kind, null, s) : RawRef.byName(kind, s);
        }
        if (value instanceof Map<?, ?> m) {
            Object name = m.get("name") != null ? m.get("name") : m.get("username");
            if (name instanceof String s) {
                return RawRef.byName(kind, s);
            }
            if (m.get("id") instanceof String id) {
                return new RawRef(kind, null, id);
            }
        }
        return value;
    }
}
