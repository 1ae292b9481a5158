package org.sqlwarehouse.deps;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub package's version as dbt reads it: {@code major.minor.patch}, an optional pre-release
 * ({@code -b1}, also written without the dash, {@code 1.0.0b1}) and build metadata, ordered as
 * semver orders them (a pre-release comes before its release; build metadata is ignored).
 */
public record SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, String prerelease, String build)
        implements Comparable<SemanticVersion> {

    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-?((?:0|[1-9A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9A-Za-z-][0-9A-Za-z-]*))*))?"
                    + "(?:\\+([0-9A-Za-z-]*(?:\\.[0-9A-Za-z-]*)*))?");

    /** The version a text spells, or empty when it is not one (the hub lists a few odd ones). */
    public static Optional<SemanticVersion> tryParse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(new BigInteger(m.group(1)), new BigInteger(m.group(2)),
                new BigInteger(m.group(3)), m.group(4), m.group(5)));
    }

    public boolean isPrerelease() {
        return prerelease != null && !prerelease.isEmpty();
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = major.compareTo(other.major);
        if (c == 0) {
            c = minor.compareTo(other.minor);
        }
        if (c == 0) {
            c = patch.compareTo(other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (!isPrerelease() || !other.isPrerelease()) {
            // a release ranks above its pre-releases
            return Boolean.compare(!isPrerelease(), !other.isPrerelease());
        }
        return comparePrerelease(prerelease, other.prerelease);
    }

    /** Semver's rule: dot-separated parts, numbers numerically and below words, fewer parts first. */
    private static int comparePrerelease(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean leftNumber = left[i].matches("\\d+");
            boolean rightNumber = right[i].matches("\\d+");
            int c;
            if (leftNumber && rightNumber) {
                c = new BigInteger(left[i]).compareTo(new BigInteger(right[i]));
            } else if (leftNumber != rightNumber) {
                c = leftNumber ? -1 : 1;
            } else {
                c = left[i].compareTo(right[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /** Equal as versions: build metadata does not count. */
    public boolean sameAs(SemanticVersion other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (isPrerelease() ? "-" + prerelease : "")
                + (build == null || build.isEmpty() ? "" : "+" + build);
    }
}
