package io.kongsync.plan;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;

/**
 * Which fields and names are secret, so that plans and reports show them as {@link MaskingPolicy#MASK}.
 * Some entities are identified by a secret: a key-auth credential by its {@code key}, a jwt secret by its {@code key}.
 * Values inside free text are masked by {@link MaskingPolicy}.
 */
public final class Sensitivity {

    private Sensitivity() {
    }

    /** The field whose value is an entity's identity {@link EntityKey#name()}. */
    public static String identityField(EntityKind kind) {
        return kind.spec().identity() == io.kongsync.model.KindSpec.Identity.FIELD
                || kind.spec().identity() == io.kongsync.model.KindSpec.Identity.USERNAME_OR_CUSTOM_ID
                ? kind.spec().identityField() : "name";
    }

    /** True when the entity's identity name is a secret (per the schema or a substituted value) and must be masked. */
    public static boolean isNameSecret(EntityKey key, Entity desired, Entity current) {
        return isNameSecret(new SchemaLookup(), key, desired, current);
    }

    static boolean isNameSecret(SchemaLookup schemas, EntityKey key, Entity desired, Entity current) {
        Entity any = desired != null ? desired : current;
        if (any == null) {
            return false;
        }
        return schemas.isSensitive(key.kind(), schemas.schemaOf(any), desired, current, identityField(key.kind()));
    }

    /** The identity name as it may be shown: the name, or {@link MaskingPolicy#MASK} when it is a secret. */
    public static String displayName(EntityKey key, Entity desired, Entity current) {
        return isNameSecret(key, desired, current) ? MaskingPolicy.MASK : key.name();
    }
}
