package io.kongsync.dump;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Kong's answer to an invalid {@code POST /config?flatten_errors=1}, as diagnostics at the place in the files that
 * declared each entity: {@code routes/nyan.yaml:12:7: services[0].routes[0].paths: must start with /}. Kong finds
 * entities by the ids {@link DeclarativeConfig} gave them; an entity it names by an id the desired state does not
 * have is reported as {@code <type> <name or id>: message}. Kong's messages go through the {@link MaskingPolicy}
 * (a uniqueness violation quotes the duplicate value, which may be a credential key).
 */
public final class DeclarativeErrors {

    private final Map<String, Entity> byId = new HashMap<>();
    private final MaskingPolicy masking;
    private final List<Diagnostic> out = new ArrayList<>();

    private DeclarativeErrors(State desired, Function<EntityKey, UUID> ids, MaskingPolicy masking) {
        for (Entity e : desired.entities().values()) {
            byId.put(ids.apply(e.key()).toString(), e);
        }
        this.masking = masking;
    }

    public static List<Diagnostic> map(Map<String, Object> kongErrorBody, State desired, Function<EntityKey, UUID> ids) {
        return map(kongErrorBody, desired, ids, MaskingPolicy.of(desired));
    }

    /** @param masking the desired state's secrets ({@link MaskingPolicy#of(State)} at least) */
    public static List<Diagnostic> map(Map<String, Object> kongErrorBody, State desired, Function<EntityKey, UUID> ids,
                                       MaskingPolicy masking) {
        DeclarativeErrors errors = new DeclarativeErrors(desired, ids, masking);
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
        return message == null ? "" : masking.mask(message);
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
