package io.kongsync.store;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the shared store is: a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/kongsync}) and its user.
 * The password never prints: {@link #toString} says only whether it is set, and {@link #scrub} takes it out of any
 * message that might carry it (a driver's, say).
 *
 * @param timeout how long getting a connection may take, and so how soon a lost store fails a write
 */
public record StoreSettings(String url, String username, String password, Duration timeout) {

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&;]password=", Pattern.CASE_INSENSITIVE);

    public StoreSettings {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("kongsync.store.url must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:5432/database), was " + (url == null ? "unset" : redact(url)));
        }
        if (PASSWORD_IN_URL.matcher(url).find()) {
            throw new IllegalArgumentException("kongsync.store.url carries a password; set kongsync.store.password "
                    + "instead, which is never shown: " + redact(url));
        }
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(5) : timeout;
    }

    /** The URL as messages show it (a password parameter, which the settings refuse anyway, cut out). */
    public static String redact(String url) {
        return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1(secret)");
    }

    /** {@code message} without the password in it. */
    public String scrub(String message) {
        if (message == null || password == null || password.isEmpty()) {
            return message;
        }
        return message.replace(password, "(secret)");
    }

    /** "jdbc:postgresql://host/db as user kongsync", for messages and logs. */
    public String describe() {
        return url + (username == null || username.isEmpty() ? "" : " as user " + username);
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "(unset)" : "(set)") + ", timeout=" + timeout + "]";
    }
}
