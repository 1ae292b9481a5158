package org.sqlwarehouse.deps;

import java.util.List;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;

/**
 * The versions a hub requirement allows, as dbt's semver reduces them: {@code 1.1.0} (exactly),
 * {@code >=1.0.0}, {@code >1.0.0}, {@code <2.0.0}, {@code <=2.0.0}, and a list of these, which
 * all hold at once. Two requirements of one package are intersected; an empty intersection is a
 * conflict.
 */
public record VersionRange(Bound lower, Bound upper) {
    /** Everything: a package listed without bounds. */
    public static final VersionRange ANY = new VersionRange(null, null);

    /** One end of a range; {@code inclusive} says whether the version itself is in it. */
    public record Bound(SemanticVersion version, boolean inclusive) {
    }

    /**
     * The range of one package entry's {@code version:} (a string or a list of strings).
     *
     * @param where how messages name the entry, e.g. "packages.yml: dbt-labs/dbt_utils"
     */
    public static VersionRange of(List<String> specifiers, String where) throws WarehouseException {
        VersionRange range = ANY;
        for (String specifier : specifiers) {
            Optional<VersionRange> narrowed = range.intersect(parse(specifier, where));
            if (narrowed.isEmpty()) {
                throw new WarehouseException(where + ": the versions " + specifiers + " exclude each other.",
                        "Give bounds that overlap, e.g. version: [\">=1.0.0\", \"<2.0.0\"].");
            }
            range = narrowed.get();
        }
        return range;
    }

    static VersionRange parse(String specifier, String where) throws WarehouseException {
        String s = specifier == null ? "" : specifier.strip();
        String matcher = s.startsWith(">=") || s.startsWith("<=") ? s.substring(0, 2)
                : s.startsWith(">") || s.startsWith("<") || s.startsWith("=") ? s.substring(0, 1) : "";
        Optional<SemanticVersion> version = SemanticVersion.tryParse(s.substring(matcher.length()));
        if (version.isEmpty()) {
            throw new WarehouseException(where + ": '" + specifier + "' is not a version or version bound.",
                    "Write major.minor.patch, optionally after >=, >, <= or <, e.g. version: \">=1.0.0\" or "
                            + "version: [\">=1.0.0\", \"<2.0.0\"].");
        }
        SemanticVersion v = version.get();
        return switch (matcher) {
            case ">=" -> new VersionRange(new Bound(v, true), null);
            case ">" -> new VersionRange(new Bound(v, false), null);
            case "<=" -> new VersionRange(null, new Bound(v, true));
            case "<" -> new VersionRange(null, new Bound(v, false));
            default -> new VersionRange(new Bound(v, true), new Bound(v, true));
        };
    }

    /** The versions both allow, or empty when none can be. */
    public Optional<VersionRange> intersect(VersionRange other) {
        Bound low = higherLower(lower, other.lower);
        Bound high = lowerUpper(upper, other.upper);
        if (low != null && high != null) {
            int c = low.version().compareTo(high.version());
            if (c > 0 || c == 0 && !(low.inclusive() && high.inclusive())) {
                return Optional.empty();
            }
        }
        return Optional.of(new VersionRange(low, high));
    }

    public boolean contains(SemanticVersion version) {
        if (lower != null) {
            int c = version.compareTo(lower.version());
            if (c < 0 || c == 0 && !lower.inclusive()) {
                return false;
            }
        }
        if (upper != null) {
            int c = version.compareTo(upper.version());
            return c < 0 || c == 0 && upper.inclusive();
        }
        return true;
    }

    /** Whether a bound itself names a pre-release, which lets pre-releases be installed, as in dbt. */
    public boolean namesPrerelease() {
        return lower != null && lower.version().isPrerelease() || upper != null && upper.version().isPrerelease();
    }

    private static Bound higherLower(Bound a, Bound b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int c = a.version().compareTo(b.version());
        return c > 0 || c == 0 && !a.inclusive() ? a : b;
    }

    private static Bound lowerUpper(Bound a, Bound b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int c = a.version().compareTo(b.version());
        return c < 0 || c == 0 && !a.inclusive() ? a : b;
    }

    @Override
    public String toString() {
        if (lower != null && upper != null && lower.inclusive() && upper.inclusive()
                && lower.version().sameAs(upper.version())) {
            return lower.version().toString();
        }
        if (lower == null && upper == null) {
            return "any version";
        }
        String low = lower == null ? "" : (lower.inclusive() ? ">=" : ">") + lower.version();
        String high = upper == null ? "" : (upper.inclusive() ? "<=" : "<") + upper.version();
        return low.isEmpty() ? high : high.isEmpty() ? low : low + ", " + high;
    }
}
