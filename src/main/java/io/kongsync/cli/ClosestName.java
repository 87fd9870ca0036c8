package io.kongsync.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name a mistyped word was most likely meant to be, by Damerau-Levenshtein distance. */
final class ClosestName {

    private ClosestName() {
    }

    /**
     * The name among {@code names} closest to {@code word}, if it is close enough to be a typo of it. Case and leading
     * dashes are ignored, so {@code VALIDATE} finds {@code validate} and {@code --vesion} finds {@code --version}.
     */
    static Optional<String> to(String word, Collection<String> names) {
        String typed = comparable(word);
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = distance(typed, comparable(name));
            if (distance < closestDistance) {
                closest = name;
                closestDistance = distance;
            }
        }
        return closestDistance <= allowedEdits(typed) ? Optional.ofNullable(closest) : Optional.empty();
    }

    /** More edits than this would suggest unrelated names: "up" is two edits from "dump", "-s" one from "-h". */
    private static int allowedEdits(String word) {
        if (word.length() <= 2) {
            return 0;
        }
        return word.length() <= 4 ? 1 : 2;
    }

    /** Insertions, deletions, substitutions and transpositions of adjacent letters (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String comparable(String name) {
        return name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }
}
