package io.kongsync.plan;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.State;
import io.kongsync.schema.Field;
import io.kongsync.schema.FieldType;
import io.kongsync.schema.RecordSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Field-level comparison of one desired entity with its counterpart in Kong. Walks the desired fields only (keys only
 * Kong has are server-generated or newer), recursing into records so a change lists {@code config.minute} rather
 * than the whole config; arrays, sets and maps compare whole. Equal entities cost no allocation.
 * Not thread-safe: one per plan run.
 */
final class FieldDiff {

    private static final Comparator<FieldChange> BY_PATH = Comparator.comparing(FieldChange::path);

    private final SchemaLookup schemas;
    private final State desiredState;
    private final State currentState;
    private final List<FieldChange> buffer = new ArrayList<>();

    private Entity desired;
    private Entity current;
    private RecordSchema schema;

    FieldDiff(SchemaLookup schemas, State desiredState, State currentState) {
        this.schemas = schemas;
        this.desiredState = desiredState;
        this.currentState = currentState;
    }

    /** The fields whose desired value differs from Kong's; empty when the entity is up to date. */
    List<FieldChange> update(Entity desiredEntity, Entity currentEntity) {
        begin(desiredEntity, currentEntity);
        walk(desiredEntity.fields(), currentEntity.fields());
        return finish();
    }

    /** The fields a new entity sets: leaves whose value differs from the schema default. */
    List<FieldChange> create(Entity desiredEntity) {
        begin(desiredEntity, null);
        walk(desiredEntity.fields(), null);
        return finish();
    }

    private void begin(Entity desiredEntity, Entity currentEntity) {
        desired = desiredEntity;
        current = currentEntity;
        schema = schemas.schemaOf(desiredEntity);
        buffer.clear();
    }

    private List<FieldChange> finish() {
        List<FieldChange> result = buffer.isEmpty() ? List.of() : List.copyOf(buffer);
        buffer.clear();
        desired = null;
        current = null;
        return result;
    }

    // ---- one walk for updates and creates (a create compares against nothing: current is null) --------------------

    private void walk(Map<String, Object> d, Map<String, Object> c) {
        if (schema == null) {
            walkUntyped("", d, c, false);
        } else {
            walkRecord("", schema.fields(), d, c);
        }
    }

    private void walkRecord(String prefix, List<Field> fields, Map<String, Object> d, Map<String, Object> c) {
        int present = 0;
        for (Field f : fields) {
            String name = f.name();
            Object dv = d.get(name);
            if (dv == null && !d.containsKey(name)) {
                continue;
            }
            present++;
            value(prefix, name, f, dv, c, false);
        }
        if (present < d.size()) {
            int start = buffer.size();
            for (Map.Entry<String, Object> e : d.entrySet()) {
                if (!declares(fields, e.getKey())) {
                    value(prefix, e.getKey(), null, e.getValue(), c, false);
                }
            }
            sortFrom(start, d);
        }
    }

    /** A level without field definitions: a kind not in the catalogue yet, or a custom plugin's config. */
    private void walkUntyped(String prefix, Map<String, Object> d, Map<String, Object> c, boolean anyValue) {
        int start = buffer.size();
        for (Map.Entry<String, Object> e : d.entrySet()) {
            value(prefix, e.getKey(), null, e.getValue(), c, anyValue);
        }
        sortFrom(start, d);
    }

    private void value(String prefix, String name, Field f, Object dv, Map<String, Object> c, boolean anyValue) {
        if (current == null) {
            listValue(prefix, name, f, dv, anyValue);
        } else {
            compareValue(prefix, name, f, dv, c.get(name), anyValue);
        }
    }

