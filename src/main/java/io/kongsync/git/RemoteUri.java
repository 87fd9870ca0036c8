package io.kongsync.git;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A repository URI split into what is safe to show and store ({@link #display()}, {@link #fetchUri()}) and the
 * credentials, which travel only through a {@link CredentialsProvider}.
 */
final class RemoteUri {

    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");

    private final String fetchUri;
    private final String display;
    private final boolean ssh;
    private final String username;
    private final String password;
    private final List<String> secrets = new ArrayList<>();

    private RemoteUri(String fetchUri, String display, boolean ssh, String username, String password) {
        this.fetchUri = fetchUri;
        this.display = display;
        this.ssh = ssh;
        this.username = username;
        this.password = password;
    }

    static RemoteUri parse(String uri, String configuredUser, String configuredPassword) {
        URIish parsed = parseUri(uri);
        boolean ssh = isSsh(parsed);
        boolean explicit = notEmpty(configuredUser) || notEmpty(configuredPassword);
        String user = explicit ? configuredUser : parsed.getUser();
        String pass = explicit ? configuredPassword : parsed.getPass();

        URIish forFetch = parsed.setPass(null);
        if (!ssh) {
            // over HTTP the user name may be a token; it goes through the credentials provider instead
            forFetch = forFetch.setUser(null);
        } else if (explicit && notEmpty(configuredUser)) {
            forFetch = forFetch.setUser(configuredUser);
        }
        RemoteUri remote = new RemoteUri(forFetch.toString(), displayOf(parsed), ssh,
                ssh ? null : user, pass);
        addSecret(remote.secrets, pass);
        addSecret(remote.secrets, parsed.getPass());
        if (!ssh) {
            addSecret(remote.secrets, parsed.getUser());
            if (!notEmpty(pass)) {
                // a token given as the user name
                addSecret(remote.secrets, user);
            }
        }
        return remote;
    }

    /** The URI without credentials, for status pages and messages; "(invalid git uri)" when it does not parse. */
    static String display(String uri) {
        try {
            return displayOf(parseUri(uri));
        } catch (SourceException e) {
            return "(invalid git uri)";
        }
    }

    private static String displayOf(URIish parsed) {
        URIish shown = parsed.setPass(null);
        if (!isSsh(parsed)) {
            shown = shown.setUser(null);
        }
        return shown.toString();
    }

    private static URIish parseUri(String uri) {
        try {
            return new URIish(uri);
        } catch (URISyntaxException e) {
            throw new SourceException("git uri is not valid: " + redactUrls(uri));
        }
    }

    private static boolean isSsh(URIish uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            // scp-like user@host:path; a plain local path has no host
            return uri.getHost() != null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("ssh") || s.equals("ssh+git") || s.equals("git+ssh");
    }

    String fetchUri() {
        return fetchUri;
    }

    String display() {
        return display;
    }

    boolean ssh() {
        return ssh;
    }

    /** Null when there is nothing to authenticate with. */
    CredentialsProvider credentials() {
        if (!notEmpty(username) && !notEmpty(password)) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider(username == null ? "" : username,
                password == null ? "" : password);
    }

    /** Removes user-info from any URL in the text and every credential value this URI carries. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = redactUrls(text);
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    static String redactUrls(String text) {
        return URL_USER_INFO.matcher(text).replaceAll("$1");
    }

    void addSecret(String secret) {
        addSecret(secrets, secret);
    }

    private static void addSecret(List<String> secrets, String secret) {
        if (notEmpty(secret) && !secrets.contains(secret)) {
            secrets.add(secret);
            // longest first, so that a secret containing another is replaced whole
            secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
