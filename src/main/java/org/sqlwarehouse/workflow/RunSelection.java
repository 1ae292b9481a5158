package org.sqlwarehouse.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.CompiledUnitTest;
import org.sqlwarehouse.graph.Dag;
import org.sqlwarehouse.graph.NodeSelector;
import org.sqlwarehouse.graph.SelectableNode;
import org.sqlwarehouse.graph.SelectionException;
import org.sqlwarehouse.graph.StateStatus;

/**
 * The part of a compiled project a run builds: warehouse.select minus warehouse.exclude, plus the
 * data tests of the selected nodes that warehouse.indirectSelection brings along (dbt's eager by
 * default), minus every test under skipTests. A ref to a node left out reads the relation already in the target.
 */
final class RunSelection {
    private RunSelection() {
    }

    static CompiledProject narrow(CompiledProject project, String select, String exclude, boolean skipTests)
            throws WarehouseException {
        return narrow(project, select, exclude, skipTests, Map.of(), null);
    }

    /**
     * @param indirectSelection warehouse.indirectSelection: which tests of the selected nodes come
     *                          along (eager when null)
     */
    static CompiledProject narrow(CompiledProject project, String select, String exclude, boolean skipTests,
            String indirectSelection) throws WarehouseException {
        return narrow(project, select, exclude, skipTests, Map.of(), indirectSelection);
    }

