package io.kongsync.dump;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.schema.PluginSchema;
import io.kongsync.schema.RecordSchema;
import io.kongsync.schema.Schemas;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Kong's answer to an invalid {@code POST /config?flatten_errors=1}, as diagnostics at the place in the files that
 * declared each entity: {@code routes/nyan.yaml:12:7: services[0].routes[0].paths: must start with /}. Kong finds
 * entities by the ids {@link DeclarativeConfig} gave them; an entity it names by an id the desired state does not
 * have is reported as {@code <type> <name or id>: message}. Every secret value of the desired state is masked in
 * Kong's messages (a uniqueness violation quotes the duplicate value, which may be a credential key).
 */
public final class DeclarativeErrors {

    private static final String MASK = "(sensitive)";

    private final Map<String, Entity> byId = new HashMap<>();
    private final List<String> secrets;
    private final List<Diagnostic> out = new ArrayList<>();

    private DeclarativeErrors(State desired, Function<EntityKey, UUID> ids) {
        for (Entity e : desired.entities().values()) {
            byId.put(ids.apply(e.key()).toString(), e);
        }
        TreeSet<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (Entity e : desired.entities().values()) {
            collectSecrets(e, schemaOf(e), "", e.fields(), values);
        }
        secrets = List.copyOf(values);
    }

    public static List<Diagnostic> map(Map<String, Object> kongErrorBody, State desired, Function<EntityKey, UUID> ids) {
        DeclarativeErrors errors = new DeclarativeErrors(desired, ids);
        if (kongErrorBody.get("flattened_errors") instanceof Collection<?> flattened) {
            for (Object item : flattened) {
                if (item instanceof Map<?, ?> entityErrors) {
                    errors.entity(entityErrors);
                }
            }
        }
        errors.leftover("", kongErrorBody.get("fields"));
        if (errors.out.isEmpty() && kongErrorBody.get("message") instanceof String message) {
            errors.out.add(new Diagnostic(Origin.KONG, errors.masked(message)));
        }
        errors.out.sort(null);
        return List.copyOf(errors.out);
    }

    private void entity(Map<?, ?> report) {
        String type = text(report.get("entity_type"));
        Entity entity = byId.get(text(report.get("entity_id")));
        String prefix = "";
        if (entity == null && "sni".equals(type) && report.get("entity") instanceof Map<?, ?> sni
                && sni.get("certificate") instanceof Map<?, ?> certificate) {
            // SNIs are nested in their certificate without ids of their own; Kong names the certificate instead.
            entity = byId.get(text(certificate.get("id")));
            prefix = "snis";
        }
        if (!(report.get("errors") instanceof Collection<?> errors)) {
            return;
        }
        for (Object e : errors) {
            if (!(e instanceof Map<?, ?> error)) {
                continue;
            }
            String field = error.get("field") instanceof String f ? f : null;
            String message = masked(text(error.get("message")));
            if (entity != null) {
                Origin o = entity.origin();
                String path = join(join(o.path(), prefix), field);
                out.add(new Diagnostic(new Origin(o.file(), o.line(), o.column(), path), message));
            } else {
                String name = report.get("entity_name") instanceof String n && !isSecretKind(type) ? n
                        : text(report.get("entity_id"));
                out.add(new Diagnostic(Origin.KONG, (type == null ? "entity" : type) + " " + masked(name) + ": "
                        + (field == null ? "" : field + ": ") + message));
            }
        }
    }

    /** What Kong could not attribute to an entity (unknown top-level keys ...), by its path in the config. */
    private void leftover(String path, Object errors) {
        if (errors instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leftover(join(path, String.valueOf(k)), v));
        } else if (errors instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                leftover(path + "[" + i + "]", list.get(i));
            }
        } else if (errors != null) {
            out.add(new Diagnostic(new Origin(Origin.KONG.file(), 0, 0, path), masked(String.valueOf(errors))));
        }
    }

    private String masked(String message) {
        if (message == null) {
            return "";
        }
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collectSecrets(Entity entity, RecordSchema schema, String prefix, Object value,
                                       Collection<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectSecrets(entity, schema, join(prefix, String.valueOf(k)), v, into));
        } else if (value instanceof Collection<?> list) {
            for (Object v : list) {
                collectSecrets(entity, schema, prefix, v, into);
            }
        } else if (value instanceof String s && !s.isEmpty() && !prefix.isEmpty()
                && (schema.isSecret(prefix) || entity.isSensitive(prefix))) {
            into.add(s);
        }
    }

    private static RecordSchema schemaOf(Entity entity) {
        if (entity.kind() != EntityKind.PLUGIN) {
            return Schemas.entity(entity.kind());
        }
        String name = entity.field("name") instanceof String s ? s : entity.key().name();
        return Schemas.plugin(name).orElseGet(() -> PluginSchema.custom(name)).entitySchema();
    }

    /** Kong's entity_name is the {@code name} field; credentials have none, but never name one by its key. */
    private static boolean isSecretKind(String type) {
        return EntityKind.KEYAUTH_CREDENTIAL.label().equals(type);
    }

    private static String join(String parent, String child) {
        if (child == null || child.isEmpty()) {
            return parent;
        }
        return parent.isEmpty() ? child : parent + "." + child;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
