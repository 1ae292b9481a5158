package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state: method over a chain seed a -> b -> c -> test t, and d alone: a unmodified, b
 * modified, c unmodified, d new; the test has no state.
 */
class StateSelectionTest {
    private static final Dag DAG;
    private static final Map<String, SelectableNode> NODES = new LinkedHashMap<>();

    static {
        add("seed", "a", StateStatus.UNMODIFIED);
        add("model", "b", StateStatus.MODIFIED);
        add("model", "c", StateStatus.UNMODIFIED);
        add("model", "d", StateStatus.NEW);
        add("test", "t", null);
        Dag.Builder b = Dag.builder();
        NODES.keySet().forEach(b::node);
        b.edge("seed.p.a", "model.p.b");
        b.edge("model.p.b", "model.p.c");
        b.edge("model.p.c", "test.p.t");
        try {
            DAG = b.build();
        } catch (CycleException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(String type, String name, StateStatus state) {
        String id = type + ".p." + name;
        NODES.put(id, new SelectableNode(id, name, type, "models/" + name + ".sql", List.of("p", name), Set.of(),
                Map.of(), state));
    }

    private static List<String> select(String select, String exclude) throws SelectionException {
        return NodeSelector.select(DAG, NODES, select, exclude).stream().map(id -> id.substring(id.lastIndexOf('.') + 1))
                .toList();
    }

    @Test
    void eachStateMatchesItsNodesAndNeverANodeWithoutState() throws SelectionException {
        assertThat(select("state:modified", null)).containsExactly("b");
        assertThat(select("state:new", null)).containsExactly("d");
        assertThat(select("state:unmodified", null)).containsExactlyInAnyOrder("a", "c");
        assertThat(select("state:old", null)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void graphOperatorsUnionsIntersectionsAndExcludeWorkAsWithAnyMethod() throws SelectionException {
        assertThat(select("state:modified+", null)).containsExactly("b", "c", "t");
        assertThat(select("+state:modified", null)).containsExactly("a", "b");
        assertThat(select("state:modified state:new", null)).containsExactlyInAnyOrder("b", "d");
        assertThat(select("state:old,resource_type:model", null)).containsExactlyInAnyOrder("b", "c");
        assertThat(select(null, "state:unmodified")).containsExactlyInAnyOrder("b", "d", "t");
    }

    @Test
    void anUnknownStateOrASubselectorIsRefusedNamingTheStates() {
        assertThatThrownBy(() -> select("state:modifed", null)).isInstanceOf(SelectionException.class)
                .hasMessageContaining("did you mean 'modified'").hasMessageContaining("new, modified, unmodified, old");
        assertThatThrownBy(() -> select("state:modified.body", null)).isInstanceOf(SelectionException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void usesStateTellsWhetherAComparisonIsNeeded() {
        assertThat(NodeSelector.usesState("tag:x +state:modified+", null)).isTrue();
        assertThat(NodeSelector.usesState(null, "a,state:new")).isTrue();
        assertThat(NodeSelector.usesState("tag:state stg_state config.state:x", "state")).isFalse();
        assertThat(NodeSelector.usesState(null, null)).isFalse();
    }
}
