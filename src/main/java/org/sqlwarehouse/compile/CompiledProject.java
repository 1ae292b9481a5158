package org.sqlwarehouse.compile;

import java.util.List;
import org.sqlwarehouse.project.NodeProperties;
import java.util.Map;
import org.sqlwarehouse.graph.Dag;

/**
 * Every enabled node of a project, compiled, and the graph between them.
 *
 * @param onRunStart rendered on-run-start statements: the installed packages', then dbt_project.yml's
 * @param onRunEnd   rendered on-run-end statements
 * @param sources    what property files say of each source table, descriptions rendered, by "source.table"
 * @param unitTests  the enabled unit tests of enabled models
 */
public record CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag, List<String> onRunStart,
        List<String> onRunEnd, Map<String, NodeProperties> sources, List<CompiledUnitTest> unitTests) {

    public CompiledProject(String name, Map<String, CompiledNode> nodes, Dag dag, List<String> onRunStart,
            List<String> onRunEnd) {
        this(name, nodes, dag, onRunStart, onRunEnd, Map.of(), List.of());
    }

    /** The same project with other nodes and graph (a selection of it). */
    public CompiledProject with(Map<String, CompiledNode> newNodes, Dag newDag) {
        return new CompiledProject(name, newNodes, newDag, onRunStart, onRunEnd, sources, unitTests);
    }
}