    @SuppressWarnings("unchecked")
    private void compareValue(String prefix, String name, Field f, Object dv, Object cv, boolean anyValue) {
        if (dv == cv || (dv != null && dv.equals(cv))) {
            return;
        }
        boolean topLevel = prefix.isEmpty();
        if (topLevel && "tags".equals(name) && sameElements(dv, cv)) {
            return;
        }
        if (topLevel && (isMatchingBasicAuthPassword(name, dv, cv) || isMatchingHashedClientSecret(name, dv, cv))) {
            return;
        }
        String path = topLevel ? name : prefix + '.' + name;
        FieldType type = f != null ? f.type() : anyValue ? FieldType.ANY : null;
        if (dv instanceof Map<?, ?> dm && cv instanceof Map<?, ?> cm) {
            if (type == FieldType.RECORD) {
                walkRecord(path, f.fields(), (Map<String, Object>) dm, (Map<String, Object>) cm);
                return;
            }
            if (type == FieldType.ANY) {
                // a custom plugin's config: compare only the keys the files set, at every depth
                walkUntyped(path, (Map<String, Object>) dm, (Map<String, Object>) cm, true);
                return;
            }
        }
        buffer.add(new FieldChange(path, cv, dv, isSensitive(path)));
    }

    private static boolean sameElements(Object a, Object b) {
        return a instanceof Collection<?> ca && b instanceof Collection<?> cb && new HashSet<>(ca).equals(new HashSet<>(cb));
    }

    private boolean isMatchingBasicAuthPassword(String name, Object dv, Object cv) {
        return desired.kind() == EntityKind.BASICAUTH_CREDENTIAL && "password".equals(name)
                && dv instanceof String plaintext && BasicAuthPassword.matches(plaintext, cv, consumerId());
    }

    /**
     * An oauth2 client secret Kong stores hashed ({@code hash_secret: true}) equals the files' plaintext when hashing
     * it with the stored hash's salt gives the stored hash; a hash written in the files is compared as is.
     */
    private boolean isMatchingHashedClientSecret(String name, Object dv, Object cv) {
        return desired.kind() == EntityKind.OAUTH2_CREDENTIAL && "client_secret".equals(name)
                && Boolean.TRUE.equals(current.field("hash_secret")) && dv instanceof String plaintext
                && cv instanceof String stored && io.kongsync.schema.Pbkdf2Secret.matches(plaintext, stored);
    }

    /** The id Kong salted the password with: the consumer in Kong, or the one the files will create. */
    private UUID consumerId() {
        Object ref = current.field("consumer") instanceof EntityKey k ? k : desired.field("consumer");
        if (!(ref instanceof EntityKey consumer)) {
            return null;
        }
        return currentState.get(consumer).or(() -> desiredState.get(consumer)).map(Entity::id).orElse(null);
    }

    // ---- leaves of a create ---------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void listValue(String prefix, String name, Field f, Object dv, boolean anyValue) {
        String path = prefix.isEmpty() ? name : prefix + '.' + name;
        FieldType type = f != null ? f.type() : anyValue ? FieldType.ANY : null;
        if (dv instanceof Map<?, ?> dm) {
            if (type == FieldType.RECORD) {
                walkRecord(path, f.fields(), (Map<String, Object>) dm, null);
                return;
            }
            if (type == FieldType.ANY) {
                walkUntyped(path, (Map<String, Object>) dm, null, true);
                return;
            }
        }
        if (isUnset(f, dv)) {
            return;
        }
        buffer.add(new FieldChange(path, null, dv, isSensitive(path)));
    }

    private boolean isUnset(Field f, Object value) {
        if (value == null) {
            return true;
        }
        if (f != null) {
            return value.equals(schemas.defaultOf(f));
        }
        return (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private boolean isSensitive(String path) {
        return schemas.isSensitive(desired.kind(), schema, desired, current, path);
    }

    private static boolean declares(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Changes found at a level iterated in map order are sorted by path, so hand-built maps plan the same way. */
    private void sortFrom(int start, Map<String, Object> level) {
        if (!(level instanceof SortedMap) && buffer.size() - start > 1) {
            buffer.subList(start, buffer.size()).sort(BY_PATH);
        }
    }
}
