package io.kongsync.sandbox;

import io.kongsync.schema.Field;

import java.util.HashSet;
import java.util.Set;

/** A request path fit for the log: an endpoint key that is a secret (a key-auth key) in the URL is masked. */
final class LoggedPath {

    /** The path words a secret follows: those of the types whose endpoint key is a secret field. */
    private static final Set<String> SECRET_AFTER = secretKeyPaths();

    private LoggedPath() {
    }

    private static Set<String> secretKeyPaths() {
        Set<String> words = new HashSet<>();
        for (EntityType t : EntityType.ALL) {
            Field key = t.schema() == null || t.endpointKey() == null ? null : t.schema().field(t.endpointKey());
            if (key != null && key.isSecret()) {
                words.add(t.path());
                words.add(t.nestedPath());
            }
        }
        return Set.copyOf(words);
    }

    static String of(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        String[] parts = path.split("/", -1);
        boolean masked = false;
        for (int i = 1; i < parts.length; i++) {
            if (SECRET_AFTER.contains(parts[i - 1]) && !parts[i].isEmpty() && !Ids.isUuid(parts[i])) {
                parts[i] = "(sensitive)";
                masked = true;
            }
        }
        return masked ? String.join("/", parts) + query : uri;
    }
}
