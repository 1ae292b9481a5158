package org.sqlwarehouse.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The selection methods of dbt's node selection syntax ({@code tag:nightly}, {@code
 * path:models/staging}, ...), each parsed once into a {@link Matcher} that tests one node in
 * constant-ish time. Graph operators, unions and intersections are {@link NodeSelector}'s business.
 */
final class SelectionMethod {
    /** Method names as written before the ':'; {@code config} takes a key: {@code config.<key>}. */
    static final List<String> NAMES =
            List.of("tag", "path", "file", "fqn", "package", "source", "resource_type", "test_type", "state", "config");

    /** What {@code state:} accepts. */
    static final List<String> STATES = List.of("new", "modified", "unmodified", "old");

    /** What {@code test_type:} accepts: dbt's unit tests, and data tests (generic or singular). */
    static final List<String> TEST_TYPES = List.of("unit", "data", "generic", "singular");

    /** Resource types {@code resource_type:} accepts (dbt's selectable node types). */
    static final List<String> RESOURCE_TYPES = List.of(
            "model", "seed", "test", "source", "snapshot", "analysis", "exposure", "metric",
            "semantic_model", "saved_query", "unit_test");

    private SelectionMethod() {
    }

    /** Tests one node. */
    interface Matcher {
        boolean matches(Facts node);
    }

    /**
     * A node plus what matching derives from it, computed on first use and kept for the rest of one
     * selection, so that many atoms do not split the same fqn or path again.
     */
    static final class Facts {
        final SelectableNode node;
        private String[] flatFqn;
        private String[] pathSegments;

        Facts(SelectableNode node) {
            this.node = node;
        }

        /** The fqn with dotted parts split further, as dbt flattens it ("dots act as separators"). */
        String[] flatFqn() {
            if (flatFqn == null) {
                List<String> parts = new ArrayList<>(node.fqn().size() + 1);
                for (String segment : node.fqn()) {
                    if (segment.indexOf('.') < 0) {
                        parts.add(segment);
                    } else {
                        for (String s : segment.split("\\.", -1)) {
                            parts.add(s);
                        }
                    }
                }
                flatFqn = parts.toArray(new String[0]);
            }
            return flatFqn;
        }

        /** originalFilePath split into segments (see {@link #pathSegments(String)}); empty if none. */
        String[] pathSegments() {
            if (pathSegments == null) {
                String path = node.originalFilePath();
                pathSegments = path == null ? new String[0] : SelectionMethod.pathSegments(path);
            }
            return pathSegments;
        }
    }

    /**
     * Parses one method and value.
     *
     * @param method the text before ':' (e.g. {@code config.materialized}), or null for a bare value
     * @param value non-empty
     * @param error makes the exception for a reason (the caller adds where it happened)
     */
    static Matcher parse(String method, String value, Function<String, SelectionException> error)
            throws SelectionException {
        if (method == null) {
            return defaultMethod(value);
        }
        String[] parts = method.split("\\.", -1);
        String name = parts[0];
        if (!NAMES.contains(name)) {
            String hint = NameSuggester.closest(name, NAMES).map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw error.apply("unknown selection method '" + name + "'" + hint + ". Supported methods: "
                    + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + ", config.<key>");
        }
        if (name.equals("config")) {
            if (parts.length < 2) {
                throw error.apply("the config method needs a key, e.g. config.materialized:table");
            }
            List<String> key = List.of(parts).subList(1, parts.length);
            if (key.contains("")) {
                throw error.apply("empty key in '" + method + "', e.g. config.materialized:table");
            }
            return config(key, value);
        }
        if (parts.length > 1) {
            throw error.apply("the " + name + " method takes no '.<key>' (only config does: config.<key>:value)");
        }
        switch (name) {
            case "tag":
                return tag(value);
            case "path":
                return path(value);
            case "file":
                return file(value);
            case "fqn":
                return fqn(value);
            case "package":
                return packageName(value);
            case "source":
                return source(value, error);
            case "resource_type":
                return resourceType(value, error);
            case "test_type":
                return testType(value, error);
            case "state":
                return state(value, error);
            default:
                throw new IllegalStateException("unhandled method " + name); // NAMES and switch disagree
        }
    }

