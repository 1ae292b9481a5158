package org.sqlwarehouse.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection syntax ({@code --select} / {@code --exclude}) over a {@link Dag}.
 *
 * <p>An expression is whitespace-separated selectors (a union); a selector is comma-separated atoms
 * (an intersection, no spaces around the commas). An atom is {@code [@][N+|+]criterion[+|+N]}:
 *
 * <ul>
 *   <li>{@code +x} adds every ancestor of what x matches, {@code N+x} those up to N levels up;
 *       {@code x+} adds every descendant, {@code x+N} those up to N levels down;
 *   <li>{@code @x} adds the descendants of x and every ancestor of those descendants (what a
 *       build of x's descendants needs); it cannot be combined with a leading {@code +};
 *   <li>the criterion is {@code method:value} ({@code tag}, {@code path}, {@code file}, {@code fqn},
 *       {@code package}, {@code source}, {@code resource_type}, {@code config.<key>}) or a bare
 *       value, which is a path if it contains a slash, a file name if it ends in {@code .sql},
 *       {@code .csv} or {@code .py}, and else an fqn: the node's name, or a prefix of its fqn with
 *       or without the project ({@code stg_orders}, {@code staging}, {@code shop.staging.*});
 *   <li>{@code *}, {@code ?} and {@code [abc]} are wildcards in names, tags, fqn parts, paths, file,
 *       package and source names (not in config values or resource types).
 * </ul>
 *
 * <p>Order of evaluation, as dbt's: each atom's method, then its graph operators, then the
 * intersections, the union, and finally the exclusion. Each atom costs one pass over the nodes
 * plus at most two breadth-first searches from its whole match set, so a selection is linear in
 * the size of the graph times the number of atoms.
 */
public final class NodeSelector {
    /** Shown with every syntax error. */
    static final String VALID_FORMS = "Valid forms: a name or fqn prefix (stg_orders, staging, shop.staging.*),"
            + " a path (models/staging, models/staging/stg_orders.sql), a file name (stg_orders.sql),"
            + " or method:value with method tag, path, file, fqn, package, source, resource_type, test_type, state"
            + " or config.<key>"
            + " (tag:nightly, config.materialized:table, resource_type:seed);"
            + " prefix + for ancestors and suffix + for descendants (+x, x+, 2+x, x+1), @x for x, its descendants"
            + " and their ancestors; wildcards * and ?; spaces separate a union (a b),"
            + " commas without spaces an intersection (tag:nightly,config.materialized:table).";

    private static final int ALL = Integer.MAX_VALUE;
    private static final int NONE = -1;

    private static final Pattern ATOM = Pattern.compile(
            "\\A(?<at>@)?(?<parents>(?<pdepth>\\d*)\\+)?(?:(?<method>[\\w.]+):)?(?<value>.*?)"
                    + "(?<children>\\+(?<cdepth>\\d*))?\\z");

    private NodeSelector() {
    }

    /**
     * The ids selected by {@code select} (null or blank: every node of the dag) minus those selected
     * by {@code exclude} (null or blank: none), in the dag's topological order. Both expressions are
     * checked before anything is evaluated. A selector that matches nothing is not an error.
     *
     * @param nodes what selection knows of each node, by unique id. A dag node missing here matches
     *     no method (it can still be reached by graph operators); entries that are not dag nodes are
     *     ignored.
     * @throws SelectionException if either expression is malformed: an unknown method, an empty
     *     selector, a malformed graph operator or method value
     */
    public static List<String> select(Dag dag, Map<String, SelectableNode> nodes, String select, String exclude)
            throws SelectionException {
        Objects.requireNonNull(dag, "dag");
        Objects.requireNonNull(nodes, "nodes");
        List<List<Atom>> included = isBlank(select) ? null : parse(select, "select");
        List<List<Atom>> excluded = isBlank(exclude) ? null : parse(exclude, "exclude");

        Evaluation evaluation = new Evaluation(dag, nodes);
        BitSet selected;
        if (included == null) {
            selected = new BitSet(dag.size());
            selected.set(0, dag.size());
        } else {
            selected = evaluation.union(included);
        }
        if (excluded != null && !selected.isEmpty()) {
            selected.andNot(evaluation.union(excluded));
        }
        List<String> result = new ArrayList<>(selected.cardinality());
        for (int pos = 0, n = dag.size(); pos < n; pos++) {
            int node = dag.nodeAtTopoPosition(pos);
            if (selected.get(node)) {
                result.add(dag.idAt(node));
            }
        }
        return result;
    }

    /**
     * Whether either expression uses the {@code state:} method, which needs a comparison with another
     * environment before it can be evaluated. Malformed expressions are reported by {@link #select}.
     */
    public static boolean usesState(String select, String exclude) {
        for (String expression : new String[] {select, exclude}) {
            if (isBlank(expression)) {
                continue;
            }
            for (String selector : expression.trim().split("\\s+")) {
                for (String atom : selector.split(",", -1)) {
                    Matcher m = ATOM.matcher(atom);
                    if (m.matches() && "state".equals(m.group("method"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    // ---- parsing ----

    /** One atom: its method as a matcher plus its graph operators. */
    private static final class Atom {
        final SelectionMethod.Matcher matcher;
        final boolean childrensParents;
        /** How many levels of ancestors to add: NONE, a number, or ALL. */
        final int parentsDepth;
        /** How many levels of descendants to add: NONE, a number, or ALL. */
        final int childrenDepth;

        Atom(SelectionMethod.Matcher matcher, boolean childrensParents, int parentsDepth, int childrenDepth) {
            this.matcher = matcher;
            this.childrensParents = childrensParents;
            this.parentsDepth = parentsDepth;
            this.childrenDepth = childrenDepth;
        }
    }

    /** The selectors of an expression (union), each a list of atoms (intersection). */
    private static List<List<Atom>> parse(String expression, String role) throws SelectionException {
        List<List<Atom>> union = new ArrayList<>();
        for (String selector : expression.trim().split("\\s+")) {
            List<Atom> intersection = new ArrayList<>();
            for (String atom : selector.split(",", -1)) {
                if (atom.isEmpty()) {
                    throw error(role, expression, selector, "empty selector between commas;"
                            + " commas join criteria without spaces (tag:nightly,config.materialized:table)"
                            + " and spaces separate alternatives");
                }
                intersection.add(parseAtom(atom, role, expression));
            }
            union.add(intersection);
        }
        return union;
    }

    private static Atom parseAtom(String atom, String role, String expression) throws SelectionException {
        Matcher m = ATOM.matcher(atom);
        if (!m.matches()) { // cannot happen: the value group takes anything
            throw error(role, expression, atom, "cannot parse the selector");
        }
        boolean at = m.group("at") != null;
        String method = m.group("method");
        String value = m.group("value");
        if (at && m.group("parents") != null) {
            throw error(role, expression, atom, "'@' and a leading '+' cannot be combined; @x already adds"
                    + " the ancestors of x and of its descendants");
        }
        if (value.indexOf('+') >= 0 || value.startsWith("@")) {
            throw error(role, expression, atom, "malformed graph operator; use +x, N+x, x+, x+N or @x"
                    + " (at most one operator on each side)");
        }
        if (value.isEmpty()) {
            throw error(role, expression, atom, method != null
                    ? "method '" + method + "' needs a value, e.g. " + method + ":" + example(method)
                    : "nothing to select; a graph operator needs a name or method:value beside it");
        }
        SelectionMethod.Matcher matcher =
                SelectionMethod.parse(method, value, reason -> error(role, expression, atom, reason));
        int parents = m.group("parents") == null ? NONE : depth(m.group("pdepth"));
        int children = m.group("children") == null ? NONE : depth(m.group("cdepth"));
        return new Atom(matcher, at, parents, children);
    }

    private static String example(String method) {
        if (method.startsWith("config")) {
            return "table";
        }
        switch (method) {
            case "tag":
                return "nightly";
            case "path":
                return "models/staging";
            case "resource_type":
                return "model";
            default:
                return "stg_orders";
        }
    }

    /** "" is unlimited; huge numbers are unlimited too. */
    private static int depth(String digits) {
        if (digits.isEmpty() || digits.length() > 9) {
            return ALL;
        }
        return Integer.parseInt(digits);
    }

    private static SelectionException error(String role, String expression, String atom, String reason) {
        String trimmed = expression.trim();
        String where = atom.equals(trimmed)
                ? "Invalid " + role + " expression '" + atom + "'"
                : "Invalid selector '" + atom + "' in " + role + " expression '" + trimmed + "'";
        return new SelectionException(where + ": " + reason + ".\n" + VALID_FORMS);
    }

    // ---- evaluation ----

    /** One selection over one dag: node facts by dag index, and scratch space for searches. */
    private static final class Evaluation {
        private final Dag dag;
        private final int n;
        private final SelectionMethod.Facts[] facts;
        private int[] queue;

        Evaluation(Dag dag, Map<String, SelectableNode> nodes) {
            this.dag = dag;
            this.n = dag.size();
            this.facts = new SelectionMethod.Facts[n];
            for (Map.Entry<String, SelectableNode> e : nodes.entrySet()) {
                if (e.getValue() != null && dag.contains(e.getKey())) {
                    facts[dag.indexOf(e.getKey())] = new SelectionMethod.Facts(e.getValue());
                }
            }
        }

        BitSet union(List<List<Atom>> selectors) {
            BitSet result = new BitSet(n);
            for (List<Atom> intersection : selectors) {
                BitSet part = null;
                for (Atom atom : intersection) {
                    BitSet matched = atom(atom, part);
                    if (part == null) {
                        part = matched;
                    } else {
                        part.and(matched);
                    }
                    if (part.isEmpty()) {
                        break;
                    }
                }
                result.or(part);
            }
            return result;
        }

        /**
         * The nodes one atom selects. When the atom has no graph operator and is intersected with
         * earlier atoms (within), only the nodes in within are tested.
         */
        private BitSet atom(Atom atom, BitSet within) {
            BitSet base = new BitSet(n);
            boolean plain = !atom.childrensParents && atom.parentsDepth == NONE && atom.childrenDepth == NONE;
            if (plain && within != null) {
                for (int i = within.nextSetBit(0); i >= 0; i = within.nextSetBit(i + 1)) {
                    if (facts[i] != null && atom.matcher.matches(facts[i])) {
                        base.set(i);
                    }
                }
                return base;
            }
            for (int i = 0; i < n; i++) {
                if (facts[i] != null && atom.matcher.matches(facts[i])) {
                    base.set(i);
                }
            }
            if (base.isEmpty() || plain) {
                return base;
            }
            if (atom.childrensParents) {
                BitSet withDescendants = reach(base, ALL, false);
                return reach(withDescendants, ALL, true);
            }
            BitSet result = atom.parentsDepth == NONE ? (BitSet) base.clone() : reach(base, atom.parentsDepth, true);
            if (atom.childrenDepth != NONE) {
                result.or(reach(base, atom.childrenDepth, false));
            }
            return result;
        }

        /** from plus every node within depth edges of it, upstream or downstream: one multi-source BFS. */
        private BitSet reach(BitSet from, int depth, boolean upstream) {
            BitSet seen = (BitSet) from.clone();
            if (depth <= 0) {
                return seen;
            }
            if (queue == null) {
                queue = new int[n];
            }
            int tail = 0;
            for (int i = from.nextSetBit(0); i >= 0; i = from.nextSetBit(i + 1)) {
                queue[tail++] = i;
            }
            int head = 0;
            for (int level = 0; level < depth && head < tail; level++) {
                int levelEnd = tail;
                while (head < levelEnd) {
                    int node = queue[head++];
                    for (int next : upstream ? dag.inEdges(node) : dag.outEdges(node)) {
                        if (!seen.get(next)) {
                            seen.set(next);
                            queue[tail++] = next;
                        }
                    }
                }
            }
            return seen;
        }
    }
}
