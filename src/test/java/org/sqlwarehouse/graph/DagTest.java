package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagTest {

    /** a -> b, a -> c, b -> d, c -> d; c inserted before b so the tie-break is visible. */
    private static Dag diamond() throws CycleException {
        return Dag.builder()
                .node("a").node("c").node("b").node("d")
                .edge("a", "b").edge("a", "c").edge("b", "d").edge("c", "d")
                .build();
    }

    /** Diamond plus d -> f and an isolated e. */
    private static Dag diamondWithTail() throws CycleException {
        return Dag.builder()
                .node("a").node("b").node("c").node("d").node("e").node("f")
                .edge("a", "b").edge("a", "c").edge("b", "d").edge("c", "d").edge("d", "f")
                .build();
    }

    private static void assertRespectsEdges(List<String> order, List<String[]> edges) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            pos.put(order.get(i), i);
        }
        for (String[] e : edges) {
            assertThat(pos.get(e[0])).as("%s before %s", e[0], e[1]).isLessThan(pos.get(e[1]));
        }
    }

    @Test
    void diamondOrderRespectsEveryEdgeAndPrefersInsertionOrder() throws Exception {
        List<String> order = diamond().topologicalOrder();

        assertRespectsEdges(order, List.of(
                new String[] {"a", "b"}, new String[] {"a", "c"},
                new String[] {"b", "d"}, new String[] {"c", "d"}));
        // b and c become ready together; c was inserted first.
        assertThat(order).containsExactly("a", "c", "b", "d");
    }

    @Test
    void readyNodesComeInInsertionOrder() throws Exception {
        Dag dag = Dag.builder().node("z").node("y").node("x").node("w").edge("x", "z").build();

        // z waits for x, but once x is done z (inserted first) beats w.
        assertThat(dag.topologicalOrder()).containsExactly("y", "x", "z", "w");
        assertThat(dag.nodes()).containsExactly("z", "y", "x", "w");
    }

    @Test
    void orderDoesNotDependOnEdgeInsertionOrder() throws Exception {
        Dag first = Dag.builder().node("p").node("q").node("r").node("s")
                .edge("p", "s").edge("q", "s").edge("r", "q").build();
        Dag second = Dag.builder().node("p").node("q").node("r").node("s")
                .edge("r", "q").edge("q", "s").edge("p", "s").build();

        assertThat(first.topologicalOrder()).containsExactly("p", "r", "q", "s");
        assertThat(second.topologicalOrder()).isEqualTo(first.topologicalOrder());
        assertThat(second.upstream("s")).containsExactly("p", "q");
    }

    @Test
    void randomDagOf2000NodesRespectsEveryEdge() throws Exception {
        Random random = new Random(20240501);
        int n = 2000;
        // Ranks give a hidden valid order; insert nodes shuffled so insertion order alone is wrong.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("model.shop.m" + i);
        }
        List<String> insertion = new ArrayList<>(names);
        Collections.shuffle(insertion, random);
        Dag.Builder builder = Dag.builder();
        insertion.forEach(builder::node);
        List<String[]> edges = new ArrayList<>();
        for (int k = 0; k < 6000; k++) {
            int i = random.nextInt(n - 1);
            int j = i + 1 + random.nextInt(n - 1 - i);
            edges.add(new String[] {names.get(i), names.get(j)});
            builder.edge(names.get(i), names.get(j));
        }

        Dag dag = builder.build();
        List<String> order = dag.topologicalOrder();

        assertThat(order).hasSize(n).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names);
        assertRespectsEdges(order, edges);
        // Same input, same output.
        Dag.Builder b2 = Dag.builder();
        insertion.forEach(b2::node);
        edges.forEach(e -> b2.edge(e[0], e[1]));
        assertThat(b2.build().topologicalOrder()).isEqualTo(order);
    }

    @Test
    void emptyGraphHasEmptyOrder() throws Exception {
        Dag dag = Dag.builder().build();

        assertThat(dag.nodes()).isEmpty();
        assertThat(dag.topologicalOrder()).isEmpty();
        assertThat(new ReadyQueue(dag).isDone()).isTrue();
    }

    @Test
    void selfEdgeIsACycleOfLengthOne() {
        CycleException e = catchThrowableOfType(CycleException.class,
                () -> Dag.builder().node("x").node("a").edge("a", "a").build());

        assertThat(e.getCycle()).containsExactly("a", "a");
        assertThat(e).hasMessage("Dependency cycle: a -> a");
    }

    @Test
    void cycleOfLengthTwo() {
        CycleException e = catchThrowableOfType(CycleException.class,
                () -> Dag.builder().node("a").node("b").edge("b", "a").edge("a", "b").build());

        assertThat(e.getCycle()).containsExactly("a", "b", "a");
        assertThat(e).hasMessage("Dependency cycle: a -> b -> a");
    }

    @Test
    void cycleOfLengthFourStartsAtEarliestInsertedNodeAndFollowsEdges() {
        // A node downstream of the cycle is inserted first: it must not appear in the report.
        CycleException e = catchThrowableOfType(CycleException.class, () -> Dag.builder()
                .node("tail").node("root").node("c3").node("c1").node("c2").node("c4")
                .edge("root", "c1")
                .edge("c1", "c2").edge("c2", "c3").edge("c3", "c4").edge("c4", "c1")
                .edge("c4", "tail")
                .build());

        assertThat(e.getCycle()).containsExactly("c3", "c4", "c1", "c2", "c3");
        assertThat(e).hasMessage("Dependency cycle: c3 -> c4 -> c1 -> c2 -> c3");
    }

    @Test
    void cycleWithChordReportsARealPath() {
        List<String[]> edges = List.of(
                new String[] {"a", "b"}, new String[] {"b", "c"}, new String[] {"c", "d"},
                new String[] {"d", "a"}, new String[] {"a", "c"});
        Dag.Builder builder = Dag.builder().node("a").node("b").node("c").node("d");
        edges.forEach(e -> builder.edge(e[0], e[1]));

        CycleException e = catchThrowableOfType(CycleException.class, builder::build);

        // c's first parent (by insertion) is a, so the walk takes the chord: a -> c -> d -> a.
        assertThat(e.getCycle()).containsExactly("a", "c", "d", "a");
        List<String> cycle = e.getCycle();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get(i + 1);
            assertThat(edges).anyMatch(edge -> edge[0].equals(from) && edge[1].equals(to));
        }
    }

    @Test
    void chainOf10000NodesDoesNotOverflow() throws Exception {
        int n = 10_000;
        Dag.Builder builder = Dag.builder();
        // Insert in reverse so the sort has to work against insertion order at every step.
        for (int i = n - 1; i >= 0; i--) {
            builder.node("n" + i);
        }
        for (int i = 0; i + 1 < n; i++) {
            builder.edge("n" + i, "n" + (i + 1));
        }
        Dag dag = builder.build();

        List<String> order = dag.topologicalOrder();
        assertThat(order).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(order.get(i)).isEqualTo("n" + i);
        }
        assertThat(dag.ancestors("n9999")).hasSize(n - 1).first().isEqualTo("n0");
        assertThat(dag.descendants("n0")).hasSize(n - 1).last().isEqualTo("n9999");

        // Closing the chain makes a 10,000-node cycle, found without recursion.
        builder.edge("n9999", "n0");
        CycleException e = catchThrowableOfType(CycleException.class, builder::build);
        assertThat(e.getCycle()).hasSize(n + 1);
        // n9999 was inserted first, so the report starts there and wraps round through n0.
        assertThat(e.getCycle().subList(0, 3)).containsExactly("n9999", "n0", "n1");
        assertThat(e.getCycle().get(n)).isEqualTo("n9999");
    }

    @Test
    void ancestorsAndDescendantsAreTransitiveInTopologicalOrder() throws Exception {
        Dag dag = diamondWithTail();

        assertThat(dag.ancestors("d")).containsExactly("a", "b", "c");
        assertThat(dag.ancestors("f")).containsExactly("a", "b", "c", "d");
        assertThat(dag.ancestors("a")).isEmpty();
        assertThat(dag.descendants("a")).containsExactly("b", "c", "d", "f");
        assertThat(dag.descendants("c")).containsExactly("d", "f");
        assertThat(dag.descendants("e")).isEmpty();
        assertThat(dag.upstream("d")).containsExactly("b", "c");
        assertThat(dag.downstream("a")).containsExactly("b", "c");
        assertThat(dag.upstream("a")).isEmpty();
        assertThatThrownBy(() -> dag.ancestors("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void subgraphKeepsOnlyEdgesAmongChosenNodes() throws Exception {
        Dag dag = diamondWithTail();

        Dag sub = dag.subgraph(Set.of("f", "d", "b", "a"));

        assertThat(sub.nodes()).containsExactly("a", "b", "d", "f");
        assertThat(sub.edgeCount()).isEqualTo(3);
        assertThat(sub.upstream("d")).containsExactly("b");
        assertThat(sub.downstream("a")).containsExactly("b");
        assertThat(sub.descendants("a")).containsExactly("b", "d", "f");
        assertThat(sub.topologicalOrder()).containsExactly("a", "b", "d", "f");
        assertThat(sub.contains("c")).isFalse();
        // The original is untouched.
        assertThat(dag.upstream("d")).containsExactly("b", "c");

        Dag unconnected = dag.subgraph(Set.of("a", "d"));
        assertThat(unconnected.edgeCount()).isZero();
        assertThat(unconnected.topologicalOrder()).containsExactly("a", "d");

        assertThatThrownBy(() -> dag.subgraph(Set.of("a", "zz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz");
    }

    @Test
    void builderRejectsUnknownNodesAndIgnoresDuplicates() throws Exception {
        Dag.Builder builder = Dag.builder().node("a").node("b").node("a");

        assertThatThrownBy(() -> builder.edge("a", "missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> builder.edge("ghost", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");

        Dag dag = builder.edge("a", "b").edge("a", "b").build();
        assertThat(dag.nodes()).containsExactly("a", "b");
        assertThat(dag.edgeCount()).isEqualTo(1);
        assertThat(dag.downstream("a")).containsExactly("b");
    }

    @Test
    void resultsAreImmutable() throws Exception {
        Dag dag = diamond();

        assertThatThrownBy(() -> dag.nodes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dag.topologicalOrder().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dag.downstream("a").clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