    /** dbt's default for a bare value: a path if it has a separator, a file name if it ends in an extension, else fqn. */
    private static Matcher defaultMethod(String value) {
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            return path(value);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sql") || lower.endsWith(".csv") || lower.endsWith(".py")) {
            return file(value);
        }
        return fqn(value);
    }

    private static Matcher tag(String value) {
        Wildcard glob = Wildcard.of(value);
        return facts -> {
            for (String tag : facts.node.tags()) {
                if (glob.matches(tag)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * A file or folder relative to the project directory: matches a node whose originalFilePath is
     * that file or lies under that folder, segment by segment ({@code models/staging} does not match
     * {@code models/staging_old/x.sql}). Wildcards work within a segment; {@code **} spans any number
     * of segments. {@code ./}, doubled and trailing slashes and backslashes are tolerated.
     */
    private static Matcher path(String value) {
        String[] segments = pathSegments(value);
        Wildcard[] globs = new Wildcard[segments.length];
        for (int i = 0; i < segments.length; i++) {
            globs[i] = segments[i].equals("**") ? null : Wildcard.of(segments[i]);
        }
        return facts -> matchesPathOrParent(globs, facts.pathSegments());
    }

    /** Segments of a path: '\' read as '/', empty and '.' segments dropped. */
    static String[] pathSegments(String path) {
        String[] raw = path.replace('\\', '/').split("/");
        List<String> kept = new ArrayList<>(raw.length);
        for (String s : raw) {
            if (!s.isEmpty() && !s.equals(".")) {
                kept.add(s);
            }
        }
        return kept.toArray(new String[0]);
    }

    /** Whether the pattern (null entries are **) matches path[0..k) for some k >= 1. */
    private static boolean matchesPathOrParent(Wildcard[] pattern, String[] path) {
        int n = path.length;
        if (n == 0) {
            return false;
        }
        // reach[j]: the pattern so far matches path[0..j).
        boolean[] reach = new boolean[n + 1];
        reach[0] = true;
        for (Wildcard glob : pattern) {
            boolean[] next = new boolean[n + 1];
            boolean any = false;
            if (glob == null) {
                boolean on = false;
                for (int j = 0; j <= n; j++) {
                    on |= reach[j];
                    next[j] = on;
                    any |= on;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    if (reach[j] && glob.matches(path[j])) {
                        next[j + 1] = true;
                        any = true;
                    }
                }
            }
            if (!any) {
                return false;
            }
            reach = next;
        }
        for (int j = 1; j <= n; j++) {
            if (reach[j]) {
                return true;
            }
        }
        return false;
    }

    /** A file name, with or without its extension: {@code stg_orders.sql}, {@code stg_orders}. */
    private static Matcher file(String value) {
        Wildcard glob = Wildcard.of(value);
        return facts -> {
            String[] segments = facts.pathSegments();
            if (segments.length == 0) {
                return false;
            }
            String fileName = segments[segments.length - 1];
            if (glob.matches(fileName)) {
                return true;
            }
            int dot = fileName.lastIndexOf('.');
            return dot > 0 && glob.matches(fileName.substring(0, dot));
        };
    }

    /**
     * dbt's fqn matching: the node's name, or a prefix of its flattened fqn, with or without the
     * leading project name ({@code shop.staging}, {@code staging}, {@code shop.staging.stg_orders},
     * {@code shop}). Wildcards work in each dotted part; a part that is exactly {@code *} matches the
     * whole rest, dots included ({@code *.staging.*}).
     */
    private static Matcher fqn(String value) {
        Wildcard whole = Wildcard.of(value);
        String[] parts = value.split("\\.", -1);
        int slurp = List.of(parts).indexOf("*");
        int fixed = slurp < 0 ? parts.length : slurp;
        Wildcard[] globs = new Wildcard[fixed];
        for (int i = 0; i < fixed; i++) {
            globs[i] = Wildcard.of(parts[i]);
        }
        Wildcard rest = slurp < 0 ? null : Wildcard.of(String.join(".", List.of(parts).subList(slurp, parts.length)));
        int minLength = parts.length;
        return facts -> {
            if (whole.matches(facts.node.name())) {
                return true;
            }
            String[] flat = facts.flatFqn();
            return fqnPrefix(globs, rest, minLength, flat, 0) || (flat.length > 1 && fqnPrefix(globs, rest, minLength, flat, 1));
        };
    }

    private static boolean fqnPrefix(Wildcard[] globs, Wildcard rest, int minLength, String[] flat, int from) {
        if (flat.length - from < minLength) {
            return false;
        }
        for (int i = 0; i < globs.length; i++) {
            if (!globs[i].matches(flat[from + i])) {
                return false;
            }
        }
        if (rest == null) {
            return true;
        }
        StringBuilder tail = new StringBuilder();
        for (int i = from + globs.length; i < flat.length; i++) {
            if (tail.length() > 0) {
                tail.append('.');
            }
            tail.append(flat[i]);
        }
        return rest.matches(tail.toString());
    }

    /** The project or package a node belongs to: the first fqn part. */
    private static Matcher packageName(String value) {
        Wildcard glob = Wildcard.of(value);
        return facts -> !facts.node.fqn().isEmpty() && glob.matches(facts.node.fqn().get(0));
    }

    /**
     * {@code source_name}, {@code source_name.table_name} or {@code package.source_name.table_name},
     * read from a source's unique id {@code source.<package>.<source_name>.<table_name>}.
     */
    private static Matcher source(String value, Function<String, SelectionException> error)
            throws SelectionException {
        String[] parts = value.split("\\.", -1);
        Wildcard pkg;
        Wildcard src;
        Wildcard table;
        switch (parts.length) {
            case 1:
                pkg = null;
                src = Wildcard.of(parts[0]);
                table = null;
                break;
            case 2:
                pkg = null;
                src = Wildcard.of(parts[0]);
                table = Wildcard.of(parts[1]);
                break;
            case 3:
                pkg = Wildcard.of(parts[0]);
                src = Wildcard.of(parts[1]);
                table = Wildcard.of(parts[2]);
                break;
            default:
                throw error.apply("a source selector is source:<source_name>, source:<source_name>.<table_name>"
                        + " or source:<package>.<source_name>.<table_name>");
        }
        return facts -> {
            SelectableNode node = facts.node;
            if (!node.resourceType().equals("source")) {
                return false;
            }
            String id = node.uniqueId();
            String suffix = "." + node.name();
            if (!id.startsWith("source.") || !id.endsWith(suffix) || id.length() <= "source.".length() + suffix.length()) {
                return false;
            }
            String middle = id.substring("source.".length(), id.length() - suffix.length());
            int dot = middle.indexOf('.');
            if (dot <= 0 || dot == middle.length() - 1) {
                return false;
            }
            return (pkg == null || pkg.matches(middle.substring(0, dot)))
                    && src.matches(middle.substring(dot + 1))
                    && (table == null || table.matches(node.name()));
        };
    }

    private static Matcher resourceType(String value, Function<String, SelectionException> error)
            throws SelectionException {
        if (!RESOURCE_TYPES.contains(value)) {
            String hint = NameSuggester.closest(value, RESOURCE_TYPES).map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw error.apply("unknown resource type '" + value + "'" + hint + ". Resource types: "
                    + String.join(", ", RESOURCE_TYPES));
        }
        return facts -> facts.node.resourceType().equals(value);
    }

    /**
     * dbt's test_type: unit tests, or data tests: generic ones (declared in a property file) and
     * singular ones (a .sql file of their own).
     */
    private static Matcher testType(String value, Function<String, SelectionException> error)
            throws SelectionException {
        if (!TEST_TYPES.contains(value)) {
            throw error.apply("unknown test type '" + value + "'. Test types: " + String.join(", ", TEST_TYPES));
        }
        return facts -> {
            String type = facts.node.resourceType();
            if (value.equals("unit")) {
                return type.equals("unit_test");
            }
            if (!type.equals("test")) {
                return false;
            }
            boolean singular = String.valueOf(facts.node.originalFilePath()).toLowerCase(Locale.ROOT).endsWith(".sql");
            return value.equals("data") || value.equals("singular") == singular;
        };
    }

    /**
     * dbt's state comparison, with the environment warehouse.state names: new (absent there),
     * modified (what the project says of it changed), unmodified, old (present there). Nodes without
     * a state (tests, ephemeral models) match none; a selected model still brings its tests along.
     */
    private static Matcher state(String value, Function<String, SelectionException> error)
            throws SelectionException {
        if (!STATES.contains(value)) {
            String hint = value.startsWith("modified.")
                    ? " (dbt's state:modified.<part> subselectors are not supported: state:modified covers them all)"
                    : NameSuggester.closest(value, STATES).map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw error.apply("unknown state '" + value + "'" + hint + ". States: " + String.join(", ", STATES));
        }
        return facts -> {
            StateStatus state = facts.node.state();
            if (state == null) {
                return false;
            }
            return switch (value) {
                case "new" -> state == StateStatus.NEW;
                case "modified" -> state == StateStatus.MODIFIED;
                case "unmodified" -> state == StateStatus.UNMODIFIED;
                default -> state != StateStatus.NEW;
            };
        };
    }

    /**
     * A config value (nested maps through dotted keys: {@code config.meta.owner}) whose string form
     * equals the value; for a list, one element's does. Booleans compare case-insensitively ({@code
     * true}, {@code True}), as does {@code severity}, as in dbt.
     */
    private static Matcher config(List<String> key, String value) {
        boolean ignoreCase = key.equals(List.of("severity"));
        return facts -> {
            Object current = facts.node.config();
            for (String k : key) {
                if (!(current instanceof Map)) {
                    return false;
                }
                current = ((Map<?, ?>) current).get(k);
            }
            if (current instanceof Collection) {
                for (Object element : (Collection<?>) current) {
                    if (configEquals(element, value, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            }
            return configEquals(current, value, ignoreCase);
        };
    }

    private static boolean configEquals(Object actual, String expected, boolean ignoreCase) {
        if (actual == null) {
            return false;
        }
        String text = String.valueOf(actual);
        return ignoreCase || actual instanceof Boolean ? text.equalsIgnoreCase(expected) : text.equals(expected);
    }
}
