package org.sqlwarehouse.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order dbt's {@code build} runs in: a node waits for the data tests of the nodes it reads, so
 * that a failing test skips what would be built from data it rejected. A test gates each node that
 * reads everything the test reads (a relationships test between two models gates only what reads
 * both); an edge to the first such nodes suffices, the rest wait on those.
 */
public final class TestGates {
    private TestGates() {
    }

    /**
     * The graph with an edge from each test to the first non-test nodes downstream of all the test's
     * upstream nodes. Adds no cycle: such a node descends from every upstream of the test, so it
     * cannot be an ancestor of the test.
     */
    public static Dag add(Dag dag, Predicate<String> isTest) {
        List<String[]> gates = new ArrayList<>();
        for (String test : dag.nodes()) {
            if (!isTest.test(test) || dag.upstream(test).isEmpty()) {
                continue;
            }
            for (String gated : firstCommonDescendants(dag, dag.upstream(test), isTest)) {
                gates.add(new String[] {test, gated});
            }
        }
        if (gates.isEmpty()) {
            return dag;
        }
        Dag.Builder builder = Dag.builder();
        dag.nodes().forEach(builder::node);
        for (String node : dag.nodes()) {
            for (String child : dag.downstream(node)) {
                builder.edge(node, child);
            }
        }
        gates.forEach(gate -> builder.edge(gate[0], gate[1]));
        try {
            return builder.build();
        } catch (CycleException e) {
            throw new IllegalStateException("test gates made a cycle: " + e.getMessage(), e);
        }
    }

    /** Non-test nodes downstream of every given node, none of whose parents is among them. */
    private static Set<String> firstCommonDescendants(Dag dag, Set<String> upstream, Predicate<String> isTest) {
        if (upstream.size() == 1) {
            Set<String> children = new LinkedHashSet<>();
            for (String child : dag.downstream(upstream.iterator().next())) {
                if (!isTest.test(child)) {
                    children.add(child);
                }
            }
            return children;
        }
        Set<String> common = null;
        for (String node : upstream) {
            Set<String> below = new LinkedHashSet<>(dag.descendants(node));
            below.removeIf(isTest);
            if (common == null) {
                common = below;
            } else {
                common.retainAll(below);
            }
        }
        Set<String> first = new LinkedHashSet<>();
        Set<String> all = new HashSet<>(common);
        for (String node : common) {
            if (dag.upstream(node).stream().noneMatch(all::contains)) {
                first.add(node);
            }
        }
        return first;
    }
}
