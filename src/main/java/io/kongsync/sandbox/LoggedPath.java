package io.kongsync.sandbox;

import java.util.Set;

/** A request path fit for the log: a key-auth key in the URL is a secret and is masked. */
final class LoggedPath {

    private static final Set<String> SECRET_AFTER = Set.of("key-auths", "key-auth");

    private LoggedPath() {
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
