package io.kongsync.masking;

import io.kongsync.model.State;
import io.kongsync.validate.Diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for keeping secret values out of every message built from the files or from Kong's answers about
 * them: validation problems, Kong's errors, sync outcomes, and so the reports, history, API and logs made of them.
 * Structured output (plans, reports) masks whole fields as {@link #MASK} by itself; this policy masks values inside
 * free text.
 *
 * <p>The secrets are the values of a run: every value a template ({@code ${{ env "DECK_..." }}},
 * {@code ${{ ssm "..." }}}) produced, and every value of the desired state at a secret or substituted field. In a
 * message, each is replaced by {@link #MASK}, ignoring case, also where it appears JSON-escaped (Kong quotes values in
 * JSON and Lua syntax) or URL-encoded:
 * <ul>
 *   <li>a value of {@value #SUBSTRING_MIN_LENGTH} characters or more wherever it occurs, also inside a longer word
 *       ({@code invalid regex: '/(sensitive)('});</li>
 *   <li>a shorter value only where it stands alone, not touching a letter, digit or underscore: masking a secret
 *       {@code 1} inside {@code 10} or {@code v1} would only garble the message, and its digits say nothing.</li>
 * </ul>
 * A diagnostic's file, line, column and path are structure, not values, and are kept.
 */
public final class MaskingPolicy {

    /** What every message and report prints instead of a secret. */
    public static final String MASK = "(sensitive)";

    /** Values at least this long are masked anywhere; shorter ones only as a whole token. */
    public static final int SUBSTRING_MIN_LENGTH = 4;

    public static final MaskingPolicy NONE = new MaskingPolicy(Set.of());

    private final Set<String> secrets;
    /** Every form of every secret, by its first character folded to lower case; longest first. */
    private final Map<Character, List<Form>> formsByFirstChar;

    private record Form(String text, boolean wholeTokenOnly) {
    }

    private MaskingPolicy(Set<String> secrets) {
        this.secrets = secrets;
        Map<Character, List<Form>> forms = new HashMap<>();
        for (String secret : secrets) {
            boolean wholeTokenOnly = secret.codePointCount(0, secret.length()) < SUBSTRING_MIN_LENGTH;
            for (String text : Encodings.of(secret)) {
                forms.computeIfAbsent(fold(text.charAt(0)), c -> new ArrayList<>()).add(new Form(text, wholeTokenOnly));
            }
        }
        forms.values().forEach(list -> list.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed()));
        this.formsByFirstChar = forms;
    }

    /**
     * A policy masking these values; blank ones and booleans are ignored (there is nothing to hide in them: a boolean
     * is one of two words, and masking every "true" would garble every message).
     */
    public static MaskingPolicy of(Collection<String> values) {
        Set<String> secrets = new TreeSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && !value.equalsIgnoreCase("true")
                    && !value.equalsIgnoreCase("false")) {
                secrets.add(value);
            }
        }
        return secrets.isEmpty() ? NONE : new MaskingPolicy(Set.copyOf(secrets));
    }

    /** A policy masking the desired state's secret and substituted values: what Kong may echo back about it. */
    public static MaskingPolicy of(State desired) {
        return of(SecretValues.in(desired));
    }

    /** Masks the secrets of both. */
    public MaskingPolicy and(MaskingPolicy other) {
        if (other.secrets.isEmpty()) {
            return this;
        }
        if (secrets.isEmpty()) {
            return other;
        }
        Set<String> both = new TreeSet<>(secrets);
        both.addAll(other.secrets);
        return new MaskingPolicy(Set.copyOf(both));
    }

    /** The text with every secret replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            Form found = formAt(text, i);
            if (found == null) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, i).append(MASK);
            i += found.text().length();
            copied = i;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The diagnostic with its message masked; where it points is kept. */
    public Diagnostic mask(Diagnostic diagnostic) {
        String message = mask(diagnostic.message());
        return message == null || message.equals(diagnostic.message()) ? diagnostic
                : new Diagnostic(diagnostic.origin(), message);
    }

    public List<Diagnostic> maskAll(List<Diagnostic> diagnostics) {
        if (secrets.isEmpty()) {
            return diagnostics;
        }
        return diagnostics.stream().map(this::mask).toList();
    }

    private Form formAt(String text, int at) {
        List<Form> candidates = formsByFirstChar.get(fold(text.charAt(at)));
        if (candidates == null) {
            return null;
        }
        for (Form form : candidates) {
            if (text.regionMatches(true, at, form.text(), 0, form.text().length())
                    && (!form.wholeTokenOnly() || standsAlone(text, at, at + form.text().length()))) {
                return form;
            }
        }
        return null;
    }

    private static boolean standsAlone(String text, int start, int end) {
        return (start == 0 || !isWordChar(text.codePointBefore(start)))
                && (end == text.length() || !isWordChar(text.codePointAt(end)));
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }

    /** The case folding {@link String#regionMatches(boolean, int, String, int, int)} uses. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    @Override
    public String toString() {
        return "MaskingPolicy[" + secrets.size() + " secret" + (secrets.size() == 1 ? "" : "s") + "]";
    }
}
