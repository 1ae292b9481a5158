package org.sqlwarehouse.graph;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Finds the closest candidate to a misspelled name, for "did you mean" hints. */
public final class NameSuggester {
    private NameSuggester() {
    }

    /**
     * The candidate with the smallest Damerau/Levenshtein distance to name (case-insensitive), if
     * that distance is at most max(2, name.length()/3); ties go to the first candidate in iteration
     * order; Optional.empty() otherwise. Null candidates are ignored.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(candidates, "candidates");
        String target = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, name.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String lower = candidate.toLowerCase(Locale.ROOT);
            // The distance is at least the length difference: skip candidates that cannot win.
            int bound = Math.min(limit, bestDistance - 1);
            if (Math.abs(lower.length() - target.length()) > bound) {
                continue;
            }
            int d = distance(target, lower);
            if (d <= bound) {
                best = candidate;
                bestDistance = d;
                if (d == 0) {
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
     * adjacent characters, each costing 1 (so "ordres" is one edit from "orders").
     */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[] prevPrev = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    d = Math.min(d, prevPrev[j - 2] + 1);
                }
                cur[j] = d;
            }
            int[] t = prevPrev;
            prevPrev = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
