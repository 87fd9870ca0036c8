package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * References by id to entities the files do not define (a plugin with {@code route: <uuid>} on a route someone made
 * by hand in Kong), resolved against the current state before planning. Such an entity is Kong's: the plan never
 * creates, updates or deletes it, so it must exist there and must not be one the plan deletes. Found, the reference
 * becomes the current entity's key (a plugin on a route Kong calls {@code manual} is
 * {@code plugin rate-limiting (route manual)}, as when it is read back), while the referring entity keeps the id the
 * files gave it. Likewise a service or route the files identify by id alone that Kong holds under a name is planned
 * under that name: an update that drops the name when kongsync manages it, a conflict when it does not. Pure.
 */
public final class KongReferences {

    /**
     * @param desired    the files' state with every reference found in the current state rewritten to its key
     * @param unresolved one located message per reference that cannot be used
     */
    public record Resolved(State desired, List<Diagnostic> unresolved) {
    }

    private KongReferences() {
    }

    /** Against a live Kong: an unresolved reference fails the plan. */
    public static Resolved againstKong(State desired, State current, PlanOptions options) {
        return resolve(desired, current, options, "Kong", "is neither in the files nor in Kong");
    }

    /**
     * Against a current state read without Kong (a file, the files at a git revision), which need not hold what was
     * made by hand in Kong: an unresolved reference is a warning.
     */
    public static Resolved offline(State desired, State current, PlanOptions options) {
        return resolve(desired, current, options, "the current state",
                "is not defined in the files, nor in the current state: it must exist in Kong, which is checked "
                        + "when planning against Kong");
    }

    /** Without any current state (validate): each reference by id to an entity not in the files, as a warning. */
    public static List<Diagnostic> unchecked(State desired) {
        List<Diagnostic> out = new ArrayList<>();
        for (Entity entity : desired.entities().values()) {
            for (Map.Entry<String, Object> field : entity.fields().entrySet()) {
                if (field.getValue() instanceof EntityKey ref && isOutsideFiles(ref, desired)) {
                    out.add(located(entity, field.getKey(), ref, "is not defined in the files: it must exist in "
                            + "Kong, which validate cannot check (diff and sync against Kong do)"));
                }
            }
        }
        return out;
    }

    private static boolean isOutsideFiles(EntityKey ref, State desired) {
        return ref.id() != null && desired.get(ref).isEmpty();
    }

    private static Resolved resolve(State desired, State current, PlanOptions options, String where,
                                    String missing) {
        Map<String, Entity> currentById = null;
        Map<EntityKey, EntityKey> renames = new HashMap<>();
        List<Diagnostic> unresolved = new ArrayList<>();
        for (Entity entity : desired.entities().values()) {
            String id = entity.key().id();
            if (id != null) {
                // identified by id in the files while Kong knows it by a name: paired with it, so a conflict when
                // kongsync does not manage it, never an overwrite by the id
                currentById = currentById == null ? byId(current) : currentById;
                Entity inKong = currentById.get(entity.kind() + ":" + id);
                if (inKong != null && !inKong.key().equals(entity.key())) {
                    renames.put(entity.key(), inKong.key());
                }
            }
            for (Map.Entry<String, Object> field : entity.fields().entrySet()) {
                if (!(field.getValue() instanceof EntityKey ref) || !isOutsideFiles(ref, desired)) {
                    continue;
                }
                currentById = currentById == null ? byId(current) : currentById;
                Entity found = currentById.get(ref.kind() + ":" + ref.id());
                if (found == null) {
                    unresolved.add(located(entity, field.getKey(), ref, missing));
                } else if (options.manages(found)) {
                    unresolved.add(located(entity, field.getKey(), ref, deletedMessage(options, where)));
                } else if (!found.key().equals(ref)) {
                    renames.put(ref, found.key());
                }
            }
        }
        if (renames.isEmpty()) {
            return new Resolved(desired, unresolved);
        }
        Map<EntityKey, Entity> out = new HashMap<>();
        for (Entity entity : desired.entities().values()) {
            Entity renamed = renamed(entity, renames);
            Entity same = out.putIfAbsent(renamed.key(), renamed);
            if (same != null) {
                unresolved.add(new Diagnostic(entity.origin(), "the same " + entity.kind().label() + " as the one at "
                        + same.origin().position() + ", once ids are resolved in " + where));
            }
        }
        return new Resolved(new State(out), unresolved);
    }

    /** The entity with its own key, its references and its scope renamed to the keys Kong knows them by. */
    private static Entity renamed(Entity entity, Map<EntityKey, EntityKey> renames) {
        EntityKey key = renames.get(entity.key());
        if (key == null) {
            Map<String, String> scope = new TreeMap<>(entity.key().scope());
            for (Map.Entry<String, String> parent : scope.entrySet()) {
                EntityKey to = EntityKind.fromLabel(parent.getKey())
                        .map(kind -> renames.get(EntityKey.of(kind, parent.getValue()))).orElse(null);
                if (to != null) {
                    parent.setValue(to.name());
                }
            }
            key = new EntityKey(entity.kind(), entity.key().name(), scope);
        }
        Map<String, Object> fields = null;
        for (Map.Entry<String, Object> field : entity.fields().entrySet()) {
            EntityKey to = field.getValue() instanceof EntityKey ref ? renames.get(ref) : null;
            if (to != null) {
                fields = fields == null ? new LinkedHashMap<>(entity.fields()) : fields;
                fields.put(field.getKey(), to);
            }
        }
        if (fields == null && key.equals(entity.key())) {
            return entity;
        }
        return new Entity(key, entity.id(), fields == null ? entity.fields() : fields, entity.origin(),
                entity.sensitivePaths());
    }

    private static String deletedMessage(PlanOptions options, String where) {
        return options.ownsAll()
                ? "is not defined in the files: kongsync owns all of " + where + " (DB-less Kong runs only what the "
                + "files hold), so this plan would delete it"
                : "is kongsync's in " + where + " (tagged " + options.ownershipTag() + ") but no longer in the "
                + "files, so this plan would delete it; keep it in the files, or refer to an entity kongsync does "
                + "not manage";
    }

    private static Map<String, Entity> byId(State current) {
        Map<String, Entity> out = new HashMap<>();
        for (Entity e : current.entities().values()) {
            out.put(e.kind() + ":" + e.id(), e);
        }
        return out;
    }

    private static Diagnostic located(Entity entity, String field, EntityKey ref, String message) {
        Origin o = entity.origin();
        String path = o.path() == null || o.path().isEmpty() ? field : o.path() + "." + field;
        return new Diagnostic(new Origin(o.file(), o.line(), o.column(), path),
                ref.kind().label() + " " + ref.id() + " " + message);
    }
}
