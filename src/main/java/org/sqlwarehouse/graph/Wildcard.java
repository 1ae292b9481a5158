package org.sqlwarehouse.graph;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A shell-style pattern as Python's fnmatch (which dbt uses): {@code *} any run of characters,
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character of (or not
 * of) a set; an unclosed {@code [} is literal, an invalid set such as {@code [z-a]} makes the
 * pattern literal. Case-sensitive. A pattern without wildcards is a
 * plain string comparison.
 */
final class Wildcard {
    private final String literal;
    private final Pattern pattern;

    private Wildcard(String literal, Pattern pattern) {
        this.literal = literal;
        this.pattern = pattern;
    }

    static Wildcard of(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literalRun = new StringBuilder();
        boolean wild = false;
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean special = c == '*' || c == '?' || (c == '[' && classEnd(glob, i) > 0);
            if (special && literalRun.length() > 0) {
                regex.append(Pattern.quote(literalRun.toString()));
                literalRun.setLength(0);
            }
            if (c == '*') {
                wild = true;
                regex.append(".*");
            } else if (c == '?') {
                wild = true;
                regex.append('.');
            } else if (c == '[' && classEnd(glob, i) > 0) {
                int end = classEnd(glob, i);
                wild = true;
                int j = i + 1;
                regex.append('[');
                if (glob.charAt(j) == '!') {
                    regex.append('^');
                    j++;
                }
                for (; j < end; j++) {
                    char k = glob.charAt(j);
                    if (k == '-' || k > 127 || Character.isLetterOrDigit(k)) {
                        regex.append(k);
                    } else {
                        regex.append('\\').append(k);
                    }
                }
                regex.append(']');
                i = end;
            } else {
                literalRun.append(c);
            }
        }
        if (literalRun.length() > 0) {
            regex.append(Pattern.quote(literalRun.toString()));
        }
        if (!wild) {
            return new Wildcard(glob, null);
        }
        try {
            return new Wildcard(null, Pattern.compile(regex.toString(), Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            return new Wildcard(glob, null); // e.g. a reversed range [z-a]: fnmatch matches nothing either
        }
    }

    boolean matches(String s) {
        if (s == null) {
            return false;
        }
        return literal != null ? literal.equals(s) : pattern.matcher(s).matches();
    }

    /** Index of the ']' closing the class opened at open, or -1 (fnmatch: a leading ']' or '!]' is literal). */
    private static int classEnd(String s, int open) {
        int j = open + 1;
        if (j < s.length() && s.charAt(j) == '!') {
            j++;
        }
        if (j < s.length() && s.charAt(j) == ']') {
            j++;
        }
        int end = s.indexOf(']', j);
        return end;
    }

    @Override
    public String toString() {
        return literal != null ? literal : pattern.pattern();
    }
}
