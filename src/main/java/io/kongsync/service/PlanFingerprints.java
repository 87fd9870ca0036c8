package io.kongsync.service;

import io.kongsync.model.EntityKey;
import io.kongsync.plan.Change;
import io.kongsync.plan.FieldChange;
import io.kongsync.plan.Plan;
import io.kongsync.sync.Operation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns plans into {@link PlanFingerprint}s. A plan's values may be secrets (a key-auth key is even an entity's name),
 * and a plain hash of a short secret can be guessed back, so every change is hashed with HMAC-SHA256 under a random
 * key kept in the data directory beside the history ({@value #KEY_FILE}, readable by its owner only), or in the shared
 * store.
 */
public final class PlanFingerprints {

    static final String KEY_FILE = "plan-fingerprint.key";
    private static final int HASH_BYTES = 16;

    private final byte[] key;

    private PlanFingerprints(byte[] key) {
        this.key = key.clone();
    }

    /** Reads the key from {@code dataDir}, or makes one the first time. */
    public static PlanFingerprints open(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                write(file, HexFormat.of().formatHex(fresh));
            }
            return new PlanFingerprints(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the plan fingerprint key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the plan fingerprint key " + file + " is not hex; delete it to make "
                    + "a new one (reviews made before cannot be compared any more)");
        }
    }

    private static void write(Path file, String hex) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, hex, StandardCharsets.UTF_8);
    }

    /** With a given key: a shared store's, or a test's. */
    public static PlanFingerprints withKey(byte[] key) {
        return new PlanFingerprints(key);
    }

    public PlanFingerprint of(Plan plan) {
        List<PlanFingerprint.Change> changes = new ArrayList<>(plan.changes().size());
        for (Change change : plan.changes()) {
            changes.add(new PlanFingerprint.Change(new Operation(0, change, List.of()).describe(), hash(change)));
        }
        return new PlanFingerprint(changes);
    }

    private String hash(Change change) {
        StringBuilder text = new StringBuilder(change.action().label()).append('\n')
                .append(change.key().canonical()).append('\n');
        List<FieldChange> fields = new ArrayList<>(change.fields());
        fields.sort(Comparator.comparing(FieldChange::path));
        for (FieldChange field : fields) {
            text.append(field.path()).append('\u0000').append(stable(field.oldValue())).append('\u0000')
                    .append(stable(field.newValue())).append('\n');
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The same text for the same value whatever the map order: references by identity, maps sorted. */
    private static String stable(Object value) {
        if (value instanceof EntityKey ref) {
            return "ref(" + ref.canonical() + ")";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), stable(v)));
            return sorted.toString();
        }
        if (value instanceof Collection<?> collection) {
            List<String> out = new ArrayList<>(collection.size());
            collection.forEach(element -> out.add(stable(element)));
            return out.toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