    /**
     * @param states            how nodes compare with the warehouse.state environment, for state:
     *                          selectors; a node missing here has no state (a test, an ephemeral model)
     *                          and no state: method matches it
     * @param indirectSelection warehouse.indirectSelection: which tests of the selected nodes come
     *                          along (eager when null)
     */
    static CompiledProject narrow(CompiledProject project, String select, String exclude, boolean skipTests,
            Map<String, StateStatus> states, String indirectSelection) throws WarehouseException {
        IndirectSelection indirect = IndirectSelection.parse(indirectSelection);
        boolean selecting = select != null && !select.isBlank() || exclude != null && !exclude.isBlank();
        if (!selecting && !skipTests) {
            return project;
        }
        Map<String, SelectableNode> selectable = new LinkedHashMap<>();
        for (CompiledNode node : project.nodes().values()) {
            selectable.put(node.uniqueId(), new SelectableNode(node.uniqueId(), node.name(),
                    node.resourceType().id(), node.originalFilePath(), node.fqn(), tags(node), node.config(),
                    states.get(node.uniqueId())));
        }
        Set<String> chosen;
        Set<String> excluded;
        try {
            chosen = new LinkedHashSet<>(NodeSelector.select(project.dag(), selectable, select, exclude));
            excluded = exclude == null || exclude.isBlank() ? Set.of()
                    : new LinkedHashSet<>(NodeSelector.select(project.dag(), selectable, exclude, null));
        } catch (SelectionException e) {
            throw new WarehouseException("Invalid selection: " + e.getMessage(),
                    "Use dbt's syntax, e.g. -Dwarehouse.select=\"+orders tag:nightly\" or \"stg_*,config.materialized:view\".");
        }
        Set<String> buildable = new LinkedHashSet<>(chosen);
        if (indirect == IndirectSelection.BUILDABLE) {
            chosen.stream().filter(project.dag()::contains).forEach(c -> buildable.addAll(project.dag().ancestors(c)));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (CompiledNode node : project.nodes().values()) {
            String id = node.uniqueId();
            if (node.isTest()) {
                if (skipTests || excluded.contains(id)) {
                    continue;
                }
                if (chosen.contains(id) || indirectlySelected(project, node, chosen, buildable, indirect)) {
                    ids.add(id);
                }
            } else if (chosen.contains(id)) {
                ids.add(id);
            }
        }
        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        for (String id : ids) {
            nodes.put(id, project.nodes().get(id));
        }
        return project.with(nodes, project.dag().subgraph(ids));
    }

    /** Whether a test comes along with the selected nodes it reads, by the mode of indirect selection. */
    private static boolean indirectlySelected(CompiledProject project, CompiledNode test, Set<String> chosen,
            Set<String> chosenAndUpstream, IndirectSelection mode) {
        List<String> parents = new ArrayList<>();
        for (String p : test.dependsOn()) {
            CompiledNode parent = project.nodes().get(p);
            if (parent != null && !parent.isTest()) {
                parents.add(p);
            }
        }
        boolean anyChosen = parents.stream().anyMatch(chosen::contains);
        return switch (mode) {
            case EAGER -> anyChosen;
            case CAUTIOUS -> anyChosen && chosen.containsAll(parents);
            case BUILDABLE -> anyChosen && chosenAndUpstream.containsAll(parents);
            case EMPTY -> false;
        };
    }

    /**
     * The unit tests warehouse.select and exclude pick: those selected themselves (by name, tag,
     * test_type:unit, resource_type:unit_test, the file that declares them) and those of selected
     * models, as dbt's indirect selection; minus those excluded.
     */
    static List<CompiledUnitTest> unitTests(CompiledProject project, String select, String exclude)
            throws WarehouseException {
        return unitTests(project, select, exclude, Map.of());
    }

    /** @param states as for {@link #narrow}: unit tests follow their models' state */
    static List<CompiledUnitTest> unitTests(CompiledProject project, String select, String exclude,
            Map<String, StateStatus> states) throws WarehouseException {
        if (blank(select) && blank(exclude)) {
            return project.unitTests();
        }
        Map<String, SelectableNode> selectable = new LinkedHashMap<>();
        Dag.Builder dag = Dag.builder();
        for (CompiledNode node : project.nodes().values()) {
            selectable.put(node.uniqueId(), new SelectableNode(node.uniqueId(), node.name(),
                    node.resourceType().id(), node.originalFilePath(), node.fqn(), tags(node), node.config(),
                    states.get(node.uniqueId())));
            dag.node(node.uniqueId());
        }
        project.dag().nodes().forEach(id -> project.dag().upstream(id).forEach(up -> dag.edge(up, id)));
        for (CompiledUnitTest test : project.unitTests()) {
            selectable.put(test.uniqueId(), new SelectableNode(test.uniqueId(), test.name(), "unit_test",
                    test.spec().file(), test.fqn(), Set.copyOf(test.spec().tags()), test.spec().config()));
            dag.node(test.uniqueId());
            if (test.modelUniqueId() != null && project.nodes().containsKey(test.modelUniqueId())) {
                dag.edge(test.modelUniqueId(), test.uniqueId());
            }
        }
        Set<String> chosen;
        Set<String> excluded;
        try {
            Dag graph = dag.build();
            chosen = new LinkedHashSet<>(NodeSelector.select(graph, selectable, blank(select) ? null : select, exclude));
            excluded = blank(exclude) ? Set.of() : new LinkedHashSet<>(NodeSelector.select(graph, selectable, exclude, null));
        } catch (SelectionException | org.sqlwarehouse.graph.CycleException e) {
            throw new WarehouseException("Invalid selection: " + e.getMessage(),
                    "Use dbt's syntax, e.g. -Dwarehouse.select=\"orders test_type:unit tag:fast\".");
        }
        List<CompiledUnitTest> out = new ArrayList<>();
        for (CompiledUnitTest test : project.unitTests()) {
            boolean picked = chosen.contains(test.uniqueId()) || chosen.contains(test.modelUniqueId());
            if (picked && !excluded.contains(test.uniqueId())) {
                out.add(test);
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Set<String> tags(CompiledNode node) {
        Object tags = node.config().get("tags");
        Set<String> out = new LinkedHashSet<>();
        if (tags instanceof List<?> list) {
            list.forEach(t -> out.add(String.valueOf(t)));
        } else if (tags != null) {
            out.add(String.valueOf(tags));
        }
        return out;
    }
}
